# Sourced by the scripts that build tools from Go modules (the Go module proxy is their only source,
# never a release download). The sourcing script defines log().

# module_dir MODULE@VERSION: downloads a module into the Go module cache and prints its directory.
module_dir() {
  local info dir
  info=$(go mod download -json "$1" || true)
  dir=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' <<<"$info")
  if [[ -z "$dir" || ! -d "$dir" ]]; then
    log "could not download $1: $(sed -n 's/^[[:space:]]*"Error": "\(.*\)",$/\1/p' <<<"$info")"
    return 1
  fi
  printf '%s\n' "$dir"
}

# module_copy MODULE@VERSION: prints a new temporary directory holding a writable copy of the module's
# source, for modules `go install` refuses (replace directives): the module cache is read-only, and the
# build may write go.sum or files it generates. The caller removes it.
module_copy() {
  local dir src
  dir=$(module_dir "$1") || return 1
  src=$(mktemp -d)
  cp -r "$dir/." "$src/"
  chmod -R u+w "$src"
  printf '%s\n' "$src"
}

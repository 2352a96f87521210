#!/usr/bin/env bash
# Installs Schemathesis (PyPI, pinned) into a venv of its own under ~/.cache/shopmesh, once; prints
# the path of its `st` command. Idempotent: a complete venv of this version is reused as it is.
set -euo pipefail
SCHEMATHESIS_VERSION=4.32.5
CACHE=${SHOPMESH_CACHE:-$HOME/.cache/shopmesh}
VENV="$CACHE/schemathesis-$SCHEMATHESIS_VERSION"
if [[ ! -f "$VENV/.complete" ]]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2
  touch "$VENV/.complete"
fi
echo "$VENV/bin/st"

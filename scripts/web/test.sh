#!/usr/bin/env bash
# `npm run test:web`: the storefront's unit tier (Vitest + @vue/test-utils) and its browser tier
# (playwright-core driving Debian's chromium against a shop this run starts on its own port).
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$SECONDS
bash scripts/web/ensure-chromium.sh
npm run build --silent -w web -- --logLevel error
(cd web && npx vitest run)
(cd web && npx vitest run -c vitest.e2e.config.ts)
echo "test:web green in $((SECONDS - started))s (screenshots in web/artifacts/)"

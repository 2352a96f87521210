#!/usr/bin/env bash
# `npm run bench:web`: LCP and transfer of home and a product page in headless Chromium (see web/bench/lcp.ts).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/web/ensure-chromium.sh
npm run build --silent -w web -- --logLevel error
cd web && exec npx tsx bench/lcp.ts

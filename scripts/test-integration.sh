#!/usr/bin/env bash
# The integration tier: every test suite again, with the databases on a real PostgreSQL and the state
# store on a real Redis (both from Debian, installed and started by the provisioning script if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/provision/redis-postgres.sh start
eval "$(bash scripts/provision/redis-postgres.sh env)"
echo "integration tier: PostgreSQL at ${DATABASE_URL%%\?*}, Redis at ${REDIS_URL}"
SHOPMESH_TEST_DATABASE_URL="$DATABASE_URL" SHOPMESH_TEST_REDIS_URL="$REDIS_URL" npx jest "$@"

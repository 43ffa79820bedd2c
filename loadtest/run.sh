#!/usr/bin/env bash
# One command per suite: starts the local stack (unless --url), runs a Gatling simulation against the
# gateway, checks the ledger's consistency, stops the stack and prints the HTML report's path.
#
#   bash loadtest/run.sh <smoke|load|stress|soak> [--url URL] [--accounts CSV] [--traders N]
#                        [--jdbc URL] [--stack-timeout S] [--port-wait S] [--no-build] [-Drtx.<knob>=value ...]
#
#   --url URL        test a running gateway instead of starting the local stack (then --accounts names its
#                    accountId,apiKey CSV, default target/rtx-local-accounts.csv, and a balance baseline is
#                    taken from PostgreSQL (--jdbc) before the run)
#   --traders N      funded load traders the local stack seeds (default: smoke 20, load 40, stress 80, soak 40)
#   --no-build       start the stack from the jar already built (services/local/target)
#   -Drtx.rate=200   any knob of the simulations (docs/loadtest.md), passed to Gatling as a system property
#
# Exit status: 0 when the simulation's assertions and the consistency check pass.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SUITE=${1:-}
case "$SUITE" in
  smoke)  SIM=io.rtx.loadtest.SmokeSimulation;  TRADERS=20 ;;
  load)   SIM=io.rtx.loadtest.LoadSimulation;   TRADERS=40 ;;
  stress) SIM=io.rtx.loadtest.StressSimulation; TRADERS=80 ;;
  soak)   SIM=io.rtx.loadtest.SoakSimulation;   TRADERS=40 ;;
  *) echo "usage: bash loadtest/run.sh <smoke|load|stress|soak> [--url URL] [--accounts CSV] [--traders N] [-Drtx.knob=value ...]" >&2
     exit 2 ;;
esac
shift

URL=""
ACCOUNTS=""
JDBC="jdbc:postgresql://127.0.0.1:5432/rtx"
STACK_TIMEOUT=900
BUILD=1
PORT_WAIT=180
PROPS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --url) URL=$2; shift 2 ;;
    --accounts) ACCOUNTS=$2; shift 2 ;;
    --traders) TRADERS=$2; shift 2 ;;
    --jdbc) JDBC=$2; shift 2 ;;
    --stack-timeout) STACK_TIMEOUT=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --port-wait) PORT_WAIT=$2; shift 2 ;;
    -D*) PROPS+=("$1"); shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

STAMP=$(date +%Y%m%d-%H%M%S)
OUT="$ROOT/loadtest/target/runs/$SUITE-$STAMP"
mkdir -p "$OUT"
ORDERS="$OUT/orders.csv"
STACK_PID=""

log() { echo "[loadtest $(date +%H:%M:%S)] $*"; }

stop_stack() {
  [ -n "$STACK_PID" ] || return 0
  if kill -0 "$STACK_PID" 2>/dev/null; then
    log "stopping the local stack (pid $STACK_PID)"
    kill -TERM "$STACK_PID" 2>/dev/null || true
    for _ in $(seq 1 90); do
      kill -0 "$STACK_PID" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$STACK_PID" 2>/dev/null; then
      log "the stack did not stop in 90 s; killing its process group"
      kill -KILL -- "-$STACK_PID" 2>/dev/null || true
    fi
  fi
  # Embedded PostgreSQL/Redis are children of the stack's JVM, in its process group (setsid below).
  if pgrep -g "$STACK_PID" >/dev/null 2>&1; then
    log "left-over processes in the stack's group; killing them"
    kill -KILL -- "-$STACK_PID" 2>/dev/null || true
  fi
  STACK_PID=""
}
trap stop_stack EXIT
trap 'exit 130' INT TERM

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

log "suite $SUITE ($SIM); output in $OUT; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -z "$URL" ]; then
  # The stack's ports are fixed; on a shared machine a test may hold one for a while: wait (bounded).
  wait_until=$((SECONDS + PORT_WAIT))
  for p in 7999 8081 8082 8083 9092 5432 6379; do
    while port_busy "$p"; do
      if [ $SECONDS -ge $wait_until ]; then
        echo "port $p is in use (waited $PORT_WAIT s): another RTX stack, test or server is running here." >&2
        echo "Stop it, or test a running stack with --url http://127.0.0.1:7999 --accounts <its accounts csv>." >&2
        exit 2
      fi
      log "port $p is in use; waiting for it (up to $PORT_WAIT s, --port-wait)"
      sleep 10
    done
  done
  ACCOUNTS="$OUT/accounts.csv"
  # What services/local/run.sh does: build, then java -jar the stack.
  if [ "$BUILD" = 1 ]; then
    log "building the stack (mvn -pl services/local -am install -DskipTests; --no-build skips this)"
    mvn -B -ntp -q -pl services/local -am install -DskipTests >"$OUT/build.log" 2>&1 \
      || { tail -40 "$OUT/build.log" >&2; exit 1; }
  fi
  JAR=services/local/target/rtx-local-exec.jar
  [ -f "$JAR" ] || { echo "no $JAR; run without --no-build" >&2; exit 1; }
  log "starting the local stack ($JAR) with $TRADERS load traders (log: $OUT/stack.log)"
  # setsid: the stack and its embedded PostgreSQL/Redis get their own process group, so nothing outlives us.
  setsid java ${JAVA_OPTS:-} -Drtx.local.load-traders="$TRADERS" -Drtx.local.accounts-file="$ACCOUNTS" \
    -jar "$JAR" >"$OUT/stack.log" 2>&1 &
  STACK_PID=$!
  URL="http://127.0.0.1:7999"
  deadline=$((SECONDS + STACK_TIMEOUT))
  until grep -q "RTX is running locally" "$OUT/stack.log" 2>/dev/null \
        && curl -fsS -m 5 -o /dev/null "$URL/health" 2>/dev/null; do
    if ! kill -0 "$STACK_PID" 2>/dev/null; then
      echo "the local stack exited before it was ready; last lines of $OUT/stack.log:" >&2
      tail -40 "$OUT/stack.log" >&2
      exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "the local stack was not ready within $STACK_TIMEOUT s; last lines of $OUT/stack.log:" >&2
      tail -40 "$OUT/stack.log" >&2
      exit 1
    fi
    sleep 2
  done
  log "stack ready: $URL ($(($(wc -l <"$ACCOUNTS") - 1)) funded traders)"
  EXPECT=(--accounts "$ACCOUNTS")
else
  ACCOUNTS=${ACCOUNTS:-$ROOT/target/rtx-local-accounts.csv}
  curl -fsS -m 10 -o /dev/null "$URL/health" || { echo "no healthy gateway at $URL/health" >&2; exit 1; }
  EXPECT=(--baseline "$OUT/baseline.csv")
fi

# The consistency check runs from the module's classes and its runtime classpath (plain java: clean exit codes).
mvn -B -ntp -q -pl loadtest dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$OUT/classpath.txt" >"$OUT/classpath.log" 2>&1 \
  || { cat "$OUT/classpath.log" >&2; exit 1; }
check() {
  java -cp "$ROOT/loadtest/target/classes:$(cat "$OUT/classpath.txt")" io.rtx.loadtest.ConsistencyCheck "$@" \
    --jdbc "$JDBC" --timeout "${RTX_CHECK_TIMEOUT:-300}"
}
if [ "${EXPECT[0]}" = "--baseline" ]; then
  mvn -B -ntp -q -pl loadtest compile >/dev/null
  log "taking a balance baseline before the run"
  check snapshot --out "$OUT/baseline.csv"
fi

log "running $SIM against $URL; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
set +e
mvn -B -ntp -pl loadtest gatling:test -Dgatling.simulationClass="$SIM" \
  -Drtx.baseUrl="$URL" -Drtx.accountsFile="$ACCOUNTS" -Drtx.ordersFile="$ORDERS" "${PROPS[@]}" \
  2>&1 | tee "$OUT/gatling.log"
GATLING_RC=${PIPESTATUS[0]}
set -e
log "simulation finished (exit $GATLING_RC); load average: $(cut -d' ' -f1-3 /proc/loadavg)"

CHECK_RC=0
if [ -f "$ORDERS" ]; then
  log "consistency check against the ledger ($JDBC)"
  set +e
  check verify --orders "$ORDERS" "${EXPECT[@]}" 2>&1 | tee "$OUT/consistency.log"
  CHECK_RC=${PIPESTATUS[0]}
  set -e
else
  echo "no order log at $ORDERS (the simulation did not finish); consistency check skipped" >&2
  CHECK_RC=1
fi

stop_stack

REPORT=$(grep -o 'file://[^ ]*index.html' "$OUT/gatling.log" | tail -1 || true)
[ -n "$REPORT" ] || REPORT=$(ls -td "$ROOT"/loadtest/target/gatling/*/ 2>/dev/null | head -1)index.html
echo
echo "================================================================================"
echo " suite:             $SUITE"
echo " simulation:        $([ "$GATLING_RC" = 0 ] && echo "passed" || echo "FAILED (exit $GATLING_RC)")"
echo " consistency check: $([ "$CHECK_RC" = 0 ] && echo "passed" || echo "FAILED (exit $CHECK_RC)")"
echo " report:            ${REPORT#file://}"
echo " logs:              $OUT"
echo "================================================================================"
# Per request: count, KO, rate and p50/p95/p99/max from the HTML report (needs python3; the report has it all).
if command -v python3 >/dev/null && [ -f "${REPORT#file://}" ]; then
  python3 "$ROOT/loadtest/report-table.py" "${REPORT#file://}" | grep -v '^sse close' || true
fi
[ "$GATLING_RC" = 0 ] && [ "$CHECK_RC" = 0 ]

#!/usr/bin/env bash
# Builds RTX and starts the whole pipeline on this machine: an in-process KRaft broker, embedded
# PostgreSQL and Redis, and the ledger, risk, matching and gateway services. Ctrl-C stops everything.
# Ports can be moved with -Drtx.local.<kafka|postgres|redis|gateway>-port=N in JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/../.."

mvn -B -ntp -q -pl services/local -am install -DskipTests
exec java ${JAVA_OPTS:-} -jar services/local/target/rtx-local-exec.jar "$@"

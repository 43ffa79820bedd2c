#!/usr/bin/env bash
# The full local chaos suite. Builds the services and this module (offline if the Maven cache has
# everything), then runs io.rtx.chaos.ChaosSuite with the given options, e.g.
#   chaos/run.sh --all
#   chaos/run.sh --experiments=matching-kill,risk-kill --faults=5 --rate=200
#   chaos/run.sh --netns --experiments=broker-unreachable     (nftables experiments, root only)
# --netns runs the whole suite in a private network namespace (unshare -n, loopback only), the only
# place the nftables experiments may add rules. Options: chaos/run.sh --help. Exit 1 on any violation.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--netns" ]; then
  shift
  exec unshare -n bash -c 'ip link set lo up && exec "$0" "$@"' "$0" "$@"
fi
if [ "${CHAOS_SKIP_BUILD:-false}" != "true" ]; then
  mvn -B -ntp -o -q -pl chaos -am package -DskipTests || mvn -B -ntp -q -pl chaos -am package -DskipTests
fi
exec java -Xmx1g -cp "chaos/target/classes:$(cat chaos/target/chaos.classpath)" io.rtx.chaos.ChaosSuite "$@"

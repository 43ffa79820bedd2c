#!/bin/sh
# Restores an RTX PostgreSQL dump (from docker/dr/backup.sh or the chart's backup CronJob) into a fresh
# database, and rewinds the ledger's consumer group so that the ledger re-projects everything Kafka holds
# past the dump. See docs/disaster-recovery.md for the whole procedure.
#
#   docker/dr/restore.sh [--drop-existing] [--skip-kafka] DUMP
#
# Before running: stop every ledger replica (and the gateway, whose tables are in the same database).
#
# 1. Kafka first (fails before anything is dropped if a ledger is still in the group): consumer group
#    $RTX_LEDGER_GROUP (default rtx-ledger) is reset to the earliest offset of the ledger's five input
#    topics with kafka-consumer-groups. Why: the group's committed offsets are NEWER than the dump, so a
#    ledger resuming from them would never re-project the events between the dump and the disaster.
#    Replaying from the start over the restored tables is safe: every projection is an idempotent upsert
#    guarded by event id or sequence. Needs KAFKA_BOOTSTRAP_SERVERS and the kafka-consumer-groups tool
#    of any Kafka distribution ($KAFKA_CONSUMER_GROUPS, default kafka-consumer-groups.sh; extra client
#    settings via $KAFKA_COMMAND_CONFIG, a properties file passed as --command-config). --skip-kafka skips
#    this step; then reset the group yourself before a ledger starts (the command is printed).
# 2. PostgreSQL: the target database $PGDATABASE (default rtx) must not exist, or --drop-existing drops it
#    (terminating its connections). It is created, owned by $PGUSER, and the dump is restored into it with
#    pg_restore --no-owner --exit-on-error. A TimescaleDB dump is wrapped in timescaledb_pre_restore() /
#    timescaledb_post_restore() as TimescaleDB requires (that branch is not exercised by the drill: no
#    TimescaleDB on the build machines).
#
# Connection: PGHOST, PGPORT, PGUSER, PGPASSWORD (or ~/.pgpass); the database is created and dropped
# through the maintenance database $PGMAINTENANCE_DB (default postgres). Needs pg_restore, psql,
# createdb/dropdb of major 15 or newer (POSIX sh: runs in the PostgreSQL image too). Prints one line:
#   restore done: <database> from <dump> seconds=<duration>
set -eu

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; exit 2; }

drop_existing=false
skip_kafka=false
dump=""
while [ $# -gt 0 ]; do
  case "$1" in
    --drop-existing) drop_existing=true; shift ;;
    --skip-kafka) skip_kafka=true; shift ;;
    -h|--help) usage ;;
    -*) echo "restore: unknown option: $1" >&2; usage ;;
    *) [ -z "$dump" ] || usage; dump="$1"; shift ;;
  esac
done
[ -n "$dump" ] || usage
[ -r "$dump" ] || { echo "restore: cannot read $dump" >&2; exit 1; }

db="${PGDATABASE:-rtx}"
maintenance="${PGMAINTENANCE_DB:-postgres}"
group="${RTX_LEDGER_GROUP:-rtx-ledger}"
topics="rtx.execution-reports.v1 rtx.trades.v1 rtx.book-updates.v1 rtx.account-events.v1 rtx.instruments.v1 rtx-risk-accounts-changelog"
for tool in pg_restore psql createdb dropdb; do
  command -v "$tool" >/dev/null 2>&1 || { echo "restore: $tool not found (apt-get install -y postgresql-client-15)" >&2; exit 1; }
done
# A readable custom-format archive, before anything is touched.
toc=$(pg_restore --list "$dump") || { echo "restore: $dump is not a pg_dump custom-format archive" >&2; exit 1; }

topic_args=""
for t in $topics; do topic_args="$topic_args --topic $t"; done
if [ "$skip_kafka" = true ]; then
  echo "restore: --skip-kafka: before starting any ledger, reset its group to the earliest offsets:" >&2
  echo "  kafka-consumer-groups.sh --bootstrap-server <brokers> --group $group --reset-offsets --to-earliest$topic_args --execute" >&2
else
  : "${KAFKA_BOOTSTRAP_SERVERS:?restore: set KAFKA_BOOTSTRAP_SERVERS (or pass --skip-kafka and reset group $group yourself)}"
  config_args=""
  [ -z "${KAFKA_COMMAND_CONFIG:-}" ] || config_args="--command-config $KAFKA_COMMAND_CONFIG"
  echo "restore: resetting consumer group $group to the earliest offsets of $topics"
  # Word splitting intended: the command may be several words (e.g. docker compose exec -T kafka ...).
  # shellcheck disable=SC2086
  ${KAFKA_CONSUMER_GROUPS:-kafka-consumer-groups.sh} --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" $config_args \
    --group "$group" --reset-offsets --to-earliest $topic_args --execute >/dev/null
fi

# Seconds with a fraction where date supports %N (GNU), whole seconds otherwise (busybox).
now() { d=$(date +%s.%N); case "$d" in *N) date +%s ;; *) echo "$d" ;; esac; }
start=$(now)
sql() { psql -X -q -v ON_ERROR_STOP=1 -d "$1" -tAc "$2"; }

case "$db" in *\'*) echo "restore: unsupported database name $db" >&2; exit 1 ;; esac
exists=$(sql "$maintenance" "SELECT 1 FROM pg_database WHERE datname = '$db'")
if [ -n "$exists" ]; then
  if [ "$drop_existing" != true ]; then
    echo "restore: database $db exists; stop its clients and pass --drop-existing to replace it" >&2
    exit 1
  fi
  echo "restore: dropping database $db"
  dropdb --maintenance-db="$maintenance" --force "$db"
fi
echo "restore: creating database $db"
createdb --maintenance-db="$maintenance" "$db"

timescale=false
if printf '%s\n' "$toc" | grep -q ' EXTENSION - timescaledb$'; then timescale=true; fi
if [ "$timescale" = true ]; then
  sql "$db" "CREATE EXTENSION IF NOT EXISTS timescaledb; SELECT timescaledb_pre_restore();" >/dev/null
fi
echo "restore: pg_restore $dump into $db"
if [ "$timescale" = true ]; then
  # TimescaleDB's own procedure (restore into a database prepared by timescaledb_pre_restore()); it may
  # print notices about its catalog, so errors are checked by the row counts printed afterwards instead.
  pg_restore --no-owner --dbname="$db" "$dump" || echo "restore: pg_restore reported errors (see above)" >&2
  sql "$db" "SELECT timescaledb_post_restore();" >/dev/null
else
  pg_restore --no-owner --exit-on-error --dbname="$db" "$dump"
fi
sql "$db" "ANALYZE" >/dev/null
for table in orders trades accounts balances instruments api_keys client_orders; do
  echo "restore: $table $(sql "$db" "SELECT count(*) FROM $table") rows"
done

end=$(now)
seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
echo "restore done: $db from $dump seconds=$seconds"

#!/bin/sh
# Logical backup of the RTX PostgreSQL database (ledger projections + the gateway's api_keys and
# client_orders) as a custom-format pg_dump, safe to run while the ledger and gateway keep writing:
# pg_dump reads one consistent snapshot (a repeatable-read transaction), so every ledger transaction
# (e.g. a trade and its three candles) is either wholly in the dump or not at all.
#
#   docker/dr/backup.sh [-o FILE | -d DIR]
#
# Connection: the standard libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD (or ~/.pgpass),
# PGDATABASE (default rtx). Output: FILE, or DIR/rtx-<UTC timestamp>.dump (DIR default: $BACKUP_DIR, else
# ./backups). The dump is written aside as *.partial and renamed when complete, so a failed run never
# looks like a good backup. Needs pg_dump of the server's major or newer (15: `apt-get install -y
# postgresql-client-15`, or run it inside the PostgreSQL image: POSIX sh, no bash needed). Prints one line:
#   backup written: <file> bytes=<size> seconds=<duration>
# See docs/disaster-recovery.md.
set -eu

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; exit 2; }

out=""
dir="${BACKUP_DIR:-./backups}"
while [ $# -gt 0 ]; do
  case "$1" in
    -o) [ $# -ge 2 ] || usage; out="$2"; shift 2 ;;
    -d) [ $# -ge 2 ] || usage; dir="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "backup: unknown argument: $1" >&2; usage ;;
  esac
done

export PGDATABASE="${PGDATABASE:-rtx}"
command -v pg_dump >/dev/null 2>&1 || { echo "backup: pg_dump not found (apt-get install -y postgresql-client-15)" >&2; exit 1; }

if [ -z "$out" ]; then
  mkdir -p "$dir"
  out="$dir/rtx-$(date -u +%Y%m%dT%H%M%SZ).dump"
else
  mkdir -p "$(dirname "$out")"
fi
partial="$out.partial"
trap 'rm -f "$partial"' EXIT

# Seconds with a fraction where date supports %N (GNU), whole seconds otherwise (busybox).
now() { d=$(date +%s.%N); case "$d" in *N) date +%s ;; *) echo "$d" ;; esac; }

start=$(now)
pg_dump --format=custom --compress=6 --file="$partial"
mv "$partial" "$out"
trap - EXIT
end=$(now)

bytes=$(wc -c <"$out" | tr -d ' ')
seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
echo "backup written: $out bytes=$bytes seconds=$seconds"

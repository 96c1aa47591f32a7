#!/usr/bin/env bash
# One backup of the Jaring registry, then rotation: the newest BACKUP_KEEP backups stay, older ones go.
# Run daily by jaring-backup.timer (see README.md), or by hand as the registry's OS user:
#   sudo -u jaring bash -c 'set -a; . /etc/jaring/jaring.env; /opt/jaring/deploy/backup/jaring-backup.sh'
#
# SQLite: `admin-cli backup`, SQLite's online backup, consistent while the registry runs and writes.
# PostgreSQL: pg_dump in custom format; the connection comes from DATABASE_URL through libpq's PG*
# variables, so the password never appears on a command line (`ps` shows command lines to everyone).
# Every file is written under a temporary name and renamed when whole, mode 0600 (umask 077), so a
# backup under its final name is never half-written and rotation only ever counts whole backups.
set -euo pipefail
umask 077

JARING_DIR=${JARING_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
BACKUP_DIR=${BACKUP_DIR:-/var/lib/jaring-backup}
BACKUP_KEEP=${BACKUP_KEEP:-14}
DATABASE_URL=${DATABASE_URL:-sqlite:./data/jaring.sqlite}

if ! [[ $BACKUP_KEEP =~ ^[1-9][0-9]*$ ]]; then
  echo "BACKUP_KEEP must be a whole number of at least 1, got \"$BACKUP_KEEP\"" >&2
  exit 2
fi
mkdir -p -m 0700 "$BACKUP_DIR"
stamp=$(date -u +%Y%m%dT%H%M%SZ)

backup_postgres() {
  local file=$1 pair
  # NUL-separated NAME=value pairs parsed by Node's URL parser: no eval, any character in a password.
  while IFS= read -r -d '' pair; do export "${pair?}"; done < <(
    node -e '
      const url = new URL(process.env.DATABASE_URL);
      const out = {
        PGHOST: url.searchParams.get("host") ?? decodeURIComponent(url.hostname),
        PGPORT: url.port || url.searchParams.get("port") || "",
        PGUSER: decodeURIComponent(url.username),
        PGPASSWORD: decodeURIComponent(url.password),
        PGDATABASE: decodeURIComponent(url.pathname.slice(1)),
        PGSSLMODE: url.searchParams.get("sslmode") ?? "",
      };
      for (const [name, value] of Object.entries(out)) if (value) process.stdout.write(`${name}=${value}\0`);
    '
  )
  pg_dump --format=custom --file="$file.partial"
  mv -- "$file.partial" "$file"
}

case $DATABASE_URL in
  postgres://* | postgresql://*)
    file="$BACKUP_DIR/jaring-$stamp.dump"
    backup_postgres "$file"
    ;;
  *)
    file="$BACKUP_DIR/jaring-$stamp.sqlite"
    (cd "$JARING_DIR" && DATABASE_URL=$DATABASE_URL node --import tsx src/server/admin-cli.ts backup "$file")
    ;;
esac

# Rotation, only after a whole new backup exists (set -e stops before it otherwise). Only files named
# by this script are counted; the timestamps sort by name in time order.
mapfile -t old < <(
  find "$BACKUP_DIR" -maxdepth 1 -type f \
    \( -name 'jaring-[0-9]*T[0-9]*Z.sqlite' -o -name 'jaring-[0-9]*T[0-9]*Z.dump' \) -printf '%f\n' |
    sort | head -n "-$BACKUP_KEEP"
)
for name in "${old[@]}"; do rm -f -- "${BACKUP_DIR:?}/$name"; done
echo "Backup $file written; ${#old[@]} older backup(s) removed, keeping the newest $BACKUP_KEEP."

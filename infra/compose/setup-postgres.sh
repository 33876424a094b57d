#!/bin/sh
# Run by the temporal-admin-tools service: creates Temporal's two PostgreSQL databases and brings their
# schemas to the version the server image expects. Safe to run again (create tolerates existing databases,
# update-schema only applies what is missing).
set -eu
: "${POSTGRES_SEEDS:?}" "${POSTGRES_USER:?}"
PORT="${DB_PORT:-5432}"
SCHEMA=/etc/temporal/schema/postgresql/v12

until nc -z -w 5 "$POSTGRES_SEEDS" "$PORT"; do echo "waiting for PostgreSQL at $POSTGRES_SEEDS:$PORT"; sleep 2; done

for db in temporal temporal_visibility; do
  dir=temporal; [ "$db" = temporal_visibility ] && dir=visibility
  sql() { temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -u "$POSTGRES_USER" -p "$PORT" --db "$db" "$@"; }
  sql create || true
  sql setup-schema -v 0.0 || true
  sql update-schema -d "$SCHEMA/$dir/versioned"
done
echo "PostgreSQL schema ready"

#!/usr/bin/env bash
# Migrations for every provider at once, and the idempotent SQL scripts for the server providers.
#   database/migrations.sh add NAME   scaffold migration NAME for SQLite, SQL Server and PostgreSQL, then refresh the scripts
#   database/migrations.sh scripts    regenerate database/sqlserver.sql and database/postgresql.sql
# A test (MigrationScriptsTests) fails when the scripts are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null

conn() {
  case "$1" in
    Sqlite) echo "Data Source=design-time.db" ;;
    SqlServer) echo "Server=localhost;Database=netautomation;Trusted_Connection=True;TrustServerCertificate=True" ;;
    PostgreSql) echo "Host=localhost;Database=netautomation" ;;
  esac
}

ef() { # provider, ef arguments...
  local provider=$1; shift
  dotnet ef "$@" --project "src/NetAutomation.Migrations.$provider" --startup-project src/NetAutomation.Web \
    -- --Database:Provider="$provider" --Database:ConnectionString="$(conn "$provider")" --Lab:SeedDemoUsers=false
}

scripts() {
  dotnet build src/NetAutomation.Web -v q -nologo >/dev/null
  ef SqlServer migrations script --idempotent --no-build --output database/sqlserver.sql
  ef PostgreSql migrations script --idempotent --no-build --output database/postgresql.sql
}

case "${1:-}" in
  add)
    [ -n "${2:-}" ] || { echo "usage: $0 add NAME" >&2; exit 2; }
    for p in Sqlite SqlServer PostgreSql; do ef "$p" migrations add "$2" --output-dir Migrations; done
    scripts ;;
  scripts) scripts ;;
  *) echo "usage: $0 add NAME | scripts" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# PostgreSQL peer: COPY the file into a staging table and run the rules in SQL, through
# psql against the server in PGHOST/PGPORT/PGUSER. Prints the finding count per rule as JSON;
# with PEAK_MEMORY_FILE set, writes there the server process's peak memory in kB.
# Usage: postgres_validate.sh FILE CATALOGUE SUBMITTED PERIOD_START OUT
set -euo pipefail
here=$(dirname "$0")
sed -e "s|{FILE}|$1|g" -e "s|{CATALOGUE}|$2|g" -e "s|{SUBMITTED}|$3|g" -e "s|{PERIOD_START}|$4|g" -e "s|{OUT}|$5|g" \
    "$here/rules_postgres.sql" | psql -X -q -v ON_ERROR_STOP=1 -d "${PGDATABASE:-postgres}"


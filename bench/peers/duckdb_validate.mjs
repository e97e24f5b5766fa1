// DuckDB peer: runs rules_duckdb.sql on a DID file and prints the finding count per rule
// as JSON. Usage: node duckdb_validate.mjs FILE CATALOGUE SUBMITTED PERIOD_START OUT
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const [file, catalogue, submitted, periodStart, out] = process.argv.slice(2);
const sql = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'rules_duckdb.sql'), 'utf8')
    .replaceAll('{FILE}', file).replaceAll('{CATALOGUE}', catalogue).replaceAll('{SUBMITTED}', submitted)
    .replaceAll('{PERIOD_START}', periodStart).replaceAll('{OUT}', out);
const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
await connection.run(sql);
const counts = await connection.runAndReadAll('SELECT rule, count(*) AS n FROM findings GROUP BY rule ORDER BY rule');
console.log(JSON.stringify(Object.fromEntries(counts.getRows().map(([rule, n]) => [rule, Number(n)]))));

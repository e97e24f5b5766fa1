// DuckDB peer for loading: CREATE TABLE AS read_csv of a DID file into a DuckDB database
// file, committed (DuckDB checkpoints on close). Usage: node duckdb_load.mjs FILE DATABASE
import { DuckDBInstance } from '@duckdb/node-api';

const [file, database] = process.argv.slice(2);
const db = await DuckDBInstance.create(database);
const connection = await db.connect();
await connection.run(`CREATE TABLE records AS SELECT * FROM read_csv('${file}', header = true, all_varchar = true)`);
await connection.run('CHECKPOINT');
connection.closeSync();
db.closeSync?.();

// DuckDB peer for the published tables: table 2 (median days from request to test, by
// provider, month and modality, with the year and England) computed straight from the raw
// records, as an analyst without the cube would. The generated file is loaded and copied to
// PROVIDERS providers x 12 months in DuckDB's own memory first, its dates already typed (the
// columns the table needs); only the query is timed, best
// and median of RUNS. Usage: node duckdb_statistics.mjs FILE PUBLISHED_MODALITY_CSV PROVIDERS RUNS
import { DuckDBInstance } from '@duckdb/node-api';

const [file, split, providers, runs] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
await c.run(`CREATE TABLE one AS SELECT * FROM read_csv('${file}', header = true, all_varchar = true)`);
await c.run(`CREATE TABLE split AS SELECT * FROM read_csv('${split}', header = true, all_varchar = true)`);
await c.run(`CREATE TABLE records AS
  SELECT 'P' || lpad(p::VARCHAR, 3, '0') AS provider, strftime(DATE '2025-04-01' + INTERVAL (m) MONTH, '%Y-%m') AS period,
         o."IMAGING CODE (NICIP)" AS nicip,
         TRY_CAST(NULLIF(o."DIAGNOSTIC TEST REQUEST DATE", '') AS DATE) AS request_date,
         TRY_CAST(NULLIF(o."DIAGNOSTIC TEST REQUEST RECEIVED DATE", '') AS DATE) AS received_date,
         TRY_CAST(NULLIF(o."DIAGNOSTIC TEST DATE", '') AS DATE) AS test_date
  FROM one o, range(${providers}) t(p), range(12) u(m)`);
const count = await (await c.runAndReadAll('SELECT COUNT(*) FROM records')).getRows()[0][0];

const query = `
WITH r AS (
  SELECT provider, period,
    COALESCE(s.published_modality, CASE left(r.nicip, 1)
      WHEN 'X' THEN 'Plain Radiography' WHEN 'C' THEN 'Computerized Axial Tomography'
      WHEN 'M' THEN 'Magnetic Resonance Imaging' WHEN 'U' THEN 'Diagnostic Ultrasonography'
      WHEN 'F' THEN 'Fluoroscopy' WHEN 'N' THEN 'Nuclear Medicine Procedure' WHEN 'O' THEN 'Medical Photography' END)
      AS modality,
    date_diff('day', COALESCE(r.request_date, r.received_date), r.test_date) AS wait
  FROM records r LEFT JOIN split s ON s.nicip_code = r.nicip)
SELECT provider, modality, period, median(wait), count(*) FROM r WHERE wait >= 0
GROUP BY GROUPING SETS ((provider, modality, period), (provider, modality), (modality, period), (modality))`;
const times = [];
let groups = 0;
for (let i = 0; i < Number(runs); ++i) {
  const start = process.hrtime.bigint();
  groups = (await c.runAndReadAll(query)).getRows().length;
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
console.log(`duckdb table2 records=${count} groups=${groups} best_ms=${times[0].toFixed(1)} ` +
            `median_ms=${times[Math.floor(times.length / 2)].toFixed(1)}`);
c.closeSync();

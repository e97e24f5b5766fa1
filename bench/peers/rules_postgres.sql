-- The DID record rules that run on the file alone, in PostgreSQL: COPY into a staging
-- table, then SQL. Placeholders: {FILE} {CATALOGUE} {SUBMITTED} {PERIOD_START} {OUT}.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP TABLE IF EXISTS raw, cat, r, findings;
CREATE UNLOGGED TABLE cat (nicip_code text, snomed_ct_id text, modality text, nicip_retired_on text, snomed_retired_on text);
\copy cat FROM '{CATALOGUE}' WITH (FORMAT csv, HEADER true)
CREATE UNLOGGED TABLE raw (id bigserial, nhs text, status text, birth text, ethnic text, gender text, postcode text,
    gp text, setting text, referrer text, reforg text, request text, received text, test text, nicip text, snomed text,
    report text, site text, acc text);
\copy raw (nhs, status, birth, ethnic, gender, postcode, gp, setting, referrer, reforg, request, received, test, nicip, snomed, report, site, acc) FROM '{FILE}' WITH (FORMAT csv, HEADER true)

-- A real calendar date (CCYY-MM-DD, or a DID 2.0 timestamp), else NULL; nested CASEs so no
-- invalid value ever reaches make_date.
CREATE OR REPLACE FUNCTION did_date(s text) RETURNS date LANGUAGE sql IMMUTABLE AS $$
SELECT CASE WHEN s ~ '^\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|\+00:00|-00:00|\+01:00))?$' THEN
    CASE WHEN substr(s, 1, 4)::int >= 1 AND substr(s, 6, 2)::int BETWEEN 1 AND 12 AND substr(s, 9, 2)::int >= 1 THEN
        CASE WHEN substr(s, 9, 2)::int <= extract(day FROM make_date(substr(s, 1, 4)::int, substr(s, 6, 2)::int, 1)
                                                          + interval '1 month - 1 day')::int
             THEN substr(s, 1, 10)::date END END END
$$;

CREATE UNLOGGED TABLE r AS
SELECT raw.*, id + 1 AS line, did_date(birth) AS b, did_date(request) AS q, did_date(received) AS v,
       did_date(test) AS t, did_date(report) AS p,
       postcode ~ '^([A-PR-UWYZ][0-9]|[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9]|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRV-Y]) *[0-9][ABD-HJLNP-UW-Z]{2}$'
           AND length(postcode) <= 8 AS postcode_ok,
       nicip IN (SELECT nicip_code FROM cat) AS nicip_ok,
       snomed IN (SELECT snomed_ct_id FROM cat) AS snomed_ok
FROM raw;

CREATE UNLOGGED TABLE findings AS
WITH k AS (SELECT DATE '{SUBMITTED}' AS s, date_trunc('month', DATE '{SUBMITTED}')::date AS m,
                  DATE '{PERIOD_START}' AS ps),
nhs AS (
    SELECT line, nhs, 11 - (substr(nhs, 1, 1)::int * 10 + substr(nhs, 2, 1)::int * 9 + substr(nhs, 3, 1)::int * 8 +
           substr(nhs, 4, 1)::int * 7 + substr(nhs, 5, 1)::int * 6 + substr(nhs, 6, 1)::int * 5 +
           substr(nhs, 7, 1)::int * 4 + substr(nhs, 8, 1)::int * 3 + substr(nhs, 9, 1)::int * 2) % 11 AS c
    FROM r WHERE nhs ~ '^[0-9]{10}$')
SELECT line, 'DIDS001' AS rule FROM nhs WHERE c = 10 OR (CASE WHEN c = 11 THEN 0 ELSE c END) <> substr(nhs, 10, 1)::int OR reverse(nhs) = nhs
UNION ALL SELECT line, 'DIDS002' FROM r WHERE nhs IS NOT NULL AND nhs !~ '^[0-9]{10}$'
UNION ALL SELECT line, 'DIDS003' FROM r WHERE status IS NOT NULL AND status NOT IN ('01','02','03','04','05','06','07','08')
UNION ALL SELECT line, 'DIDS005' FROM r WHERE birth IS NOT NULL AND b IS NULL
UNION ALL SELECT line, 'DIDS006' FROM r WHERE b > t
UNION ALL SELECT line, 'DIDS008' FROM r WHERE b > p
UNION ALL SELECT line, 'DIDS009' FROM r WHERE b <= DATE '1900-01-01'
UNION ALL SELECT line, 'DIDS010' FROM r WHERE b > (q + interval '6 months')::date
UNION ALL SELECT line, 'DIDS012' FROM r WHERE ethnic IS NOT NULL AND ethnic !~ '^(99|[A-HJ-NPRSZ][A-Za-z0-9]?)$'
UNION ALL SELECT line, 'DIDS014' FROM r WHERE gender IS NOT NULL AND gender NOT IN ('0', '1', '2', '9')
UNION ALL SELECT line, 'DIDS017' FROM r WHERE postcode IS NOT NULL AND NOT postcode_ok
UNION ALL SELECT line, 'DIDS018' FROM r WHERE gp IS NOT NULL AND gp !~ '^[A-Z][0-9]{5}$'
UNION ALL SELECT line, 'DIDS020' FROM r WHERE setting IS NULL
UNION ALL SELECT line, 'DIDS021' FROM r WHERE setting NOT IN ('01','02','03','04','05','06','07')
UNION ALL SELECT line, 'DIDS023' FROM r WHERE referrer IS NOT NULL AND referrer !~
    '^(99|R9999981|[CG][0-9]{7}|D[0-9]{6}|[0-9]{2}[A-Z][0-9]{4}[A-Z]|[A-Z]{2}[0-9]{6})$'
UNION ALL SELECT line, 'DIDS026' FROM r WHERE request IS NOT NULL AND q IS NULL
UNION ALL SELECT line, 'DIDS027' FROM r WHERE q > v
UNION ALL SELECT line, 'DIDS028' FROM r WHERE q < (t - interval '12 months')::date
UNION ALL SELECT line, 'DIDS031' FROM r WHERE q < DATE '1970-01-01'
UNION ALL SELECT line, 'DIDS034' FROM r WHERE q > t
UNION ALL SELECT line, 'DIDS035' FROM r WHERE p < q
UNION ALL SELECT line, 'DIDS036' FROM r WHERE received IS NOT NULL AND v IS NULL
UNION ALL SELECT line, 'DIDS038' FROM r WHERE v < (t - interval '12 months')::date
UNION ALL SELECT line, 'DIDS040' FROM r WHERE v < (b - interval '6 months')::date
UNION ALL SELECT line, 'DIDS041' FROM r WHERE v < DATE '1970-01-01'
UNION ALL SELECT line, 'DIDS043' FROM r WHERE v > t
UNION ALL SELECT line, 'DIDS044' FROM r WHERE v > p
UNION ALL SELECT line, 'DIDS045' FROM r WHERE test IS NOT NULL AND t IS NULL
UNION ALL SELECT line, 'DIDS048' FROM r WHERE p < t
UNION ALL SELECT line, 'DIDS049' FROM r, k WHERE t < (k.m - interval '3 months')::date
UNION ALL SELECT line, 'DIDS050' FROM r WHERE test IS NULL
UNION ALL SELECT line, 'DIDS051' FROM r, k WHERE t > k.s
UNION ALL SELECT line, 'DIDS055' FROM r, k WHERE t < (k.m - interval '6 months')::date
UNION ALL SELECT line, 'DIDS056' FROM r WHERE nicip IS NULL AND snomed IS NULL
UNION ALL SELECT line, 'DIDS057' FROM r WHERE nicip IS NOT NULL AND NOT nicip_ok
UNION ALL SELECT line, 'DIDS059' FROM r WHERE snomed IS NOT NULL AND NOT snomed_ok
UNION ALL SELECT line, 'DIDS061' FROM r WHERE report IS NOT NULL AND p IS NULL
UNION ALL SELECT line, 'DIDS062' FROM r WHERE p > (t + interval '1 month')::date
UNION ALL SELECT line, 'DIDS066' FROM r, k WHERE p > k.s
UNION ALL SELECT line, 'DIDS067' FROM r WHERE site IS NULL
UNION ALL SELECT line, 'DIDS068' FROM r WHERE site IS NOT NULL AND site !~ '^[A-Z0-9]{5}$'
UNION ALL SELECT line, 'DIDS069' FROM r WHERE site IS NOT NULL AND site !~ '^[A-Z0-9]{5}$'
UNION ALL SELECT line, 'DIDS070' FROM r WHERE acc IS NULL
UNION ALL SELECT line, 'DIDS071' FROM (
    SELECT line, row_number() OVER (PARTITION BY acc, site ORDER BY line) AS n FROM r
    WHERE acc IS NOT NULL AND site IS NOT NULL) d WHERE n > 1
UNION ALL SELECT line, 'DIDS072' FROM r WHERE length(acc) > 20 OR acc ~ '[\x01-\x1F\x7F-\x9F]'
UNION ALL SELECT line, 'DIDS073' FROM r WHERE nhs IS NULL AND birth IS NULL AND ethnic IS NULL AND gender IS NULL
    AND postcode IS NULL AND gp IS NULL
UNION ALL SELECT line, 'DIDS074' FROM r WHERE nhs IS NULL AND birth IS NULL AND ethnic IS NULL AND gender IS NULL
    AND gp IS NULL AND postcode IS NOT NULL AND NOT postcode_ok
UNION ALL SELECT r.line, 'DIDS082' FROM r JOIN cat ON cat.nicip_code = r.nicip WHERE r.snomed_ok AND cat.snomed_ct_id <> r.snomed
UNION ALL SELECT line, 'DIDC-PERIOD' FROM r, k WHERE t < k.ps OR t >= (k.ps + interval '1 month')::date;

\copy (SELECT line, rule FROM findings ORDER BY line, rule) TO '{OUT}' WITH (FORMAT csv, HEADER true)
SELECT pg_backend_pid() AS backend \gset
\setenv DID_BACKEND :backend
\! grep VmHWM /proc/$DID_BACKEND/status | awk '{print $2}' > "${PEAK_MEMORY_FILE:-/dev/null}"
\pset format unaligned
\pset tuples_only on
SELECT json_object_agg(rule, n ORDER BY rule) FROM (SELECT rule, count(*) AS n FROM findings GROUP BY rule) c;

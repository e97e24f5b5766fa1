-- The DID record rules that run on the file alone, in DuckDB's SQL: what a data team would
-- write instead of DID Collect. Placeholders: {FILE} {CATALOGUE} {SUBMITTED} {PERIOD_START} {OUT}.
CREATE TABLE cat AS SELECT nicip_code, snomed_ct_id FROM read_csv('{CATALOGUE}', header = true, all_varchar = true);
CREATE TABLE raw AS
SELECT row_number() OVER () + 1 AS line, *
FROM read_csv('{FILE}', header = true, all_varchar = true, quote = '"', escape = '"',
              names = ['nhs', 'status', 'birth', 'ethnic', 'gender', 'postcode', 'gp', 'setting', 'referrer', 'reforg',
                       'request', 'received', 'test', 'nicip', 'snomed', 'report', 'site', 'acc']);

CREATE MACRO did_date(s) AS TRY_CAST(CASE WHEN regexp_full_match(s,
    '\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|\+00:00|-00:00|\+01:00))?') THEN substr(s, 1, 10) END AS DATE);

CREATE TABLE r AS
SELECT *, did_date(birth) AS b, did_date(request) AS q, did_date(received) AS v, did_date(test) AS t,
       did_date(report) AS p,
       regexp_full_match(postcode, '([A-PR-UWYZ][0-9]|[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9]|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRV-Y]) *[0-9][ABD-HJLNP-UW-Z]{2}')
           AND length(postcode) <= 8 AS postcode_ok,
       nicip IN (SELECT nicip_code FROM cat) AS nicip_ok,
       snomed IN (SELECT snomed_ct_id FROM cat) AS snomed_ok
FROM raw;

CREATE TABLE findings AS
WITH k AS (
    SELECT DATE '{SUBMITTED}' AS s, CAST(date_trunc('month', DATE '{SUBMITTED}') AS DATE) AS m,
           DATE '{PERIOD_START}' AS ps),
nhs AS (
    SELECT line, nhs, 11 - (CAST(substr(nhs, 1, 1) AS INT) * 10 + CAST(substr(nhs, 2, 1) AS INT) * 9 +
           CAST(substr(nhs, 3, 1) AS INT) * 8 + CAST(substr(nhs, 4, 1) AS INT) * 7 + CAST(substr(nhs, 5, 1) AS INT) * 6 +
           CAST(substr(nhs, 6, 1) AS INT) * 5 + CAST(substr(nhs, 7, 1) AS INT) * 4 + CAST(substr(nhs, 8, 1) AS INT) * 3 +
           CAST(substr(nhs, 9, 1) AS INT) * 2) % 11 AS c
    FROM r WHERE regexp_full_match(nhs, '[0-9]{10}'))
SELECT line, 'DIDS001' AS rule FROM nhs WHERE c = 10 OR (CASE WHEN c = 11 THEN 0 ELSE c END) <> CAST(substr(nhs, 10, 1) AS INT) OR reverse(nhs) = nhs
UNION ALL SELECT line, 'DIDS002' FROM r WHERE nhs IS NOT NULL AND NOT regexp_full_match(nhs, '[0-9]{10}')
UNION ALL SELECT line, 'DIDS003' FROM r WHERE status IS NOT NULL AND status NOT IN ('01','02','03','04','05','06','07','08')
UNION ALL SELECT line, 'DIDS005' FROM r WHERE birth IS NOT NULL AND b IS NULL
UNION ALL SELECT line, 'DIDS006' FROM r WHERE b > t
UNION ALL SELECT line, 'DIDS008' FROM r WHERE b > p
UNION ALL SELECT line, 'DIDS009' FROM r WHERE b <= DATE '1900-01-01'
UNION ALL SELECT line, 'DIDS010' FROM r WHERE b > CAST(q + INTERVAL 6 MONTH AS DATE)
UNION ALL SELECT line, 'DIDS012' FROM r WHERE ethnic IS NOT NULL AND NOT regexp_full_match(ethnic, '99|[A-HJ-NPRSZ][A-Za-z0-9]?')
UNION ALL SELECT line, 'DIDS014' FROM r WHERE gender IS NOT NULL AND gender NOT IN ('0', '1', '2', '9')
UNION ALL SELECT line, 'DIDS017' FROM r WHERE postcode IS NOT NULL AND NOT postcode_ok
UNION ALL SELECT line, 'DIDS018' FROM r WHERE gp IS NOT NULL AND NOT regexp_full_match(gp, '[A-Z][0-9]{5}')
UNION ALL SELECT line, 'DIDS020' FROM r WHERE setting IS NULL
UNION ALL SELECT line, 'DIDS021' FROM r WHERE setting NOT IN ('01','02','03','04','05','06','07')
UNION ALL SELECT line, 'DIDS023' FROM r WHERE referrer IS NOT NULL AND NOT regexp_full_match(referrer,
    '99|R9999981|[CG][0-9]{7}|D[0-9]{6}|[0-9]{2}[A-Z][0-9]{4}[A-Z]|[A-Z]{2}[0-9]{6}')
UNION ALL SELECT line, 'DIDS026' FROM r WHERE request IS NOT NULL AND q IS NULL
UNION ALL SELECT line, 'DIDS027' FROM r WHERE q > v
UNION ALL SELECT line, 'DIDS028' FROM r WHERE q < CAST(t - INTERVAL 12 MONTH AS DATE)
UNION ALL SELECT line, 'DIDS031' FROM r WHERE q < DATE '1970-01-01'
UNION ALL SELECT line, 'DIDS034' FROM r WHERE q > t
UNION ALL SELECT line, 'DIDS035' FROM r WHERE p < q
UNION ALL SELECT line, 'DIDS036' FROM r WHERE received IS NOT NULL AND v IS NULL
UNION ALL SELECT line, 'DIDS038' FROM r WHERE v < CAST(t - INTERVAL 12 MONTH AS DATE)
UNION ALL SELECT line, 'DIDS040' FROM r WHERE v < CAST(b - INTERVAL 6 MONTH AS DATE)
UNION ALL SELECT line, 'DIDS041' FROM r WHERE v < DATE '1970-01-01'
UNION ALL SELECT line, 'DIDS043' FROM r WHERE v > t
UNION ALL SELECT line, 'DIDS044' FROM r WHERE v > p
UNION ALL SELECT line, 'DIDS045' FROM r WHERE test IS NOT NULL AND t IS NULL
UNION ALL SELECT line, 'DIDS048' FROM r WHERE p < t
UNION ALL SELECT line, 'DIDS049' FROM r, k WHERE t < CAST(k.m - INTERVAL 3 MONTH AS DATE)
UNION ALL SELECT line, 'DIDS050' FROM r WHERE test IS NULL
UNION ALL SELECT line, 'DIDS051' FROM r, k WHERE t > k.s
UNION ALL SELECT line, 'DIDS055' FROM r, k WHERE t < CAST(k.m - INTERVAL 6 MONTH AS DATE)
UNION ALL SELECT line, 'DIDS056' FROM r WHERE nicip IS NULL AND snomed IS NULL
UNION ALL SELECT line, 'DIDS057' FROM r WHERE nicip IS NOT NULL AND NOT nicip_ok
UNION ALL SELECT line, 'DIDS059' FROM r WHERE snomed IS NOT NULL AND NOT snomed_ok
UNION ALL SELECT line, 'DIDS061' FROM r WHERE report IS NOT NULL AND p IS NULL
UNION ALL SELECT line, 'DIDS062' FROM r WHERE p > CAST(t + INTERVAL 1 MONTH AS DATE)
UNION ALL SELECT line, 'DIDS066' FROM r, k WHERE p > k.s
UNION ALL SELECT line, 'DIDS067' FROM r WHERE site IS NULL
UNION ALL SELECT line, 'DIDS068' FROM r WHERE site IS NOT NULL AND NOT regexp_full_match(site, '[A-Z0-9]{5}')
UNION ALL SELECT line, 'DIDS069' FROM r WHERE site IS NOT NULL AND NOT regexp_full_match(site, '[A-Z0-9]{5}')
UNION ALL SELECT line, 'DIDS070' FROM r WHERE acc IS NULL
UNION ALL SELECT line, 'DIDS071' FROM (
    SELECT line, row_number() OVER (PARTITION BY acc, site ORDER BY line) AS n FROM r
    WHERE acc IS NOT NULL AND site IS NOT NULL) WHERE n > 1
UNION ALL SELECT line, 'DIDS072' FROM r WHERE length(acc) > 20 OR regexp_matches(acc, '[\x00-\x1F\x7F-\x9F]')
UNION ALL SELECT line, 'DIDS073' FROM r WHERE nhs IS NULL AND birth IS NULL AND ethnic IS NULL AND gender IS NULL
    AND postcode IS NULL AND gp IS NULL
UNION ALL SELECT line, 'DIDS074' FROM r WHERE nhs IS NULL AND birth IS NULL AND ethnic IS NULL AND gender IS NULL
    AND gp IS NULL AND postcode IS NOT NULL AND NOT postcode_ok
UNION ALL SELECT r.line, 'DIDS082' FROM r JOIN cat ON cat.nicip_code = r.nicip WHERE r.snomed_ok AND cat.snomed_ct_id <> r.snomed
UNION ALL SELECT line, 'DIDC-PERIOD' FROM r, k WHERE t < k.ps OR t >= CAST(k.ps + INTERVAL 1 MONTH AS DATE);

COPY (SELECT line, rule FROM findings ORDER BY line, rule) TO '{OUT}' (HEADER, DELIMITER ',');

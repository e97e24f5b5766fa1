// The portal in headless Chromium, as its users go through it: signing in with the second factor
// (enrolment, recovery codes, signing in again), sending a file with errors and reading what is
// wrong with it, fixing it and sending it again, the same without JavaScript; every page kept as
// a screenshot and checked by axe-core for WCAG 2.2 A and AA. Run by tests/e2e/run, which starts
// the server and sets up the users and files named here.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { launch, openPage, keep, kept, describeViolations } = require('./browser');
const { Authenticator, codeForStep, stepAt } = require('./totp');
const { parseCsv } = require('./csv');

const kPassword = process.env.DID_E2E_PASSWORD;
const kPeriod = process.env.DID_E2E_PERIOD;
const kFiles = process.env.DID_E2E_DIR;
// The rule catalogue (did rules --format json), by code.
const kRules = new Map(
  JSON.parse(fs.readFileSync(path.join(kFiles, 'rules.json'), 'utf8')).map((r) => [r.rule, r]),
);

let browser;
before(async () => {
  assert.ok(process.env.DID_E2E_BASE_URL, 'run these tests with tests/e2e/run');
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

async function heading(page) {
  return (await page.locator('main h1').first().innerText()).trim();
}

// The messages in the page's error summary, or [] when there is none (a summary with no message
// in it counts as one empty message).
async function errorSummary(page) {
  const summaries = await page.locator('.nhsuk-error-summary').count();
  const messages = (await page.locator('.nhsuk-error-summary__list li').allInnerTexts()).map((m) => m.trim());
  return summaries > 0 && messages.length === 0 ? [''] : messages;
}

// The one error the page reports: a message that says something.
async function oneError(page) {
  const messages = await errorSummary(page);
  assert.equal(messages.length, 1, `one error in the summary: ${JSON.stringify(messages)}`);
  assert.ok(messages[0].length > 10, `the error says what is wrong: ${JSON.stringify(messages[0])}`);
  return messages[0];
}

// The error on a field, as NHS.UK frontend shows it: the message above the field (which the
// field names in aria-describedby) and the field outlined; the summary's link leads to it.
async function fieldError(page, id, message) {
  assert.equal((await page.locator(`#${id}-error`).innerText()).replace(/^Error:\s*/, ''), message);
  assert.ok((await page.getAttribute(`#${id}`, 'aria-describedby')).split(' ').includes(`${id}-error`));
  assert.match(await page.getAttribute(`#${id}`, 'class'), /\bnhsuk-input--error\b/);
  assert.equal(await page.locator('.nhsuk-error-summary__list a').getAttribute('href'), `#${id}`);
}

async function signInWithPassword(page, name) {
  await page.goto('/sign-in');
  await page.fill('#name', name);
  await page.fill('#password', kPassword);
  await page.click('main button[type=submit]');
}

async function enterCode(page, code) {
  await page.fill('#code', code);
  await page.click('main button[type=submit]');
}

// The key shown on the enrolment page, as the user would type it into an app.
async function enrolmentKey(page) {
  const key = (await page.locator('#secret').innerText()).replace(/\s/g, '');
  assert.match(key, /^[A-Z2-7]{32}$/, 'the key is 20 bytes in base32');
  return key;
}

// Signs a new user in: the password, enrolment with a fresh app, the recovery codes page. Returns
// the app, for signing in again.
async function signInAndEnrol(page, name) {
  await signInWithPassword(page, name);
  await page.waitForURL(/\/sign-in\/enrol$/);
  const app = new Authenticator(await enrolmentKey(page));
  await enterCode(page, app.nextCode());
  assert.equal(await heading(page), 'Save your recovery codes');
  return app;
}

async function signOut(page) {
  await page.click('header button:has-text("Sign out")');
  await page.waitForURL(/\/sign-in$/);
}

// The cells of a table's body rows, as text.
async function tableRows(page, selector) {
  return page
    .locator(`${selector} tbody tr`)
    .evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.innerText.trim())));
}

function number(text) {
  return Number(String(text).replace(/,/g, ''));
}

test('the authenticator code is RFC 6238 (its SHA-1 test vector)', () => {
  // Key "12345678901234567890" in base32; at 59 s the 8-digit code is 94287082.
  assert.equal(codeForStep('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1), '287082');
  assert.equal(codeForStep('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 37037036), '081804');
});

test('sign-in: the password, enrolment, recovery codes, then a code and a recovery code', async () => {
  const page = await openPage(browser);

  await page.goto('/');
  await page.waitForURL(/\/sign-in$/);
  assert.equal(await heading(page), 'Sign in to DID Collect');
  assert.deepEqual(await errorSummary(page), [], 'no error before anything is sent');
  await keep(page, 'sign-in');

  // A wrong password: refused without saying which of the two was wrong.
  await page.fill('#name', 'e2e.enrol');
  await page.fill('#password', 'not-the-password-at-all');
  await page.click('main button[type=submit]');
  assert.equal(await heading(page), 'Sign in to DID Collect');
  assert.doesNotMatch(await oneError(page), /user name is|password is wrong/i);
  assert.equal(await page.inputValue('#name'), 'e2e.enrol', 'the name is kept for the next try');
  await keep(page, 'sign-in-error');

  // The password, then enrolment: the QR code and the key it holds.
  await signInWithPassword(page, 'e2e.enrol');
  await page.waitForURL(/\/sign-in\/enrol$/);
  assert.equal(await heading(page), 'Set up your authenticator app');
  assert.equal(await page.locator('.did-qr svg').count(), 1, 'the QR code is on the page');
  assert.deepEqual(await errorSummary(page), []);
  const key = await enrolmentKey(page);
  await keep(page, 'enrolment');

  // A code for another time is refused, and the same key is offered again.
  const app = new Authenticator(key);
  await enterCode(page, codeForStep(key, stepAt(Date.now()) + 20));
  assert.equal(await heading(page), 'Set up your authenticator app');
  await fieldError(page, 'code', await oneError(page));
  assert.equal(await enrolmentKey(page), key);
  await keep(page, 'enrolment-error');

  await enterCode(page, app.nextCode());
  assert.equal(await heading(page), 'Save your recovery codes');
  const codes = await page.locator('#recovery-codes code').allInnerTexts();
  assert.equal(codes.length, 10, 'ten recovery codes');
  assert.equal(new Set(codes).size, 10, 'all different');
  await keep(page, 'recovery-codes');
  await page.click('main a:has-text("Continue to DID Collect")');
  await page.waitForURL(/\/providers\/RXX$/);  // a provider's user starts at its home page
  assert.equal(await heading(page), 'EXAMPLE HOSPITALS NHS TRUST');
  assert.match(await page.locator('header').innerText(), /e2e\.enrol \(RXX\)/, 'signed in, the header says who');

  // Signed out, the session is gone on the server: a page that needs it sends us to sign in.
  await signOut(page);
  await page.goto('/providers/RXX/api-tokens');
  await page.waitForURL(/\/sign-in$/);

  // Again: the password, then the app's code.
  await signInWithPassword(page, 'e2e.enrol');
  await page.waitForURL(/\/sign-in\/second-factor$/);
  assert.equal(await heading(page), 'Enter the code from your authenticator app');
  assert.deepEqual(await errorSummary(page), []);
  assert.equal(await page.locator('#code-error').count(), 0);
  await keep(page, 'second-factor');
  await enterCode(page, app.nextCode());
  await page.waitForURL(/\/providers\/RXX$/);

  // Signed in: the API tokens page, and a token made there, shown once.
  await page.goto('/providers/RXX/api-tokens');
  assert.equal(await heading(page), 'API tokens');
  assert.deepEqual(await errorSummary(page), []);
  await page.fill('#name', 'RIS nightly extract');
  await page.click('main button:has-text("Create token")');
  assert.match(await page.locator('#new-token').innerText(), /^did_\S{20,}$/);
  const tokens = await tableRows(page, 'main table');
  assert.equal(tokens.length, 1);
  assert.equal(tokens[0][0], 'RIS nightly extract');
  await keep(page, 'api-tokens');

  // A recovery code stands in for the app's code, once.
  await signOut(page);
  await signInWithPassword(page, 'e2e.enrol');
  await page.waitForURL(/\/sign-in\/second-factor$/);
  await enterCode(page, codes[0]);
  await page.waitForURL(/\/providers\/RXX$/);
  assert.match(await page.locator('header').innerText(), /e2e\.enrol \(RXX\)/);
  await signOut(page);
  await signInWithPassword(page, 'e2e.enrol');
  await page.waitForURL(/\/sign-in\/second-factor$/);
  await enterCode(page, codes[0]);
  assert.equal(await heading(page), 'Enter the code from your authenticator app');
  await fieldError(page, 'code', await oneError(page));  // a recovery code is used up
  await keep(page, 'second-factor-error');

  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// Sends a file from the submit page with portal.js: the file is the request's body and the
// choices are in the query. Returns the request, once its streamed answer has ended.
async function sendWithProgressBar(page, organisation, file, { dryRun = false } = {}) {
  const form = `/providers/${organisation}/submit`;
  await page.goto(form);
  await page.selectOption('#period', kPeriod);
  await page.setInputFiles('#file', path.join(kFiles, file));
  if (dryRun) await page.check('#dry_run');
  // What the progress box says while it is shown (a check's result replaces the form in place,
  // so this is still there to read after it).
  await page.evaluate(() => {
    const box = document.getElementById('progress');
    window.progressSeen = [];
    new MutationObserver(() => {
      if (!box.hidden) window.progressSeen.push(document.getElementById('progress-label').textContent);
    }).observe(box, { attributes: true, childList: true, subtree: true, characterData: true });
  });
  const [upload] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === form),
    page.click('main button:has-text("Send the file")'),
  ]);
  assert.equal(upload.headers()['content-type'], 'text/csv', 'portal.js sent the file itself');
  assert.equal(upload.headers()['accept'], 'application/x-ndjson');
  assert.ok(upload.headers()['x-csrf-token'], 'the CSRF token in its header');
  const query = new URL(upload.url()).searchParams;
  assert.equal(query.get('period'), kPeriod);
  assert.equal(query.get('file_name'), file);
  assert.equal(query.get('dry_run'), dryRun ? 'on' : '');
  const answer = await upload.response();
  assert.equal(answer.headers()['content-type'], 'application/x-ndjson', 'the progress streamed back');
  return upload;
}

// The stored submission the browser was sent to after a file was stored: its id.
async function landedOnSubmission(page, organisation) {
  const pattern = new RegExp(`/providers/${organisation}/submissions/(\\d+)$`);
  await page.waitForURL(pattern);
  const id = pattern.exec(new URL(page.url()).pathname)[1];
  assert.equal(await heading(page), `Submission ${id}`);
  return id;
}

// Records, accepted, rejected and with warnings, from a page's #counts table.
async function counts(page) {
  const [[records, accepted, rejected, warned]] = await tableRows(page, '#counts');
  return { records: number(records), accepted: number(accepted), rejected: number(rejected), warned: number(warned) };
}

// A month on the provider's home page: its status tag and its current file, as text.
async function homeMonth(page, period) {
  const list = page.locator(`h3#month-${period} + dl`);
  const value = (key) =>
    list.locator('.nhsuk-summary-list__row', { has: page.locator('dt', { hasText: key }) }).locator('dd').innerText();
  return { status: await list.locator('.nhsuk-tag').innerText(), current: await value('Current file') };
}

test('a file with errors: checked, sent with the progress bar, its findings read and downloaded, then fixed', async () => {
  const page = await openPage(browser);
  await signInAndEnrol(page, 'e2e.submit');

  // Home: the month is open and nothing has been sent for it.
  await page.goto('/');
  await page.waitForURL(/\/providers\/RXX$/);
  assert.equal(await heading(page), 'EXAMPLE HOSPITALS NHS TRUST');
  const before = await homeMonth(page, kPeriod);
  assert.match(before.status, /^Not submitted/);
  assert.equal(before.current, 'None');

  await page.goto('/providers/RXX/submit');
  assert.equal(await heading(page), 'Submit a file');
  const months = await page.locator('#period option').evaluateAll((options) => options.map((o) => o.value));
  assert.ok(months.includes(kPeriod), `last month (${kPeriod}) is open: ${months}`);
  await keep(page, 'submit');

  // Only a check first: the result shown in place, nothing stored.
  await sendWithProgressBar(page, 'RXX', 'rxx-with-errors.csv', { dryRun: true });
  await page.locator('h1#result[data-result="dry run"]').waitFor();
  assert.equal(await heading(page), 'Check of your file');
  assert.equal(new URL(page.url()).pathname, '/providers/RXX/submit', 'the result replaced the form in place');
  const progress = await page.evaluate(() => window.progressSeen);
  assert.equal(progress[0], 'Sending the file', `the progress bar was shown: ${progress}`);
  assert.equal(await page.locator('main .nhsuk-caption-l').innerText(), `RXX · ${kPeriod} · rxx-with-errors.csv`);
  const checked = await counts(page);
  assert.equal(checked.records, 2000, 'every record read');
  assert.ok(checked.rejected > 0, `some records rejected: ${JSON.stringify(checked)}`);
  assert.equal(checked.accepted + checked.rejected, 2000, 'each record accepted or rejected');
  const checkedRules = await tableRows(page, '#rules');
  assert.ok(checkedRules.length > 0, 'the rules table lists the rules broken');
  for (const [code, meaning, , effect, count] of checkedRules) {
    assert.ok(kRules.has(code), `a rule of the catalogue: ${code}`);
    assert.equal(meaning, kRules.get(code).meaning);
    assert.equal(effect, kRules.get(code).severity === 'reject' ? 'Rejects the record' : 'Warning', code);
    assert.ok(number(count) > 0, `how often: ${code} ${count}`);
  }
  assert.ok(checkedRules.some((rule) => rule[3] === 'Rejects the record'), 'at least one rule rejects records');
  await keep(page, 'result');

  // Sent for real: stored, and the browser goes to the submission's page.
  await sendWithProgressBar(page, 'RXX', 'rxx-with-errors.csv');
  const first = await landedOnSubmission(page, 'RXX');
  assert.equal(await page.locator('h1#submission').getAttribute('data-status'), 'Current');
  assert.deepEqual(await counts(page), checked, 'the same counts as the check');
  const rules = await page.locator('#rules tbody tr').evaluateAll((rows) =>
    rows.map((row) => ({ code: row.dataset.rule, count: row.cells[3].innerText.trim() })),
  );
  assert.deepEqual(
    rules.map((r) => [r.code, number(r.count)]),
    checkedRules.map((r) => [r[0], number(r[4])]),
    'the same rules, as often, as the check',
  );
  const total = rules.reduce((sum, r) => sum + number(r.count), 0);
  const inAll = await page.locator('#findings + p').innerText();
  assert.match(inAll, new RegExp(`^${total.toLocaleString('en-GB')} findings in all`));
  assert.ok((await page.locator('#finding-list tbody tr').count()) > 0, 'the first page of findings');
  await keep(page, 'submission');

  // Only one rule's findings: the filter form (a GET, so it works without scripts too).
  const chosen = rules.filter((r) => number(r.count) >= 2).sort((a, b) => number(b.count) - number(a.count))[0];
  assert.ok(chosen, 'a rule broken more than once');
  await page.selectOption('#rule', chosen.code);
  await page.click('main button:has-text("Show these findings")');
  await page.waitForURL((url) => url.searchParams.get('rule') === chosen.code);
  assert.match(await page.locator('#matched').innerText(), new RegExp(`^${chosen.count} findings match`));
  const shown = await page.locator('#finding-list tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.rule));
  assert.ok(shown.length > 0 && shown.every((code) => code === chosen.code), `only ${chosen.code}: ${shown}`);
  await keep(page, 'submission-filtered');

  // Every finding as CSV, downloaded: the header `did findings` writes, a row per finding.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('main a:has-text("Download every finding as CSV")'),
  ]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const csv = parseCsv(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(csv[0], ['line', 'site_code', 'accession_number', 'field', 'rule', 'severity', 'value', 'message']);
  const findings = csv.slice(1);
  assert.equal(findings.length, total, 'a row for each finding');
  for (const rule of rules) {
    assert.equal(findings.filter((f) => f[4] === rule.code).length, number(rule.count), `rows for ${rule.code}`);
  }
  for (const finding of findings) {
    assert.equal(finding.length, 8, `eight columns: ${finding}`);
    assert.match(finding[0], /^\d+$/, 'a line number');
  }

  // Fixed and sent again: the new file is current, the first one superseded by it.
  await sendWithProgressBar(page, 'RXX', 'rxx-fixed.csv');
  const second = await landedOnSubmission(page, 'RXX');
  assert.notEqual(second, first);
  assert.equal(await page.locator('h1#submission').getAttribute('data-status'), 'Current');
  const fixed = await counts(page);
  assert.equal(fixed.records, 2000);
  assert.equal(fixed.rejected, 0, 'the fixed file has no rejected record');

  await page.goto('/providers/RXX');
  const after = await homeMonth(page, kPeriod);
  assert.equal(after.status, 'On time');
  assert.match(after.current, new RegExp(`^Submission ${second} \\(rxx-fixed\\.csv\\)`));
  assert.match(after.current, /2,000 records, 2,000 accepted, 0 rejected$/);
  await keep(page, 'home');

  await page.goto('/providers/RXX/submissions');
  assert.equal(await heading(page), 'Submissions');
  const status = (id) => page.locator(`tr[data-submission="${id}"] .nhsuk-tag`).innerText();
  assert.equal(await status(second), 'Current');
  assert.equal(await status(first), 'Superseded');
  assert.match(await page.locator(`tr[data-submission="${first}"]`).innerText(), new RegExp(`by submission ${second}`));
  await keep(page, 'submissions');

  await page.goto(`/providers/RXX/submissions/${first}`);
  assert.equal(await page.locator('h1#submission').getAttribute('data-status'), 'Superseded');

  // The timetable: last month's window open today.
  await page.goto('/timetable');
  assert.equal(await heading(page), 'Submission timetable');
  assert.equal(await page.locator(`#timetable tr[data-period="${kPeriod}"] .nhsuk-tag`).innerText(), 'Open');
  await keep(page, 'timetable');

  // Local codes: one notified, listed, waiting for the DID team.
  await page.goto('/providers/RXX/local-codes');
  assert.equal(await heading(page), 'Local codes');
  assert.deepEqual(await errorSummary(page), []);
  await page.fill('#local_code', 'XCHEST1');
  await page.fill('#nicip_code', 'CAAAG');
  await page.click('main button:has-text("Notify the code")');
  assert.match(await page.locator('#notified').innerText(), /Local code XCHEST1 notified/);
  const [code] = await tableRows(page, '#local-codes');
  assert.deepEqual(code.slice(0, 2), ['XCHEST1', 'CAAAG']);
  await keep(page, 'local-codes');

  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('without JavaScript, the plain form sends the file and lands on the result', async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  await signInAndEnrol(page, 'e2e.nojs');

  // A check: the result page.
  const send = async ({ dryRun }) => {
    await page.goto('/providers/RYY/submit');
    assert.equal(await heading(page), 'Submit a file');
    await page.selectOption('#period', kPeriod);
    await page.setInputFiles('#file', path.join(kFiles, 'ryy-with-errors.csv'));
    if (dryRun) await page.check('#dry_run');
    const [upload] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/providers/RYY/submit'),
      page.click('main button:has-text("Send the file")'),
    ]);
    assert.match(upload.headers()['content-type'], /^multipart\/form-data; boundary=/);
    await page.waitForLoadState();
  };
  await send({ dryRun: true });
  assert.equal(await page.locator('h1#result').getAttribute('data-result'), 'dry run');
  assert.equal(await page.locator('main .nhsuk-caption-l').innerText(), `RYY · ${kPeriod} · ryy-with-errors.csv`);
  const checked = await counts(page);
  assert.equal(checked.records, 500);
  assert.ok(checked.rejected > 0, `some records rejected: ${JSON.stringify(checked)}`);
  assert.ok((await tableRows(page, '#rules')).length > 0);
  await keep(page, 'result-without-javascript');

  // Sent for real: the answer sends the browser to the stored submission.
  await send({ dryRun: false });
  await landedOnSubmission(page, 'RYY');
  assert.deepEqual(await counts(page), checked);
  assert.ok((await page.locator('#finding-list tbody tr').count()) > 0);
  await keep(page, 'submission-without-javascript');

  await page.context().close();
});

test('statistics: a chart of England drawn above the table, the same figures, and the table as CSV', async () => {
  const page = await openPage(browser);
  await signInAndEnrol(page, 'e2e.stats');
  await page.goto('/statistics');
  assert.equal(await heading(page), 'National statistics');
  await keep(page, 'statistics');
  await page.click('main a:has-text("Table 1: Imaging activity, by modality")');
  await page.waitForLoadState();
  assert.equal(await heading(page), 'Table 1: Imaging activity, by modality');
  // Chart.js has drawn on the canvas: a line for each of England's nine modalities, with pixels painted.
  await page.waitForFunction(() => document.getElementById('chart').chart !== undefined);
  const drawn = await page.evaluate(() => {
    const canvas = document.getElementById('chart');
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted += 1;
    const chart = canvas.chart;
    return { painted, datasets: chart.data.datasets.map((d) => ({ label: d.label, data: d.data })),
             labels: chart.data.labels };
  });
  assert.ok(drawn.painted > 1000, `the chart painted ${drawn.painted} pixels`);
  assert.equal(drawn.datasets.length, 9);
  assert.equal(drawn.labels.length, 13);
  // Its figures are the table's ENGLAND rows, month by month ('*' is not plotted).
  const rows = await tableRows(page, '#statistics');
  const england = rows.filter((row) => row[2] === 'ENGLAND');
  assert.equal(england.length, 9);
  england.forEach((row, i) => {
    assert.equal(drawn.datasets[i].label, row[3]);
    row.slice(4, 17).forEach((shown, m) => {
      assert.equal(drawn.datasets[i].data[m], shown === '*' ? null : Number(shown), `${row[3]} ${m}`);
    });
  });
  assert.ok(rows.length > england.length, 'providers follow England');
  await keep(page, 'statistics-table');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('main a:has-text("CSV")')]);
  assert.match(download.suggestedFilename(), /^table1-.*\.csv$/);
  const csv = parseCsv(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(csv[0].slice(0, 4), ['Region', 'Org Code', 'Provider name', 'Modality']);
  assert.deepEqual(csv.slice(1, 1 + rows.length), rows);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('no page has a WCAG 2.2 A or AA violation (axe-core)', () => {
  const expected = [
    'sign-in',
    'sign-in-error',
    'enrolment',
    'enrolment-error',
    'recovery-codes',
    'second-factor',
    'second-factor-error',
    'api-tokens',
    'home',
    'submit',
    'result',
    'submission',
    'submission-filtered',
    'submissions',
    'timetable',
    'local-codes',
    'result-without-javascript',
    'submission-without-javascript',
    'statistics',
    'statistics-table',
  ];
  const failures = [...kept]
    .filter(([, entry]) => entry.violations.length > 0)
    .map(([name, entry]) => describeViolations(name, entry));
  assert.equal(failures.length, 0, `WCAG violations:\n${failures.join('\n')}`);
  const missing = expected.filter((name) => !kept.has(name));
  assert.deepEqual(missing, [], 'pages not reached (an earlier test failed first)');
  console.log(`axe-core: no violations on ${kept.size} pages: ${[...kept.keys()].join(', ')}`);
});

// Headless Chromium for the browser tests, and what is kept of each page they visit: a full-page
// screenshot (a test artefact) and axe-core's WCAG 2.2 A/AA violations. The packages come from
// web/node_modules (npm ci in web/); the browser is Debian's, never a downloaded one.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

const webRequire = createRequire(path.resolve(__dirname, '../../web/package.json'));
const { chromium } = webRequire('playwright-core');
const { AxeBuilder } = webRequire('@axe-core/playwright');

const kChromium = process.env.DID_E2E_CHROMIUM || '/usr/bin/chromium';
// The machine has no network beyond loopback: nothing in the background may reach out. Playwright
// starts each browser on a fresh temporary profile of its own and removes it at close.
const kArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const kWcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const baseUrl = process.env.DID_E2E_BASE_URL;
const artifacts = process.env.DID_E2E_ARTIFACTS || path.resolve(__dirname, '../../build/e2e-artifacts');

async function launch() {
  return chromium.launch({ executablePath: kChromium, args: kArgs, headless: true });
}

// A browser window with cookies of its own; JavaScript on unless asked otherwise. Pages wait at
// most a minute for anything: the machine is shared and a slow step must not fail the test.
async function openPage(browser, { javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    javaScriptEnabled,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);
  const page = await context.newPage();
  page.scriptsOff = !javaScriptEnabled;
  // The pages' scripts must run, and nothing be refused by the content security policy, but for
  // one thing: NHS.UK frontend's CSS names its fonts on assets.nhs.uk, which font-src 'self'
  // refuses (the pages fall back to Arial, as the frontend's font stack intends).
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(String(error)));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() !== 'error' || !/Content Security Policy/.test(text)) return;
    if (/^Loading the font 'https:\/\/assets\.nhs\.uk\/fonts\//.test(text)) return;
    page.problems.push(text);
  });
  return page;
}

// Every page kept so far, by name: its address and axe-core's violations.
const kept = new Map();

// axe-core runs as a script in the page. For a window with scripts off, the same HTML is audited
// in a window with them on, served at the same address (so its styles load as they did).
async function axeViolations(page) {
  if (!page.scriptsOff) return (await new AxeBuilder({ page }).withTags(kWcagTags).analyze()).violations;
  const html = await page.content();
  const context = await page.context().browser().newContext({ baseURL: baseUrl });
  try {
    const copy = await context.newPage();
    const address = page.url();
    await copy.route(
      (url) => url.href === address,
      (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }),
    );
    await copy.goto(address);
    return (await new AxeBuilder({ page: copy }).withTags(kWcagTags).analyze()).violations;
  } finally {
    await context.close();
  }
}

// Keeps the page as it is now: a full-page screenshot NAME.png in the artefacts folder, and
// axe-core's WCAG 2.2 A and AA violations.
async function keep(page, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
  kept.set(name, { url: page.url(), violations: await axeViolations(page) });
}

// axe-core's violations as a reader wants them: rule, impact, what it means, where.
function describeViolations(name, entry) {
  const lines = [`${name} (${entry.url}):`];
  for (const v of entry.violations) {
    lines.push(`  ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes.slice(0, 5)) {
      lines.push(`    at ${node.target.join(' ')}: ${node.failureSummary.replace(/\s+/g, ' ')}`);
      lines.push(`       ${node.html.slice(0, 200)}`);
    }
    if (v.nodes.length > 5) lines.push(`    … and ${v.nodes.length - 5} more`);
  }
  return lines.join('\n');
}

module.exports = { launch, openPage, keep, kept, describeViolations, baseUrl, artifacts };

// The consent widget's weight and speed on the demo page of a running stack (./run.sh):
// consent.js (and consent.css) raw and gzipped, and the time from navigation start to the rendered
// form (median, p90, min, max of N page loads), cold (fresh profile, empty cache) and warm (same
// profile, reloaded: consent.js from the browser cache). Drives Debian's /usr/bin/chromium with
// playwright-core from e2e/browser (installed by e2e/browser/setup.sh).
//
//   benchmarks/run.sh widget [--runs=20] [--url=http://localhost:3000/] [--consent=http://localhost:8081]
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import { CHROMIUM_FLAGS } from '../../e2e/browser/harness.mjs';

const require = createRequire(new URL('../../e2e/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const options = Object.fromEntries(process.argv.slice(2).map((a) => {
  const m = /^--([^=]+)=(.*)$/.exec(a);
  if (!m) {
    console.error(`unknown option ${a}; options: --runs=20 --url=http://localhost:3000/ --consent=http://localhost:8081`);
    process.exit(2);
  }
  return [m[1], m[2]];
}));
const RUNS = Number(options.runs || 20);
const URL_ = options.url || 'http://localhost:3000/';
const CONSENT = (options.consent || 'http://localhost:8081').replace(/\/$/, '');
const LIMIT = 15 * 1024;

async function size(path) {
  const response = await fetch(CONSENT + path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    path,
    raw: bytes.length,
    gzip6: gzipSync(bytes).length,
    gzip9: gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length
  };
}

/** ms from navigation start until the widget's form is in the DOM (data-state="ready"). */
async function load(page) {
  await page.goto(URL_, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(() => window.__formAt, null, { timeout: 30000, polling: 'raf' });
  return handle.jsonValue();
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { n: sorted.length, median: at(0.5), p90: at(0.9), min: sorted[0], max: sorted[sorted.length - 1] };
}

const sizes = [await size('/widget/v1/consent.js'), await size('/widget/v1/consent.css')];
const cold = [];
const warm = [];
for (let i = 0; i < RUNS; i++) {
  const profile = mkdtempSync(join(tmpdir(), 'widget-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    await page.addInitScript(() => {
      new MutationObserver((changes, observer) => {
        if (document.querySelector('.cc-widget[data-state="ready"], .cc-widget[data-state="consented"]')) {
          window.__formAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    cold.push(await load(page));
    warm.push(await load(page));
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const round = (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Math.round(v * 10) / 10]));
for (const s of sizes) {
  console.log(`${s.path}: ${s.raw} bytes, gzipped ${s.gzip6} bytes (level 6) / ${s.gzip9} bytes (level 9)`);
}
console.log(`page ${URL_}: navigation start -> form rendered, ${RUNS} loads each`);
console.log(`  cold (fresh profile): ${JSON.stringify(round(stats(cold)))} ms`);
console.log(`  warm (cached script): ${JSON.stringify(round(stats(warm)))} ms`);
const ok = sizes[0].gzip6 < LIMIT;
console.log(ok ? `consent.js gzipped < ${LIMIT} bytes: ok` : `consent.js gzipped >= ${LIMIT} bytes: TARGET MISSED`);
process.exit(ok ? 0 : 1);

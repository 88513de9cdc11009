// What every browser spec here shares: Debian's Chromium launched with the flags TOOLCHAIN.md names (never a
// downloaded browser), a fresh profile per browser, named checks, axe-core, screenshots, CSP violations watched,
// and the result written as JSON (the last line of stdout; exit status 0 only if every check passed).
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'
];

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * One spec's run.
 * @param script the spec's file name, for messages
 * @param options profile: prefix of the profile folders; viewport; shotPrefix: of the screenshots' names;
 *                a11yKey: what an axe entry names (page or state); csp: where the CSP check looks, in its name
 */
export function specRun(script, { profile, viewport, shotPrefix = '', a11yKey = 'page', csp }) {
  const env = process.env;
  const shots = env.SCREENSHOT_DIR || join(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'screenshots');
  const checks = [];
  const a11y = [];
  mkdirSync(shots, { recursive: true });

  function need(name) {
    if (!env[name]) {
      console.error(`${script}: ${name} is not set`);
      process.exit(2);
    }
    return env[name];
  }

  function check(name, ok, detail) {
    checks.push({ name, ok: !!ok, detail: detail === undefined ? null : detail });
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail !== undefined ? ' — ' + JSON.stringify(detail) : ''}`);
  }

  /** A fresh browser profile (own --user-data-dir): its own cookies and localStorage. */
  async function browser(options = {}) {
    const folder = mkdtempSync(join(tmpdir(), profile));
    const context = await chromium.launchPersistentContext(folder, {
      executablePath: env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport,
      ...options
    });
    const page = context.pages()[0] || (await context.newPage());
    const problems = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text() + (m.location() && m.location().url ? ' at ' + m.location().url : ''));
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
    });
    return {
      context,
      page,
      problems,
      close: async () => {
        await context.close();
        rmSync(folder, { recursive: true, force: true });
      }
    };
  }

  async function axe(page, name) {
    await page.evaluate(AXE); // through the DevTools protocol: not subject to the page's CSP
    const result = await page.evaluate(() =>
      window.axe.run(document, { resultTypes: ['violations'] }).then((r) =>
        r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }))));
    const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    a11y.push({ [a11yKey]: name, violations: result });
    check(`axe: no serious or critical violations (${name})`, serious.length === 0, serious.length ? serious : undefined);
  }

  async function shot(page, name) {
    await page.screenshot({ path: join(shots, `${shotPrefix}${name}.png`), fullPage: true });
  }

  async function noCspViolations(b, name) {
    const violations = await b.page.evaluate(() => window.__cspViolations);
    const refused = b.problems.filter((p) => /Content Security Policy|Refused to/i.test(p));
    check(`no CSP violation ${csp} (${name})`, violations.length === 0 && refused.length === 0,
      violations.length || refused.length ? { violations, refused } : undefined);
  }

  /** Runs the flows, records a crash as a failed check, writes the result and exits. */
  async function finish(flows) {
    try {
      await flows();
    } catch (e) {
      check('the browser run completed', false, String(e && e.stack ? e.stack : e));
    }
    const result = {
      ok: checks.length > 0 && checks.every((c) => c.ok),
      passed: checks.filter((c) => c.ok).length,
      failed: checks.filter((c) => !c.ok).length,
      checks,
      a11y,
      screenshots: shots
    };
    if (env.RESULT_FILE) writeFileSync(env.RESULT_FILE, JSON.stringify(result, null, 2));
    console.log(JSON.stringify({ ok: result.ok, passed: result.passed, failed: result.failed }));
    process.exit(result.ok ? 0 : 1);
  }

  return { env, need, check, browser, axe, shot, noCspViolations, finish };
}

// Browser tests of the consent widget (consent.js) on the demo host page, in Debian's Chromium.
// Run by e2e's WidgetBrowserIT (which starts the system); by hand against ./run.sh:
//   set -a; . .data/demo-credentials.env; set +a
//   DEMO_URL=http://localhost:3000/ CONSENT_URL=http://localhost:8081 node e2e/browser/widget.spec.mjs
// Env: DEMO_URL, CONSENT_URL, ACCOUNT_ID, AGENT_TOKEN, SCREENSHOT_DIR (default e2e/target/screenshots),
// RESULT_FILE (JSON written there too), CHROMIUM (default /usr/bin/chromium).
// Exit status 0 only if every check passed; the last line of stdout is the JSON result.
import { specRun } from './harness.mjs';

const { need, check, browser, axe, shot, noCspViolations, finish } = specRun('widget.spec.mjs', {
  profile: 'consent-widget-',
  viewport: { width: 900, height: 1100 },
  a11yKey: 'state',
  csp: "under the page's strict policy"
});
const DEMO_URL = need('DEMO_URL');
const CONSENT_URL = need('CONSENT_URL').replace(/\/$/, '');
const ACCOUNT_ID = need('ACCOUNT_ID');
const AGENT_TOKEN = need('AGENT_TOKEN');

async function history(visitorId) {
  const response = await fetch(
    `${CONSENT_URL}/accounts/${ACCOUNT_ID}/visitors/${encodeURIComponent(visitorId)}/consent-history`,
    { headers: { Authorization: `Bearer ${AGENT_TOKEN}`, Accept: 'application/json' } });
  if (!response.ok) throw new Error(`consent history: HTTP ${response.status}`);
  return (await response.json()).entries;
}

/** Polls the ledger (the agents' consent history) until predicate(entries) holds, for up to 20 s. */
async function ledgerUntil(visitorId, predicate) {
  const end = Date.now() + 20000;
  let entries = [];
  while (Date.now() < end) {
    entries = await history(visitorId);
    if (predicate(entries)) return entries;
    await new Promise((r) => setTimeout(r, 250));
  }
  return entries;
}

async function consentFlow() {
  const b = await browser();
  const { page } = b;
  const response = await page.goto(DEMO_URL);
  const csp = response.headers()['content-security-policy'] || '';
  check('the demo page sends a strict CSP', /script-src 'self' /.test(csp) && !/unsafe-inline|unsafe-eval/.test(csp), csp);
  await page.waitForSelector('.cc-widget[data-state="ready"]', { timeout: 20000 });
  const integrity = await page.getAttribute('script[src$="/widget/v1/consent.js"]', 'integrity');
  check('consent.js is loaded with an SRI hash that matches', /^sha384-/.test(integrity || ''), integrity);
  const state = await page.evaluate(() => window.ChatConsent.state());
  check('the visitor id is opaque and kept in localStorage',
    /^v-[A-Za-z0-9_-]{20,}$/.test(state.visitorId)
      && (await page.evaluate(() => localStorage.getItem('chatConsent.visitorId'))) === state.visitorId,
    state.visitorId);

  // the form: a fieldset with a legend, a label for each checkbox, nothing preselected, the policy a real link
  const form = await page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.cc-consents input[type=checkbox]')];
    const link = document.querySelector('.cc-consents a');
    return {
      legend: document.querySelector('.cc-consents legend')?.textContent,
      boxes: boxes.map((b) => ({ id: b.id, checked: b.checked, label: !!document.querySelector(`label[for="${b.id}"]`) })),
      link: link && { href: link.href, text: link.textContent, rel: link.rel },
      live: document.querySelector('.cc-widget [aria-live]')?.getAttribute('aria-live')
    };
  });
  check('the form has a legend, a label per checkbox, nothing ticked, an aria-live status',
    form.legend && form.boxes.length >= 1 && form.boxes.every((x) => x.label && !x.checked) && form.live === 'polite', form);
  check('the privacy policy is a real link built with DOM APIs',
    form.link && form.link.href === 'https://shop.example/privacy' && form.link.text === 'privacy policy'
      && form.link.rel.includes('noopener'), form.link);
  await shot(page, '01-form');
  await axe(page, 'form');

  // the gate: "Start chat" before the required box is ticked does not start the chat
  await page.click('#start-chat');
  await page.waitForFunction(() => document.querySelector('#cc-status').textContent.length > 0);
  const blocked = await page.evaluate(() => ({
    started: window.demoChat.started,
    chatHidden: document.getElementById('chat').hidden,
    submitDisabled: document.querySelector('.cc-primary').disabled,
    status: document.querySelector('#cc-status').textContent,
    focused: document.activeElement && document.activeElement.id
  }));
  check('before the required box is ticked the host\'s start-chat callback is not called',
    blocked.started === 0 && blocked.chatHidden && blocked.submitDisabled, blocked);
  check('the widget says why and moves focus to the required box',
    /required/i.test(blocked.status) && blocked.focused === 'cc-consent-chat-processing', blocked);
  await shot(page, '02-blocked');
  // ticking only the optional box is not enough
  await page.check('#cc-consent-newsletter');
  check('the optional box alone does not open the gate',
    await page.evaluate(() => document.querySelector('.cc-primary').disabled && window.demoChat.started === 0));
  await page.uncheck('#cc-consent-newsletter');

  // by keyboard: Space ticks the required box, Enter on the button gives consent
  await page.focus('#cc-consent-chat-processing');
  await page.keyboard.press('Space');
  await page.focus('.cc-primary');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.cc-widget[data-state="consented"]', { timeout: 20000 });
  const granted = await page.evaluate(() => ({
    started: window.demoChat.started,
    receiptId: window.demoChat.receiptId,
    chatHidden: document.getElementById('chat').hidden,
    state: window.ChatConsent.state()
  }));
  check('after ticking, the held start-chat callback runs once with the receipt id',
    granted.started === 1 && /^[0-9a-f-]{36}$/.test(granted.receiptId || '') && !granted.chatHidden
      && granted.state.receipt.receiptId === granted.receiptId, granted);
  const afterGrant = await ledgerUntil(state.visitorId, (e) => e.some((x) => x.kind === 'GRANTED'));
  const grant = afterGrant.find((x) => x.kind === 'GRANTED');
  check('the consent is in the ledger (agent\'s consent history) with the exact text',
    grant && grant.entryId === granted.receiptId && grant.consents.map((c) => c.id).join() === 'chat-processing'
      && grant.consents[0].label.includes('[privacy policy](https://shop.example/privacy)'), grant);
  const withdrawVisible = await page.isVisible('.cc-withdraw');
  check('a visible "withdraw consent" control once consented', withdrawVisible);
  await shot(page, '03-consented');
  await axe(page, 'consented');

  // a second start-chat is let through at once
  await page.click('#start-chat');
  check('once consented, start chat goes through at once', await page.evaluate(() => window.demoChat.started === 2));

  // revocation, as easy as consent: one click
  await page.click('.cc-withdraw');
  await page.waitForSelector('.cc-widget[data-state="ready"]', { timeout: 20000 });
  const afterRevoke = await ledgerUntil(state.visitorId, (e) => e.some((x) => x.kind === 'REVOKED'));
  const revocation = afterRevoke.find((x) => x.kind === 'REVOKED');
  check('withdrawing records a revocation of that receipt by the visitor',
    revocation && revocation.revokes === granted.receiptId && revocation.revokedBy === 'VISITOR', revocation);
  await page.click('#start-chat');
  const closed = await page.evaluate(() => ({
    started: window.demoChat.started,
    chatHidden: document.getElementById('chat').hidden,
    consented: window.ChatConsent.state().consented
  }));
  check('after withdrawal the gate is closed again', closed.started === 2 && closed.chatHidden && !closed.consented, closed);
  await shot(page, '04-withdrawn');
  await noCspViolations(b, 'consent flow');
  check('no script errors on the page (consent flow)', b.problems.length === 0, b.problems.length ? b.problems : undefined);
  await b.close();
}

async function gpcFlow() {
  const b = await browser({ extraHTTPHeaders: { 'Sec-GPC': '1' } });
  const { page } = b;
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
  });
  await page.goto(DEMO_URL);
  await page.waitForSelector('#cc-sale-honored', { timeout: 20000 });
  const shown = await page.evaluate(() => ({
    honored: document.querySelector('#cc-sale-honored').textContent,
    status: document.querySelector('#cc-status').textContent,
    visitorId: window.ChatConsent.state().visitorId,
    saleButtons: document.querySelectorAll('#cc-sale-yes, #cc-sale-no').length
  }));
  check('with GPC the widget shows "Opt-Out Request Honored" without a click',
    shown.honored === 'Opt-Out Request Honored' && shown.saleButtons === 0, shown);
  const entries = await ledgerUntil(shown.visitorId, (e) => e.some((x) => x.kind === 'OPTED_OUT'));
  const optOut = entries.find((x) => x.kind === 'OPTED_OUT');
  check('the GPC opt-out is in the ledger (scope SALE_SHARING, source GPC)',
    optOut && optOut.scope === 'SALE_SHARING' && optOut.source === 'GPC' && optOut.gpc === true, optOut);
  await shot(page, '05-gpc-honored');
  await axe(page, 'gpc');
  // consent still works with GPC, and the grant carries the signal
  await page.check('#cc-consent-chat-processing');
  await page.click('.cc-primary');
  await page.waitForSelector('.cc-widget[data-state="consented"]', { timeout: 20000 });
  const withGrant = await ledgerUntil(shown.visitorId, (e) => e.some((x) => x.kind === 'GRANTED'));
  const grant = withGrant.find((x) => x.kind === 'GRANTED');
  check('a consent given with GPC on records the signal', grant && grant.gpc === true, grant);
  await noCspViolations(b, 'gpc');
  await b.close();
}

async function choicesFlow() {
  const b = await browser();
  const { page } = b;
  await page.goto(DEMO_URL);
  await page.waitForSelector('.cc-widget[data-state="ready"]', { timeout: 20000 });
  const pairs = await page.evaluate(() => ['sale', 'limit'].map((k) => {
    const yes = document.getElementById(`cc-${k}-yes`);
    const no = document.getElementById(`cc-${k}-no`);
    const box = (e) => e.getBoundingClientRect();
    const look = (e) => {
      const s = getComputedStyle(e);
      return [s.backgroundColor, s.color, s.fontSize, s.fontWeight, s.borderTopWidth, s.borderTopColor].join('|');
    };
    return {
      key: k,
      sameLook: look(yes) === look(no),
      sameSize: Math.abs(box(yes).width - box(no).width) < 1 && Math.abs(box(yes).height - box(no).height) < 1,
      noneSelected: !yes.hasAttribute('aria-pressed') && !no.hasAttribute('aria-pressed')
    };
  }));
  check('"Do Not Sell or Share" and "Limit the Use" offer two equal-weight answers, none preselected',
    pairs.every((p) => p.sameLook && p.sameSize && p.noneSelected), pairs);
  await shot(page, '06-choices');
  const visitorId = await page.evaluate(() => window.ChatConsent.state().visitorId);
  await page.click('#cc-sale-no');
  check('"Do not opt out" records nothing and says so',
    (await page.textContent('#cc-status')).length > 0 && (await history(visitorId)).length === 0);
  await page.click('#cc-limit-yes');
  await page.waitForSelector('#cc-limit-honored', { timeout: 20000 });
  const limitEntries = await ledgerUntil(visitorId, (e) => e.some((x) => x.kind === 'OPTED_OUT'));
  check('"Limit the use" records LIMIT_SENSITIVE from the widget',
    limitEntries.length === 1 && limitEntries[0].scope === 'LIMIT_SENSITIVE' && limitEntries[0].source === 'WIDGET',
    limitEntries);
  await page.click('#cc-sale-yes');
  await page.waitForSelector('#cc-sale-honored', { timeout: 20000 });
  const both = await ledgerUntil(visitorId, (e) => e.filter((x) => x.kind === 'OPTED_OUT').length === 2);
  check('"Opt out of sale and sharing" by a click records SALE_SHARING from the widget',
    both.some((x) => x.scope === 'SALE_SHARING' && x.source === 'WIDGET'), both);
  await shot(page, '07-choices-made');
  await axe(page, 'choices made');
  await noCspViolations(b, 'choices');
  await b.close();
}

async function stringsFlow() {
  const b = await browser();
  const { page } = b;
  await page.goto(DEMO_URL);
  await page.waitForSelector('.cc-widget[data-state="ready"]', { timeout: 20000 });
  await page.evaluate(() => window.ChatConsent.configure({ lang: 'es', strings: { title: 'Antes de hablar' } }));
  const texts = await page.evaluate(() => ({
    title: document.querySelector('.cc-title').textContent,
    submit: document.querySelector('.cc-primary').textContent,
    lang: document.querySelector('.cc-widget').lang
  }));
  check('strings are translatable and overridable by the host',
    texts.title === 'Antes de hablar' && texts.submit === 'Dar mi consentimiento' && texts.lang === 'es', texts);
  await b.close();
}

await finish(async () => {
  await consentFlow();
  await gpcFlow();
  await choicesFlow();
  await stringsFlow();
});

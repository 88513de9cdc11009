// Browser tests of the consumers' privacy center (public console pages, no sign-in), in Debian's Chromium. Run by
// e2e's PrivacyCenterBrowserIT (which starts the system and reads the mailed code from the SMTP server); by hand
// against ./run.sh:
//   set -a; . .data/demo-credentials.env; set +a
//   CONSOLE_URL=http://localhost:8090 ACCOUNT_ID=$ACCOUNT_ID PHASE=... node e2e/browser/privacy-center.spec.mjs
// Phases: "opt-out" (an opt-out straight to its status page); "access-submit" (an access request up to the code
// page, whose URL goes to CODE_PAGE_FILE); "access-verify" (on CODE_PAGE_URL: a wrong code, then CODE);
// "copy-ask" (the access mail's link COPY_URL: "Email me a code"; the page's URL goes to COPY_PAGE_FILE);
// "copy-open" (on COPY_PAGE_URL: a wrong code, then CODE: the copy shows EXPECT_TEXT and none of ABSENT_TEXTS,
// separated by |, and its JSON download names EXPORT_ID).
// Env: CONSOLE_URL, ACCOUNT_ID, PHASE, EMAIL, CODE_PAGE_FILE, CODE_PAGE_URL, CODE, STATUS_PAGE_FILE (where a
// status page's URL goes), COPY_URL, COPY_PAGE_FILE, COPY_PAGE_URL, EXPECT_TEXT, ABSENT_TEXTS, EXPORT_ID,
// SCREENSHOT_DIR, RESULT_FILE, CHROMIUM. Exit status 0 only if every check passed; the last line of stdout is the JSON result.
import { writeFileSync } from 'node:fs';
import { specRun } from './harness.mjs';

const { need, check, browser, axe, shot, noCspViolations, finish } = specRun('privacy-center.spec.mjs', {
  profile: 'privacy-center-',
  viewport: { width: 1000, height: 900 },
  shotPrefix: 'privacy-center-',
  a11yKey: 'page',
  csp: 'on the privacy center'
});
const env = process.env;
const CONSOLE_URL = need('CONSOLE_URL').replace(/\/$/, '');
const ACCOUNT_ID = need('ACCOUNT_ID');
const CENTER = `${CONSOLE_URL}/privacy/${ACCOUNT_ID}`;
const STATUS_PAGE = new RegExp(`/privacy/${ACCOUNT_ID}/requests/[0-9a-f-]{36}\\?token=.+`);
const CODE_PAGE = new RegExp(`/privacy/${ACCOUNT_ID}/intakes/[0-9a-f-]{36}$`);

/** The headers every privacy-center page answers with: nothing kept, no address leaked onwards. */
function checkHeaders(response, name) {
  const headers = response.headers();
  check(`${name}: Cache-Control no-store and Referrer-Policy no-referrer`,
    /no-store/.test(headers['cache-control'] || '') && headers['referrer-policy'] === 'no-referrer',
    { cacheControl: headers['cache-control'], referrerPolicy: headers['referrer-policy'] });
}

/** Opens the privacy center without signing in: the form, not the provider's sign-in page. */
async function openCenter(page) {
  const response = await page.goto(CENTER);
  check('the privacy center opens without a sign-in', response.status() === 200 && page.url() === CENTER,
    { status: response.status(), url: page.url().split('?')[0] });
  checkHeaders(response, 'form');
  check('the form names the account', /Your privacy rights with \S/.test(await page.textContent('h1')),
    await page.textContent('h1'));
  check('the five rights are a radio group under a legend',
    (await page.locator('fieldset.rights legend').count()) === 1
      && (await page.locator('fieldset.rights input[type=radio][name=type]').count()) === 5);
  check('no signed-in navigation', (await page.locator('nav, a[href="/logout"]').count()) === 0);
}

/** Submits the form and waits for the page it leads to. */
async function submit(page, url) {
  const [response] = await Promise.all([
    page.waitForNavigation({ url, timeout: 30000 }),
    page.click('button:has-text("Send my request")')
  ]);
  return response;
}

/** An opt-out needs no code: it is opened at once and the consumer lands on its status page. */
async function optOutFlow() {
  const b = await browser();
  const { page } = b;
  await openCenter(page);
  await shot(page, '01-form');
  await axe(page, 'form');

  // the server checks what one right alone requires (no script on these pages): a correction without its fields
  await page.check('#type-CORRECT');
  check('the correction\'s fields show once "Correct" is chosen', await page.isVisible('#correctionValue'));
  await page.fill('#email', need('EMAIL'));
  await page.click('button:has-text("Send my request")');
  await page.waitForLoadState('load');
  check('a correction without its fields is refused beside them',
    (await page.locator('#correctionField-error').count()) === 1
      && (await page.getAttribute('#correctionField', 'aria-describedby')) === 'correctionField-error'
      && (await page.locator('#correctionValue-error').count()) === 1,
    await page.locator('.field-error').allTextContents());
  check('the form keeps what was typed', (await page.inputValue('#email')) === need('EMAIL'));
  await shot(page, '02-form-errors');
  await axe(page, 'form with errors');

  await page.check('#type-OPT_OUT');
  check('the correction\'s fields hide for another right', !(await page.isVisible('#correctionValue')));
  const response = await submit(page, STATUS_PAGE);
  check('an opt-out lands on its status page', STATUS_PAGE.test(page.url()), page.url().split('?')[0]);
  checkHeaders(response, 'status (opt-out)');
  check('the status page names the right', /sell or share/i.test(await page.textContent('h1')),
    await page.textContent('h1'));
  const facts = (await page.textContent('dl.facts')).replace(/\s+/g, ' ');
  check('the status page shows the status and when it was received', /Status\s*\S/.test(facts) && /Received\s*\d/.test(facts),
    facts);
  check('the status page does not show the address', !(await page.content()).includes(need('EMAIL')));
  if (env.STATUS_PAGE_FILE) writeFileSync(env.STATUS_PAGE_FILE, page.url());
  await shot(page, '03-opt-out-status');
  await axe(page, 'status (opt-out)');

  // a wrong token reads like an unknown request
  const wrong = new URL(page.url());
  wrong.searchParams.set('token', 'not-the-token');
  const refused = await page.goto(wrong.toString());
  check('a wrong token is a 404 page', refused.status() === 404
    && (await page.textContent('h1')).includes('not found'), refused.status());
  await axe(page, 'not found');
  await noCspViolations(b, 'opt-out');
  await b.close();
}

/** An access request waits for the mailed code: the consumer lands on the code page; its URL goes to the test. */
async function accessSubmitFlow() {
  const b = await browser();
  const { page } = b;
  await openCenter(page);
  await page.check('#type-ACCESS');
  await page.fill('#email', need('EMAIL'));
  const response = await submit(page, CODE_PAGE);
  check('an access request lands on the code page', CODE_PAGE.test(page.url()), page.url());
  checkHeaders(response, 'code page');
  check('the code page asks for the code and offers a new one',
    (await page.locator('label[for=code]').count()) === 1
      && (await page.locator('button:has-text("Send me a new code")').count()) === 1);
  await shot(page, '04-code');
  await axe(page, 'code');
  writeFileSync(need('CODE_PAGE_FILE'), page.url());
  await noCspViolations(b, 'access, submit');
  await b.close();
}

/** On the code page: a wrong code (attempts left), then the one the test read from the mail: the status page. */
async function accessVerifyFlow() {
  const code = need('CODE');
  const wrongCode = code === '00000000' ? '11111111' : '00000000';
  const b = await browser();
  const { page } = b;
  await page.goto(need('CODE_PAGE_URL'));
  await page.fill('#code', wrongCode);
  await page.click('button:has-text("Confirm")');
  await page.waitForLoadState('load');
  const error = await page.locator('#code-error').textContent().catch(() => '');
  check('a wrong code says how many attempts are left', /attempts? left/.test(error), error);
  check('the message is linked to the field',
    (await page.getAttribute('#code', 'aria-describedby')) === 'code-error'
      && (await page.getAttribute('#code', 'aria-invalid')) === 'true');
  await shot(page, '05-wrong-code');
  await axe(page, 'wrong code');

  await page.fill('#code', code);
  const [response] = await Promise.all([
    page.waitForNavigation({ url: STATUS_PAGE, timeout: 30000 }),
    page.click('button:has-text("Confirm")')
  ]);
  check('the right code leads to the status page', STATUS_PAGE.test(page.url()), page.url().split('?')[0]);
  checkHeaders(response, 'status (access)');
  check('the status page names the access request', /See the personal information/.test(await page.textContent('h1')),
    await page.textContent('h1'));
  check('the status page shows the history', (await page.locator('ol.timeline li').count()) >= 1);
  if (env.STATUS_PAGE_FILE) writeFileSync(env.STATUS_PAGE_FILE, page.url());
  await shot(page, '06-access-status');
  await axe(page, 'status (access)');
  await noCspViolations(b, 'access, verify');
  await b.close();
}

const COPY_PAGE = new RegExp(`/privacy/${ACCOUNT_ID}/copies/[0-9a-f-]{36}\\?token=[A-Za-z0-9_-]+&sent=1$`);

/** The access mail's link: it explains, opens nothing by itself, and sends a code on request. */
async function copyAskFlow() {
  const b = await browser();
  const { page } = b;
  const response = await page.goto(need('COPY_URL'));
  check('the copy link opens its page', response.status() === 200, response.status());
  checkHeaders(response, 'copy link');
  check('the page explains that a code comes by email', /Open your copy/.test(await page.textContent('h1'))
    && /one-time code/.test(await page.textContent('main')), await page.textContent('h1'));
  check('the token alone shows no copy and no code field yet',
    (await page.locator('section.copy-item').count()) === 0 && (await page.locator('#code').count()) === 0);
  await shot(page, '07-copy-link');
  await axe(page, 'copy link');
  const [sent] = await Promise.all([
    page.waitForNavigation({ url: COPY_PAGE, timeout: 30000 }),
    page.click('button:has-text("Email me a code")')
  ]);
  check('"Email me a code" comes back with the code field', COPY_PAGE.test(page.url())
    && (await page.locator('label[for=code]').count()) === 1, page.url().split('?')[0]);
  checkHeaders(sent, 'copy code');
  check('the page says the code was emailed', /We emailed an 8-digit code/.test(await page.textContent('.notice')));
  writeFileSync(need('COPY_PAGE_FILE'), page.url());
  await noCspViolations(b, 'copy, ask');
  await b.close();
}

/** The code from the mail opens the copy, after a wrong one that says how many attempts are left. */
async function copyOpenFlow() {
  const code = need('CODE');
  const wrongCode = code === '00000000' ? '11111111' : '00000000';
  const b = await browser();
  const { page } = b;
  await page.goto(need('COPY_PAGE_URL'));
  await page.fill('#code', wrongCode);
  await page.click('button:has-text("Open my copy")');
  await page.waitForLoadState('load');
  const error = await page.locator('#code-error').textContent().catch(() => '');
  check('a wrong code says how many attempts are left', /4 more attempt/.test(error), error);
  check('the message is linked to the field',
    (await page.getAttribute('#code', 'aria-describedby')) === 'code-error'
      && (await page.getAttribute('#code', 'aria-invalid')) === 'true');
  check('a wrong code shows no copy', (await page.locator('section.copy-item').count()) === 0);
  await shot(page, '08-copy-code');
  await axe(page, 'copy, wrong code');

  await page.fill('#code', code);
  const [response] = await Promise.all([
    page.waitForNavigation({ timeout: 30000 }),
    page.click('button:has-text("Open my copy")')
  ]);
  checkHeaders(response, 'copy');
  check('the right code shows the copy', response.status() === 200
    && /Your copy of your personal information/.test(await page.textContent('h1')), await page.textContent('h1'));
  const text = await page.textContent('main');
  check('the copy holds the consumer\'s chat', text.includes(need('EXPECT_TEXT')));
  const absent = (env.ABSENT_TEXTS || '').split('|').filter(t => t);
  check('and nothing of anyone else\'s nor from before 2022', absent.every(t => !text.includes(t)), absent);
  check('the copy says which dates it covers', /January 1, 2022 to /.test(await page.textContent('dd.covers')),
    await page.textContent('dd.covers'));
  const href = await page.getAttribute('a.download', 'href');
  const json = href && href.startsWith('data:application/json;base64,')
    ? JSON.parse(Buffer.from(href.substring('data:application/json;base64,'.length), 'base64').toString('utf8'))
    : null;
  check('"Download as JSON" is the copy as JSON', json !== null && json.exportId === need('EXPORT_ID')
    && JSON.stringify(json).includes(need('EXPECT_TEXT')) && absent.every(t => !JSON.stringify(json).includes(t)),
    href ? href.substring(0, 40) : href);
  check('no token is left on the copy page', !(await page.content()).includes(new URL(need('COPY_PAGE_URL')).searchParams.get('token')));
  await shot(page, '09-copy');
  await axe(page, 'copy');
  await noCspViolations(b, 'copy, open');
  await b.close();
}

await finish(async () => {
  if (env.PHASE === 'opt-out') {
    await optOutFlow();
  } else if (env.PHASE === 'access-submit') {
    await accessSubmitFlow();
  } else if (env.PHASE === 'access-verify') {
    await accessVerifyFlow();
  } else if (env.PHASE === 'copy-ask') {
    await copyAskFlow();
  } else if (env.PHASE === 'copy-open') {
    await copyOpenFlow();
  } else {
    throw new Error('PHASE must be opt-out, access-submit, access-verify, copy-ask or copy-open');
  }
});

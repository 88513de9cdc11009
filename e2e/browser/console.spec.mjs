// Browser tests of the console (agents' and owners' pages), signed in through the stack's Keycloak, in Debian's
// Chromium. Run by e2e's ConsoleBrowserIT (which starts the system); by hand against ./run.sh:
//   set -a; . .data/demo-credentials.env; set +a
//   CONSOLE_URL=http://localhost:8090 node e2e/browser/console.spec.mjs
// Env: CONSOLE_URL, OWNER_USERNAME, OWNER_PASSWORD, AGENT_USERNAME, AGENT_PASSWORD, OTHER_USERNAME,
// OTHER_PASSWORD (an agent of another account), SCREENSHOT_DIR, RESULT_FILE, CHROMIUM.
// Exit status 0 only if every check passed; the last line of stdout is the JSON result.
import { writeFileSync } from 'node:fs';
import { specRun } from './harness.mjs';

const { need, check, browser, axe, shot, noCspViolations, finish } = specRun('console.spec.mjs', {
  profile: 'console-',
  viewport: { width: 1200, height: 900 },
  shotPrefix: 'console-',
  a11yKey: 'page',
  csp: "on the console's pages"
});
const env = process.env;
const CONSOLE_URL = need('CONSOLE_URL').replace(/\/$/, '');

/** Opens a console page; the console sends the browser to Keycloak's sign-in form, and back once signed in. */
async function signIn(page, path, username, password) {
  await page.goto(CONSOLE_URL + path);
  await page.waitForSelector('#username', { timeout: 60000 });
  check(`${username}: an unsigned visitor is sent to the provider's sign-in form`, !page.url().startsWith(CONSOLE_URL),
    page.url().split('?')[0]);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((url) => url.toString().startsWith(CONSOLE_URL), { timeout: 60000 }),
    page.click('#kc-login')]);
  await page.waitForLoadState('load');
}

let openedId = null;

async function ownerFlow() {
  const b = await browser();
  const { page } = b;
  await signIn(page, '/requests', need('OWNER_USERNAME'), need('OWNER_PASSWORD'));
  check('the owner lands on the requests page', page.url().startsWith(CONSOLE_URL + '/requests'), page.url());
  check('the requests page names the signed-in owner',
    (await page.textContent('header .who')).includes('owner'), await page.textContent('header .who'));
  await shot(page, '01-requests');
  await axe(page, 'requests');

  await page.click('text=Open a request');
  // a consumer's DELETE waits for the owner's code, so it stays open while the test extends it (an ACCESS
  // request completes by itself within seconds, once its copy is mailed)
  await page.selectOption('#type', 'DELETE');
  await page.selectOption('#channel', 'EMAIL');
  await page.fill('#subjectEmail', 'console.visitor@example.com');
  await shot(page, '02-open');
  await axe(page, 'open a request');
  await Promise.all([page.waitForURL(/\/requests\/[0-9a-f-]{36}$/), page.click('button:has-text("Open the request")')]);
  openedId = page.url().split('/').pop();
  check('opening a request leads to its page', !!openedId, page.url());
  check('the request page shows the type and the consumer',
    (await page.textContent('h1')).includes('DELETE') && (await page.textContent('dl.facts')).includes('console.visitor@example.com'));
  check('the request page shows its timeline', (await page.locator('ol.timeline li').count()) >= 1);
  check('an owner is offered the decline form', (await page.locator('form[action$="/decline"]').count()) === 1);
  await shot(page, '03-request');
  await axe(page, 'request');

  // a refusal is shown in the service's own words, nothing changes
  await page.fill('#ext-reason', ' ');
  await page.evaluate(() => document.querySelector('#ext-reason').removeAttribute('required'));
  await page.click('form[action$="/extension"] button');
  await page.waitForLoadState('load');
  check('a refused extension shows the service\'s problem', (await page.locator('.problem').count()) === 1,
    await page.locator('.problem').textContent().catch(() => null));
  await page.fill('#ext-reason', 'We need more time to collect the chats from the archive.');
  await page.click('form[action$="/extension"] button');
  await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
  check('the extension is recorded with its reason',
    (await page.textContent('dl.facts')).includes('collect the chats from the archive'));

  await page.goto(CONSOLE_URL + '/requests');
  check('the list shows the new request', (await page.locator(`a[href="/requests/${openedId}"]`).count()) === 1);

  await page.goto(CONSOLE_URL + '/consent');
  check('the consent page lists the published form versions', (await page.locator('a[href^="/consent/versions/"]').count()) >= 1);
  await shot(page, '04-consent');
  await axe(page, 'consent');

  await page.goto(CONSOLE_URL + '/records');
  check('the records page shows the year\'s figures as a table and a chart',
    (await page.locator('table.metrics').count()) === 1 && (await page.locator('svg.chart rect').count()) >= 1);
  await shot(page, '05-records');
  await axe(page, 'records');
  await noCspViolations(b, 'owner');
  await b.close();
}

async function agentFlow() {
  const b = await browser();
  const { page } = b;
  await signIn(page, `/requests/${openedId}`, need('AGENT_USERNAME'), need('AGENT_PASSWORD'));
  check('the agent sees the request of their account', (await page.textContent('h1')).includes('DELETE'));
  check('an agent is not offered the decline form', (await page.locator('form[action$="/decline"]').count()) === 0);
  await noCspViolations(b, 'agent');
  await b.close();
}

async function otherAccountFlow() {
  const b = await browser();
  const { page } = b;
  await signIn(page, '/requests', need('OTHER_USERNAME'), need('OTHER_PASSWORD'));
  check('an agent of another account does not see the request in their list',
    (await page.locator(`a[href="/requests/${openedId}"]`).count()) === 0);
  const response = await page.goto(`${CONSOLE_URL}/requests/${openedId}`);
  check('an agent of another account cannot open the request',
    response.status() >= 400 && !(await page.content()).includes('console.visitor@example.com'), response.status());
  await shot(page, '06-other-account');
  await b.close();
}

/** The agent previews the tag's deletion and opens the request; its id goes to DELETION_REQUEST_FILE. */
async function deletionOpenFlow() {
  const tag = need('DELETION_TAG');
  const b = await browser();
  const { page } = b;
  await signIn(page, '/deletion', need('AGENT_USERNAME'), need('AGENT_PASSWORD'));
  await page.fill('#tag', tag);
  await Promise.all([page.waitForURL(/\/deletion\/preview/), page.click('button:has-text("Preview")')]);
  const facts = await page.textContent('dl.facts');
  check('the preview counts the tagged chats', /Chats it would delete\s*3/.test(facts), facts.replace(/\s+/g, ' '));
  await shot(page, '07-deletion-preview');
  await axe(page, 'deletion preview');
  await Promise.all([page.waitForURL(/\/deletion\/[0-9a-f-]{36}$/),
    page.click('button:has-text("Open a deletion request")')]);
  const requestId = page.url().split('/').pop();
  check('opening the deletion leads to its page', /^[0-9a-f-]{36}$/.test(requestId), page.url());
  check('an agent is not offered the code form', (await page.locator('#code').count()) === 0);
  writeFileSync(need('DELETION_REQUEST_FILE'), requestId);
  await noCspViolations(b, 'deletion, agent');
  await b.close();
}

/** The owner types the code the test read from the SMTP server, and sees the receipt. */
async function deletionAuthoriseFlow() {
  const requestId = need('DELETION_REQUEST_ID');
  const b = await browser();
  const { page } = b;
  await signIn(page, `/deletion/${requestId}`, need('OWNER_USERNAME'), need('OWNER_PASSWORD'));
  for (let i = 0; i < 30 && (await page.locator('#code').count()) === 0; i++) {
    await page.waitForTimeout(1000); // the page reloads itself until deletion-service has taken the request in
    await page.goto(`${CONSOLE_URL}/deletion/${requestId}`);
  }
  check('the owner is offered the code form', (await page.locator('#code').count()) === 1);
  await shot(page, '08-deletion-code');
  await page.fill('#code', need('DELETION_CODE'));
  await page.click('button:has-text("Delete now")');
  for (let i = 0; i < 60 && (await page.locator('text=Receipt').count()) === 0; i++) {
    await page.waitForTimeout(1000);
    await page.goto(`${CONSOLE_URL}/deletion/${requestId}`);
  }
  const receipt = (await page.textContent('main')).replace(/\s+/g, ' ');
  check('the owner sees the receipt with the chats deleted', /Chats deleted\s*3/.test(receipt), receipt.slice(0, 400));
  await shot(page, '09-deletion-receipt');
  await axe(page, 'deletion receipt');
  await noCspViolations(b, 'deletion, owner');
  await b.close();
}

await finish(async () => {
  if (env.PHASE === 'deletion-open') {
    await deletionOpenFlow();
  } else if (env.PHASE === 'deletion-authorise') {
    await deletionAuthoriseFlow();
  } else {
    await ownerFlow();
    await agentFlow();
    await otherAccountFlow();
  }
});

// `npm run test:browser`: the Swagger UI page as a person uses it. Starts the built facade with its
// bundled simulator, opens /docs in Debian's Chromium, authorizes with an API key, runs "Try it out" on
// GET /v1/label-tree and checks the rendered answer; saves a screenshot under dist/browser/.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildApps, root, startBuiltFacade } from '../lib/built-apps.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const API_KEY = 'browser-check-key';
const screenshot = join(root, 'dist/browser/docs-label-tree.png');

function fail(message) {
  console.error(`test:browser failed: ${message}`);
  process.exitCode = 1;
}

if (!existsSync(CHROMIUM)) {
  fail(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)`);
  process.exit(1);
}

if (!buildApps()) {
  fail('the build failed');
  process.exit(1);
}

const facade = startBuiltFacade({ LOG_LEVEL: 'warn', FACADE_API_KEYS: API_KEY });
const origin = await facade.origin;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));

  await page.goto(`${origin}/docs`, { waitUntil: 'networkidle' });
  await page.locator('button.authorize').first().click();
  const apiKeyBlock = page.locator('.modal-ux .auth-container').filter({ hasText: 'X-API-Key' });
  await apiKeyBlock.locator('input').fill(API_KEY);
  await apiKeyBlock.locator('button.authorize').click();
  await apiKeyBlock.locator('button.btn-done').click();

  const operation = page.locator('#operations-labels-getLabelTree');
  await operation.locator('.opblock-summary').click();
  await operation.locator('button.try-out__btn').click();
  await operation.locator('button.execute').click();
  const live = operation.locator('.live-responses-table');
  await live.locator('tr.response .response-col_status').first().waitFor({ timeout: 15000 });
  const status = (await live.locator('tr.response .response-col_status').first().innerText()).trim();
  const body = await live.locator('tr.response .response-col_description pre').first().innerText();

  mkdirSync(dirname(screenshot), { recursive: true });
  await operation.scrollIntoViewIfNeeded();
  await operation.screenshot({ path: screenshot });

  if (status !== '200') fail(`Try it out answered status ${status}, not 200`);
  else if (!body.includes('客户意向'))
    fail(`the rendered response does not show the label category 客户意向:\n${body.slice(0, 500)}`);
  else if (pageErrors.length > 0) fail(`the page reported errors: ${pageErrors.join(' | ')}`);
  else
    console.log(
      `test:browser passed: GET /v1/label-tree answered 200 with 客户意向 in Swagger UI; screenshot ${screenshot}`,
    );
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  await browser.close();
  facade.child.kill('SIGTERM');
}

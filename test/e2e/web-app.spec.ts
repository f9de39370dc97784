import { expect, type Page, test } from '@playwright/test';

// The team's web app in a real browser against a fresh server with the demo data (see playwright.config.ts):
// a first session, then a collector's day, then screenshots for the README. One file, in order, because
// each part builds on the data the previous one left.

const DEMO = { email: 'demo@lumen-studio.example', password: 'punctual-demo' };
const API_KEY = 'pk_0000000000004000800000000000d0e1_demo-key-for-local-use-only';
const auth = { authorization: `Bearer ${API_KEY}` };
const eur = (minor: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(minor / 100);
/** "€1,234.56" → 123456 */
const minorOf = (text: string) => Math.round(Number(text.replace(/[^0-9.-]/g, '')) * 100);

test.describe.configure({ mode: 'serial' });

async function signIn(page: Page) {
  await page.goto('/');
  await page.getByLabel('Email').fill(DEMO.email);
  await page.getByLabel('Password').fill(DEMO.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}

async function stat(page: Page, label: string): Promise<string> {
  const card = page.getByRole('region', { name: 'Dashboard' }).locator('.stat', { hasText: label });
  return (await card.locator('.stat-value').textContent()) ?? '';
}

test('signs in and shows the dashboard figures the API computes', async ({ page, request }) => {
  await signIn(page);
  const summary = await (await request.get('/api/v1/insight/summary', { headers: auth })).json();
  const figures = summary.currencies.find((c: { currency: string }) => c.currency === 'EUR');
  expect(await stat(page, 'Total receivable')).toBe(eur(figures.receivables));
  expect(await stat(page, 'Overdue')).toBe(eur(figures.overdue));
  expect(await stat(page, 'DSO')).toBe(`${(figures.dso.dsoTenths / 10).toFixed(1)} days`);
  await expect(page.getByRole('img', { name: /^Aging: / })).toBeVisible();
  await expect(page.getByRole('img', { name: /^DSO, last 12 months: / })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Expected cash-in, next 13 weeks: / })).toBeVisible();
  // Another currency is one click away and never added to the euros.
  await page.getByRole('button', { name: 'RON' }).click();
  expect(await stat(page, 'Total receivable')).toContain('RON');
});

test('opens a customer and its one timeline', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('searchbox').fill('Dublin');
  await page.getByRole('link', { name: 'Dublin Media' }).click();
  await expect(page.getByRole('heading', { name: 'Dublin Media', level: 1 })).toBeVisible();
  const timeline = page.locator('.timeline');
  await expect(timeline.getByText(/Invoice INV-\d+ issued/).first()).toBeVisible();
  await expect(timeline.getByText(/Payment of €[\d,.]+ received/).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Why this level' })).toBeVisible();
});

test('creates and issues an invoice, records its payment, and sees balance and status change', async ({ page }) => {
  await signIn(page);
  await page.goto('/invoices/new');
  await page.getByRole('searchbox').fill('Berlin');
  await page.getByLabel('Customer', { exact: true }).selectOption({ label: 'Berlin Bike Works (EUR)' });
  await page.getByLabel('Description 1').fill('Brand workshop (2 days)');
  await page.getByLabel('Unit price 1').fill('1250');
  await page.getByLabel('Tax % 1').fill('19');
  await page.getByRole('button', { name: 'Save and issue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^(Invoice INV-\d+|Draft invoice)$/);
  // Beyond the credit limit the draft asks first; then it is issued by hand.
  if ((await page.getByRole('heading', { level: 1 }).textContent()) === 'Draft invoice') await page.getByRole('button', { name: 'Issue invoice' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Invoice INV-\d+$/);
  await expect(page.locator('.page-head .badge')).toHaveText('Open');
  await expect(page.getByTestId('invoice-balance')).toHaveText('€1,487.50');

  await page.getByRole('button', { name: 'Record payment' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Amount received (EUR)')).toHaveValue('1487.50');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByTestId('invoice-balance')).toHaveText('€0.00');
  await expect(page.locator('.page-head .badge')).toHaveText('Paid');
});

test('sends an issued invoice by email, says where it went, and the customer timeline shows it', async ({ page, request }) => {
  const [customer] = (await (await request.get('/api/v1/customers', { headers: auth, params: { q: 'Amsterdam Analytics' } })).json()).data;
  const created = await request.post('/api/v1/invoices', { headers: auth, data: { customerId: customer.id, issue: true, lines: [{ description: 'Dashboard review', quantity: 1, unitPrice: 90_000, taxRateBp: 2100 }] } });
  expect(created.status()).toBe(201);
  const invoice = await created.json();
  await signIn(page);
  await page.goto(`/invoices/${invoice.id}`);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Send invoice ${invoice.number}` });
  await expect(dialog.getByLabel('Send to')).toContainText('sanne@amsanalytics.example');
  await dialog.getByRole('button', { name: 'Send invoice' }).click();
  await expect(page.getByRole('status')).toHaveText(`Invoice ${invoice.number} queued to sanne@amsanalytics.example.`);
  await page.getByRole('link', { name: 'Amsterdam Analytics' }).click();
  await expect(page.locator('.timeline').getByText(`Invoice ${invoice.number} sent`)).toBeVisible();
});

test('a collector’s day: worklist, a call with a promise, the payment, reminders stop, the dashboard moves', async ({ page, request }) => {
  await signIn(page);
  const collectedBefore = minorOf(await stat(page, 'Collected this month'));

  // The daily tick runs in the background; the admin can also run it at once.
  await page.getByRole('link', { name: 'Dunning policies' }).click();
  await page.getByRole('button', { name: 'Run reminders now' }).click();
  await expect(page.getByText(/^Done: \d+ messages? queued, \d+ tasks? created\.$/)).toBeVisible();

  // And anyone can put a follow-up on the list by hand: one for the most overdue invoice, due today.
  const overdue = (await (await request.get('/api/v1/invoices?overdue=true&limit=1', { headers: auth })).json()).data[0];
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Bucharest' }).format(new Date());
  expect((await request.post('/api/v1/tasks', { headers: auth, data: { customerId: overdue.customerId, title: 'Call about the overdue invoice', dueOn: today, invoiceIds: [overdue.id] } })).status()).toBe(201);

  await page.getByRole('link', { name: 'Worklist' }).click();
  const task = page.getByTestId('task').first();
  await expect(task).toBeVisible();
  await expect(task.locator('.tl-title')).not.toHaveText('…');
  const customer = (await task.locator('.tl-title').textContent()) ?? '';
  const apiTasks = await (await request.get('/api/v1/tasks', { headers: auth })).json();
  const invoiceId: string = apiTasks.data[0].invoiceIds[0];
  const invoice = await (await request.get(`/api/v1/invoices/${invoiceId}`, { headers: auth })).json();

  await task.getByRole('button', { name: 'Reached' }).click();
  await task.getByLabel('Promised to pay').check();
  await task.getByRole('button', { name: 'Forgot' }).click();
  const logged = page.getByRole('status').getByText(/^Call logged:/);
  await expect(logged).toHaveText(`Call logged: ${customer}`);

  await logged.getByRole('link', { name: customer }).click();
  await expect(page.locator('.timeline').getByText('Call logged: Reached')).toBeVisible();
  await expect(page.locator('.timeline').getByText(/^Promise to pay .+ by /).first()).toBeVisible();

  await page.goto(`/invoices/${invoiceId}`);
  await expect(page.getByText(/On hold: promise to pay/i)).toBeVisible();
  await page.getByRole('button', { name: 'Record payment' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Record payment' }).click();
  await expect(page.locator('.page-head .badge')).toHaveText('Paid');
  // Paid: nothing more is planned for this invoice.
  await expect(page.getByText('Upcoming')).toHaveCount(0);
  const schedule = await (await request.get(`/api/v1/invoices/${invoiceId}/dunning`, { headers: auth })).json();
  expect(schedule.upcoming).toEqual([]);

  await page.getByRole('link', { name: 'Dashboard' }).click();
  if (invoice.currency === 'EUR') await expect.poll(async () => minorOf(await stat(page, 'Collected this month'))).toBe(collectedBefore + invoice.balance);
  else {
    await page.getByRole('button', { name: invoice.currency }).click();
    await expect(page.getByRole('region', { name: 'Dashboard' }).locator('.stat', { hasText: 'Collected this month' })).toBeVisible();
  }
});

test('a customer’s own reminder settings decide its invoices’ reminders, and the invoice says so', async ({ page, request }) => {
  const invoice = (await (await request.get('/api/v1/invoices?status=open&overdue=true&limit=1', { headers: auth })).json()).data[0];
  await signIn(page);
  await page.goto(`/customers/${invoice.customerId}`);
  const card = page.locator('section.card', { has: page.getByRole('heading', { name: 'Reminders for this customer' }) });
  await expect(card.getByText(/^Reminders follow “.+”, decided by the organization’s default\.$/)).toBeVisible();
  await card.getByLabel('Policy').selectOption({ label: 'Standard reminders' });
  await card.getByLabel('Risk level').selectOption({ label: 'High risk' });
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByText('Reminders follow “Standard reminders”, decided by the customer’s settings.')).toBeVisible();

  await page.goto(`/invoices/${invoice.id}`);
  await expect(page.getByText('Policy: Standard reminders · decided by the customer’s settings')).toBeVisible();

  await page.goto(`/customers/${invoice.customerId}`);
  await card.getByLabel('No automated reminders for this customer').check();
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByText('No automated reminders, decided by the customer’s settings.')).toBeVisible();
  await page.goto(`/invoices/${invoice.id}`);
  await expect(page.getByText('Excluded from reminders (decided by the customer’s settings)')).toBeVisible();
  const schedule = await (await request.get(`/api/v1/invoices/${invoice.id}/dunning`, { headers: auth })).json();
  expect([schedule.excludedBy, schedule.upcoming]).toEqual(['customer', []]);
  expect(await (await request.get(`/api/v1/customers/${invoice.customerId}/dunning`, { headers: auth })).json()).toMatchObject({ policyId: 'default', excluded: true, riskLevel: 'high' });

  // Back to the organization's choice, so the screenshots show the demo as it ships.
  await request.patch(`/api/v1/customers/${invoice.customerId}/dunning`, { headers: auth, data: { policyId: null, excluded: false, riskLevel: null } });
});

const SCREENS = [
  ['dashboard', '/'],
  ['worklist', '/worklist'],
  ['customers', '/customers'],
  ['customer', '/customers/:first'],
  ['invoices', '/invoices'],
  ['invoice', '/invoices/:overdue'],
  ['reports', '/reports'],
  ['policies', '/policies'],
] as const;

test('screenshots for the README, desktop and phone', async ({ page, request }) => {
  test.setTimeout(180_000);
  const overdueList = (await (await request.get('/api/v1/invoices?overdue=true&limit=20', { headers: auth })).json()).data;
  const overdue = overdueList[0];
  // A morning's follow-ups, so the worklist looks like a working day.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Bucharest' }).format(new Date());
  for (const invoice of overdueList.slice(1, 5))
    await request.post('/api/v1/tasks', { headers: auth, data: { customerId: invoice.customerId, title: `Call about ${invoice.number}`, dueOn: today, invoiceIds: [invoice.id] } });
  await signIn(page);
  for (const [viewport, size] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    await page.setViewportSize(size);
    for (const [name, path] of SCREENS) {
      await page.goto(path.replace(':first', overdue.customerId).replace(':overdue', overdue.id));
      await expect(page.locator('.loading')).toHaveCount(0);
      await page.waitForTimeout(600);
      await page.screenshot({ path: `docs/screenshots/${name}-${viewport}.png`, fullPage: viewport === 'desktop' });
    }
  }
});

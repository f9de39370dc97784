import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

const demoKey = 'pk_0000000000004000800000000000d0e1_demo-key-for-local-use-only';

// A phone: the portal is read on the phone the reminder arrived on.
test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true, acceptDownloads: true });

function teamApi(request: APIRequestContext) {
  const headers = { authorization: `Bearer ${demoKey}` };
  return {
    get: async (path: string) => {
      const r = await request.get(`/api/v1${path}`, { headers });
      expect(r.status(), path).toBe(200);
      return r.json();
    },
    post: async (path: string, data: unknown) => {
      const r = await request.post(`/api/v1${path}`, { headers, data });
      expect(r.status(), `${path}: ${await r.text()}`).toBe(201);
      return r.json();
    },
  };
}

async function actionsOn(api: ReturnType<typeof teamApi>, invoiceId: string): Promise<string[]> {
  return (await api.get(`/events?entityId=${invoiceId}&limit=100`)).data.map((e: { action: string }) => e.action);
}

async function openInvoice(page: Page, number: string) {
  await page.getByRole('button', { name: new RegExp(`Invoice ${number}`) }).click();
  await expect(page.getByRole('heading', { name: `Invoice ${number}` })).toBeVisible();
}

async function backToList(page: Page) {
  await page.getByRole('button', { name: /All invoices/ }).click();
  await expect(page.getByRole('heading', { name: 'To pay' })).toBeVisible();
}

test('a customer opens a portal link on a phone, views and downloads an invoice, and uses the four buttons; the team sees each', async ({ page, request }) => {
  const api = teamApi(request);
  await api.post('/settings/bank-accounts', { currency: 'EUR', iban: 'RO49AAAA1B31007593840000', bic: 'RNCBROBU', bankName: 'Banca Transilvania', accountHolder: 'Lumen Studio SRL', isDefault: true });
  const [customer] = (await api.get('/customers?q=C-025')).data;
  expect(customer.name).toBe('Warsaw Foods');
  for (const [i, price] of [18_000, 45_000, 9_900, 120_000].entries())
    await api.post('/invoices', { customerId: customer.id, issue: true, lines: [{ description: ['Brand workshop', 'Packaging design', 'Copywriting', 'Trade fair stand'][i], quantity: 1, unitPrice: price, taxRateBp: 2300 }] });
  const open = (await api.get(`/invoices?customerId=${customer.id}&status=open&limit=100`)).data as { id: string; number: string }[];
  expect(open.length).toBeGreaterThanOrEqual(4);
  const [claimed, promised, planned, disputed] = open;

  const link = await api.post(`/customers/${customer.id}/portal-links`, {});
  await page.goto(`/portal${new URL(link.url).hash}`);
  await expect(page.getByText('Invoices from Lumen Studio')).toBeVisible();
  await expect(page.getByText('Balance due')).toBeVisible();
  await expect(page.getByRole('button', { name: new RegExp(`Invoice ${claimed!.number}`) })).toBeVisible();
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/portal-phone.png' });

  await openInvoice(page, claimed!.number);
  await expect(page.getByRole('heading', { name: 'Pay by bank transfer' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Scan with your banking app' })).toBeVisible();
  await expect(page.getByText('RO49 AAAA 1B31 0075 9384 0000')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/portal-phone-invoice.png', fullPage: true });
  expect(await actionsOn(api, claimed!.id)).toContain('invoice.viewed');

  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF' }).click()]);
  expect(pdf.suggestedFilename()).toBe(`${claimed!.number}.pdf`);
  expect(readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-');

  await page.getByRole('button', { name: 'I already paid' }).click();
  await page.getByLabel('Payment reference').fill('PKO-2025-0611');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('status')).toContainText('reminders are paused until');
  expect(await actionsOn(api, claimed!.id)).toEqual(expect.arrayContaining(['payment_claim.recorded', 'task.created']));
  await expect(page.getByText(/Your payment is being checked until/)).toBeVisible();

  await backToList(page);
  await openInvoice(page, promised!.number);
  await page.getByRole('button', { name: 'I will pay on a date' }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('status')).toContainText('We have noted that you will pay on');
  expect(await actionsOn(api, promised!.id)).toContain('promise.recorded');

  await backToList(page);
  await openInvoice(page, planned!.number);
  await page.getByRole('button', { name: 'Propose a payment plan' }).click();
  await page.getByLabel('Number of monthly payments').fill('2');
  await expect(page.getByText(/2 payments of about/)).toBeVisible();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('status')).toContainText('Your payment plan is agreed: 2 payments');
  expect(await actionsOn(api, planned!.id)).toContain('payment_plan.agreed');

  await backToList(page);
  await openInvoice(page, disputed!.number);
  await page.getByRole('button', { name: 'Dispute this invoice' }).click();
  await page.getByLabel('Reason').selectOption('pricing');
  await page.getByLabel('Tell us what is wrong').fill('The price differs from the quote we signed.');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('status')).toContainText('will look into it');
  expect(await actionsOn(api, disputed!.id)).toContain('dispute.opened');
  const disputes = (await api.get(`/events?entityId=${disputed!.id}&limit=100`)).data.find((e: { action: string }) => e.action === 'dispute.opened');
  expect(disputes.after.description).toContain('The price differs from the quote we signed.');

  await backToList(page);
  await expect(page.getByText('Disputed: reminders paused')).toBeVisible();
  await expect(page.getByText('On a payment plan')).toBeVisible();
  await expect(page.getByText('Not yet due')).toBeVisible();
  const [statement] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download statement (PDF)' }).click()]);
  expect(statement.suggestedFilename()).toMatch(/^statement-\d{4}-\d{2}-\d{2}\.pdf$/);
});

test('without a usable link, the portal asks for an email and says the same whether it is known', async ({ page }) => {
  await page.goto('/portal#AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  await expect(page.getByText('This link has expired or is no longer valid.')).toBeVisible();
  await page.getByLabel('Email address').fill('nobody@nowhere.example');
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await expect(page.getByRole('status')).toContainText('If this address receives our invoices');
});

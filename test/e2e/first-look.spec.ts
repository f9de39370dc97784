import { expect, test } from '@playwright/test';

const demoKey = 'pk_0000000000004000800000000000d0e1_demo-key-for-local-use-only';

test('a developer finds the API at /api, and the demo data answers', async ({ page, request }) => {
  await page.goto('/api');
  await expect(page.getByRole('heading', { name: 'Punctual' })).toBeVisible();
  await page.getByRole('link', { name: '/api/v1/openapi.json' }).click();
  await expect(page.locator('body')).toContainText('"openapi"');

  const overdue = await request.get('/api/v1/invoices?overdue=true&limit=500', { headers: { authorization: `Bearer ${demoKey}` } });
  expect(overdue.status()).toBe(200);
  const { data } = await overdue.json();
  expect(data.length).toBeGreaterThan(5);
  for (const invoice of data) expect(invoice.daysOverdue).toBeGreaterThan(0);
});

// Writes a CSV of N invoices for the demo organization's customers, for trying the importer:
//   npx tsx scripts/sample-invoices-csv.ts 10000 > invoices.csv && npx punctual import invoices invoices.csv
import { DEMO_CUSTOMERS, DEMO_RATES, DEMO_SERVICES, demoLineVat } from '../src/services/demo-data.ts';

const count = Number(process.argv[2] ?? 10_000);
if (!Number.isInteger(count) || count < 1) throw new Error('Give the number of invoices, e.g. 10000');
const minorDigits: Record<string, number> = { VND: 0, IDR: 2, RUB: 2, RON: 2, EUR: 2, USD: 2 };
const out = ['invoice_number,customer_ref,issue_date,due_date,currency,description,quantity,unit_price,tax_rate,tax_category,amount_paid,paid_on'];
for (let i = 0; i < count; i++) {
  const c = DEMO_CUSTOMERS[i % DEMO_CUSTOMERS.length]!;
  const s = DEMO_SERVICES[(i * 7) % DEMO_SERVICES.length]!;
  const issue = new Date(Date.UTC(2025, 0, 1) + (i % 300) * 86_400_000);
  const due = new Date(issue.getTime() + 30 * 86_400_000);
  const minor = Math.round(s.usd * (DEMO_RATES[c.currency] ?? 100));
  const digits = minorDigits[c.currency] ?? 2;
  const price = digits === 0 ? String(minor) : (minor / 10 ** digits).toFixed(digits);
  const paid = i % 3 === 0 ? price : '';
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const vat = demoLineVat(c, s);
  out.push([`HIST-${String(i + 1).padStart(6, '0')}`, c.ref, day(issue), day(due), c.currency, `"${s.description}"`, '1', price, (vat.taxRateBp / 100).toString(), vat.taxCategory ?? '', paid, paid ? day(due) : ''].join(','));
}
process.stdout.write(`${out.join('\n')}\n`);

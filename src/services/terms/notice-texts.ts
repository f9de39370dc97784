import type { Locale } from '../../documents/templates/index.ts';

// Short customer-facing texts of this area, in every language Punctual writes in. Placeholders are
// replaced in one pass, so a customer or organization name containing "{…}" is printed as it is.
type Texts = Readonly<Record<Locale, string>>;

export const RETAINER_LOW_SUBJECT: Texts = {
  en: 'Your prepaid balance is running low',
  vi: 'Số dư trả trước của quý khách sắp hết',
  id: 'Saldo prabayar Anda hampir habis',
  ru: 'Остаток предоплаты заканчивается',
  ro: 'Soldul preplătit este aproape epuizat',
};

export const RETAINER_LOW_BODY: Texts = {
  en: 'Dear {customer},\n\nAfter invoice {invoice}, your prepaid balance with {organization} is {balance}, below the agreed minimum of {minimum}.\nPlease top it up so that your next invoices stay covered.\n\n{organization}',
  vi: 'Kính gửi {customer},\n\nSau hóa đơn {invoice}, số dư trả trước của quý khách tại {organization} còn {balance}, thấp hơn mức tối thiểu đã thỏa thuận là {minimum}.\nVui lòng nạp thêm để các hóa đơn tiếp theo tiếp tục được thanh toán.\n\n{organization}',
  id: 'Yth. {customer},\n\nSetelah faktur {invoice}, saldo prabayar Anda di {organization} tinggal {balance}, di bawah saldo minimum yang disepakati sebesar {minimum}.\nMohon lakukan pengisian ulang agar faktur berikutnya tetap tertutupi.\n\n{organization}',
  ru: 'Здравствуйте, {customer}!\n\nПосле счёта {invoice} остаток вашей предоплаты по договору с {organization} составляет {balance}, что ниже согласованного минимума {minimum}.\nПожалуйста, пополните его, чтобы следующие счета оставались оплаченными.\n\n{organization}',
  ro: 'Bună ziua, {customer},\n\nDupă factura {invoice}, soldul dumneavoastră preplătit la {organization} este de {balance}, sub minimul convenit de {minimum}.\nVă rugăm să îl reîncărcați, astfel încât facturile următoare să rămână acoperite.\n\n{organization}',
};

/** Line descriptions of a late-fee invoice. */
export const LATE_FEE_LINE: Readonly<Record<'fee' | 'interest' | 'compensation', Texts>> = {
  fee: {
    en: 'Late payment fee on invoice {invoice}',
    vi: 'Phí thanh toán chậm cho hóa đơn {invoice}',
    id: 'Denda keterlambatan pembayaran faktur {invoice}',
    ru: 'Штраф за просрочку оплаты счёта {invoice}',
    ro: 'Penalitate pentru plata întârziată a facturii {invoice}',
  },
  interest: {
    en: 'Late payment interest on invoice {invoice}, {from} to {to}',
    vi: 'Lãi chậm thanh toán hóa đơn {invoice}, từ {from} đến {to}',
    id: 'Bunga keterlambatan faktur {invoice}, {from} s.d. {to}',
    ru: 'Проценты за просрочку оплаты счёта {invoice} с {from} по {to}',
    ro: 'Dobânzi penalizatoare pentru factura {invoice}, {from} – {to}',
  },
  compensation: {
    en: 'Fixed compensation for recovery costs, invoice {invoice}',
    vi: 'Khoản bồi thường cố định chi phí thu hồi nợ, hóa đơn {invoice}',
    id: 'Kompensasi tetap biaya penagihan, faktur {invoice}',
    ru: 'Фиксированная компенсация расходов на взыскание, счёт {invoice}',
    ro: 'Despăgubire fixă pentru costurile de recuperare, factura {invoice}',
  },
};

/** Added to the notes of an invoice issued by a recurring schedule, so invoices of different periods differ. */
export const RECURRING_PERIOD: Texts = {
  en: 'Billing period starting {period}',
  vi: 'Kỳ thanh toán bắt đầu từ {period}',
  id: 'Periode tagihan mulai {period}',
  ru: 'Расчётный период с {period}',
  ro: 'Perioada de facturare începând cu {period}',
};

export function fillText(texts: Texts, locale: Locale, values: Readonly<Record<string, string>>): string {
  return texts[locale].replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

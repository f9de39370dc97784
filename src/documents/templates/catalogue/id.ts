import type { Catalogue } from '../template-keys.ts';

// Bahasa Indonesia surat-menyurat bisnis: "Yth.", "Dengan hormat", "Bapak/Ibu", "Hormat kami". Indonesian
// has no plural forms, so plurals only tell one invoice ("=1", named) from several (counted). "Invoice" is
// the word Indonesian companies use for a commercial invoice ("faktur" suggests the tax invoice);
// "potongan tunai" is the accounting term for an early-payment discount. SMS are plain ASCII (GSM-7).
export const id: Catalogue = {
  'common.greeting':
    '{hasContact, select, yes {Yth. Bapak/Ibu {contactName},} other {Yth. {customerName},}}\n\nDengan hormat,',
  'common.signature': 'Hormat kami,\n{organizationName}',
  'common.contact':
    '{channel, select, email {Apabila ada pertanyaan, silakan balas email ini atau hubungi kami di {replyTo}.} other {Apabila ada pertanyaan, silakan hubungi kami di {replyTo}.}}',
  'common.payOnline': 'Lihat dan bayar secara online: {portalUrl}',
  'common.cta': 'Lihat dan bayar tagihan',
  'common.bankTransfer':
    'Untuk pembayaran melalui transfer bank, silakan gunakan rekening berikut dan cantumkan {paymentReference} pada berita transfer:\n{bankDetails}',
  'common.earlyDiscount':
    'Apabila dibayar lunas paling lambat {earlyDiscountDeadline}, Bapak/Ibu berhak atas potongan tunai sebesar {earlyDiscountAmount}.',
  'common.lateFeeTerms': 'Ketentuan keterlambatan pembayaran: {lateFeeTerms}',
  'common.total': 'Total yang harus dibayar: {totalDue}',
  'common.table.invoice': 'No. Invoice',
  'common.table.issueDate': 'Tanggal Invoice',
  'common.table.dueDate': 'Jatuh Tempo',
  'common.table.status': 'Status',
  'common.table.balance': 'Sisa Tagihan',
  'common.invoiceStatus':
    '{status, select, overdue {terlambat {daysOverdue} hari} dueToday {jatuh tempo hari ini} upcoming {jatuh tempo {daysUntilDue} hari lagi} other {lunas}}',
  'common.invoiceLine':
    '- Invoice {invoiceNumber} tanggal {issueDate}, jatuh tempo {dueDate}: {balance} ({statusText})',
  'reminder.alreadyPaid':
    '{tone, select, friendly {Apabila Bapak/Ibu sudah melakukan pembayaran, kami ucapkan terima kasih dan mohon abaikan pengingat ini.} firm {Apabila pembayaran telah dilakukan dalam beberapa hari terakhir, mohon abaikan pemberitahuan ini karena dana mungkin belum kami terima.} other {Apabila pembayaran sudah dilakukan, mohon kirimkan bukti transfer kepada kami agar catatan kami dapat segera diperbarui.}}',

  'reminder.friendly.email.subject':
    '{invoiceCount, plural, =1 {Pengingat pembayaran: invoice {invoiceNumber} jatuh tempo {status, select, dueToday {hari ini} other {pada {dueDate}}}} other {Pengingat pembayaran: # invoice akan segera jatuh tempo}}',
  'reminder.friendly.intro':
    'Kami ingin mengingatkan bahwa {invoiceCount, plural, =1 {invoice {invoiceNumber} sebesar {totalDue} {status, select, dueToday {jatuh tempo hari ini} other {akan jatuh tempo pada {dueDate}}}} other {# invoice berikut dengan total {totalDue} akan segera jatuh tempo}}.',
  'reminder.friendly.closing': 'Atas perhatian dan kerja sama Bapak/Ibu, kami ucapkan terima kasih.',
  'reminder.friendly.letter.title': 'Pengingat Pembayaran',
  'reminder.friendly.sms':
    '{detail, select, full {{organizationName}: Yth. {customerName}, {invoiceCount, plural, =1 {invoice {invoiceNumber}} other {# invoice}} sebesar {totalDue} jatuh tempo pada {dueDate}. Bayar online: {portalUrl}} short {{organizationName}: Yth. {customerName}, tagihan {totalDue} jatuh tempo {dueDate}. Bayar: {portalUrl}} other {Pengingat: tagihan {totalDue} jatuh tempo {dueDate}. Bayar: {portalUrl}}}',

  'reminder.firm.email.subject':
    '{invoiceCount, plural, =1 {Invoice {invoiceNumber} telah melewati jatuh tempo: {totalDue}} other {# invoice telah melewati jatuh tempo: {totalDue}}}',
  'reminder.firm.intro':
    'Berdasarkan catatan kami, {invoiceCount, plural, =1 {invoice {invoiceNumber} sebesar {totalDue} yang jatuh tempo pada {dueDate} telah terlambat {daysOverdue} hari} other {# invoice berikut dengan total {totalDue} telah melewati tanggal jatuh tempo}}. Kami mohon Bapak/Ibu dapat segera melakukan pembayaran.',
  'reminder.firm.closing':
    'Apabila terdapat kendala terkait tagihan ini atau Bapak/Ibu memerlukan waktu tambahan, mohon hubungi kami agar kita dapat mencari solusi bersama.',
  'reminder.firm.letter.title': 'Pemberitahuan Keterlambatan Pembayaran',
  'reminder.firm.sms':
    '{detail, select, full {{organizationName}: Yth. {customerName}, {invoiceCount, plural, =1 {invoice {invoiceNumber}} other {# invoice}} sebesar {totalDue} telah melewati jatuh tempo. Mohon segera dibayar: {portalUrl}} short {{organizationName}: Yth. {customerName}, tagihan {totalDue} telah lewat jatuh tempo. Bayar: {portalUrl}} other {Tagihan {totalDue} telah lewat jatuh tempo. Mohon segera bayar: {portalUrl}}}',

  'reminder.final.email.subject': 'Peringatan terakhir: mohon lunasi tagihan {totalDue} paling lambat {deadline}',
  'reminder.final.intro':
    'Meskipun kami telah beberapa kali mengirimkan pengingat, {invoiceCount, plural, =1 {invoice {invoiceNumber} sebesar {totalDue} yang jatuh tempo pada {dueDate} hingga saat ini belum dibayar} other {# invoice berikut dengan total {totalDue} hingga saat ini belum dibayar}}. Pemberitahuan ini merupakan peringatan terakhir sebelum kami mengambil langkah lebih lanjut.\n\nKami meminta Bapak/Ibu melunasi seluruh tagihan sebesar {totalDue} paling lambat {deadline}. Apabila pembayaran belum kami terima pada tanggal tersebut, kami berhak mengenakan denda keterlambatan sesuai ketentuan yang telah disepakati dan menyerahkan penagihan kepada pihak ketiga, yang dapat menimbulkan biaya tambahan bagi Bapak/Ibu.',
  'reminder.final.closing':
    'Apabila Bapak/Ibu tidak dapat melunasi seluruh tagihan sekaligus, mohon hubungi kami sebelum {deadline} untuk menyepakati jadwal pembayaran.',
  'reminder.final.letter.title': 'Surat Peringatan Terakhir',
  'reminder.final.sms':
    '{detail, select, full {{organizationName}: PERINGATAN TERAKHIR untuk {customerName}. Tagihan {totalDue} wajib dilunasi paling lambat {deadline}: {portalUrl}} short {PERINGATAN TERAKHIR {customerName}: lunasi {totalDue} paling lambat {deadline}: {portalUrl}} other {PERINGATAN TERAKHIR: lunasi {totalDue} paling lambat {deadline}: {portalUrl}}}',

  'invoice.email.subject':
    '{invoiceCount, plural, =1 {Invoice {invoiceNumber} dari {organizationName}} other {# invoice dari {organizationName}}}',
  'invoice.intro':
    'Terima kasih atas kepercayaan Bapak/Ibu. {invoiceCount, plural, =1 {Bersama ini kami sampaikan invoice {invoiceNumber} sebesar {totalDue} yang jatuh tempo pada {dueDate}} other {Bersama ini kami sampaikan # invoice dengan total {totalDue}}}.',
  'invoice.closing': 'Atas perhatian dan pembayaran tepat waktu dari Bapak/Ibu, kami ucapkan terima kasih.',

  'receipt.email.subject': 'Pembayaran {paymentAmount} telah kami terima, terima kasih',
  'receipt.intro':
    'Kami telah menerima pembayaran Bapak/Ibu sebesar {paymentAmount} pada {paymentDate}{invoiceCount, plural, =0 {} =1 { untuk invoice {invoiceNumber}} other { untuk # invoice}}. Terima kasih!',
  'receipt.balance':
    '{hasBalance, select, yes {Sisa tagihan Bapak/Ibu saat ini adalah {totalDue}.} other {Seluruh tagihan Bapak/Ibu telah lunas.}}',
  'receipt.closing': 'Terima kasih atas pembayaran tepat waktu dan kerja sama Bapak/Ibu.',
};

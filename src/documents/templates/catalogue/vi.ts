import type { Catalogue } from '../template-keys.ts';

// Văn phong thư tín kế toán: "Kính gửi", "Quý khách", "Trân trọng". Vietnamese has no plural forms, so
// plurals only tell one invoice ("=1", named) from several (counted). SMS are written without diacritics
// ("không dấu"), as Vietnamese business SMS customarily are, so they fit 160 GSM-7 characters.
// Vietnam has banned debt-collection services since 2021 (Investment Law 2020), so the final notice
// speaks of legal measures, not of an agency.
export const vi: Catalogue = {
  'common.greeting':
    '{hasContact, select, yes {Kính gửi Ông/Bà {contactName},} other {Kính gửi Quý khách hàng {customerName},}}',
  'common.signature': 'Trân trọng,\n{organizationName}',
  'common.contact':
    '{channel, select, email {Nếu có bất kỳ thắc mắc nào, Quý khách vui lòng trả lời email này hoặc liên hệ {replyTo}.} other {Nếu có bất kỳ thắc mắc nào, Quý khách vui lòng liên hệ với chúng tôi qua {replyTo}.}}',
  'common.payOnline': 'Xem và thanh toán trực tuyến: {portalUrl}',
  'common.cta': 'Xem và thanh toán',
  'common.bankTransfer':
    'Để thanh toán bằng chuyển khoản, Quý khách vui lòng chuyển vào tài khoản dưới đây và ghi nội dung chuyển khoản: {paymentReference}\n{bankDetails}',
  'common.earlyDiscount':
    'Nếu thanh toán toàn bộ chậm nhất vào ngày {earlyDiscountDeadline}, Quý khách được hưởng chiết khấu thanh toán sớm {earlyDiscountAmount}.',
  'common.lateFeeTerms': 'Điều khoản về chậm thanh toán: {lateFeeTerms}',
  'common.total': 'Tổng số tiền cần thanh toán: {totalDue}',
  'common.table.invoice': 'Số hóa đơn',
  'common.table.issueDate': 'Ngày lập',
  'common.table.dueDate': 'Hạn thanh toán',
  'common.table.status': 'Tình trạng',
  'common.table.balance': 'Số tiền cần thanh toán',
  'common.invoiceStatus':
    '{status, select, overdue {quá hạn {daysOverdue} ngày} dueToday {đến hạn hôm nay} upcoming {còn {daysUntilDue} ngày đến hạn} other {đã thanh toán}}',
  'common.invoiceLine':
    '- Hóa đơn số {invoiceNumber} ngày {issueDate}, hạn thanh toán {dueDate}: {balance} ({statusText})',
  'reminder.alreadyPaid':
    '{tone, select, friendly {Nếu Quý khách đã thanh toán, xin chân thành cảm ơn và vui lòng bỏ qua thông báo này.} firm {Nếu Quý khách đã thanh toán trong vài ngày gần đây, vui lòng bỏ qua thông báo này vì giao dịch có thể cần thêm thời gian để được ghi nhận.} other {Nếu Quý khách đã thanh toán, vui lòng gửi cho chúng tôi chứng từ thanh toán (ủy nhiệm chi) để chúng tôi cập nhật kịp thời.}}',

  'reminder.friendly.email.subject':
    '{invoiceCount, plural, =1 {Nhắc thanh toán: hóa đơn {invoiceNumber} đến hạn {status, select, dueToday {hôm nay} other {ngày {dueDate}}}} other {Nhắc thanh toán: # hóa đơn sắp đến hạn}}',
  'reminder.friendly.intro':
    '{organizationName} xin trân trọng cảm ơn Quý khách đã tin tưởng sử dụng sản phẩm, dịch vụ của chúng tôi. Chúng tôi xin thông báo {invoiceCount, plural, =1 {hóa đơn số {invoiceNumber} với số tiền {totalDue} {status, select, dueToday {đến hạn thanh toán hôm nay} other {sẽ đến hạn thanh toán vào ngày {dueDate}}}} other {# hóa đơn dưới đây với tổng số tiền {totalDue} sắp đến hạn thanh toán}}.',
  'reminder.friendly.closing':
    'Rất mong nhận được thanh toán đúng hạn của Quý khách. Xin chân thành cảm ơn sự hợp tác của Quý khách.',
  'reminder.friendly.letter.title': 'Thông báo nhắc thanh toán',
  'reminder.friendly.sms':
    '{detail, select, full {{organizationName} kinh gui Quy khach {customerName}: {invoiceCount, plural, =1 {hoa don {invoiceNumber}} other {# hoa don}} so tien {totalDue} den han thanh toan ngay {dueDate}. Thanh toan tai: {portalUrl}} short {{organizationName}: Quy khach {customerName} co khoan {totalDue} den han ngay {dueDate}. Thanh toan: {portalUrl}} other {Nhac thanh toan {totalDue} den han ngay {dueDate}. Thanh toan: {portalUrl}}}',

  'reminder.firm.email.subject':
    '{invoiceCount, plural, =1 {Hóa đơn {invoiceNumber} đã quá hạn thanh toán: {totalDue}} other {# hóa đơn đã quá hạn thanh toán: {totalDue}}}',
  'reminder.firm.intro':
    'Theo ghi nhận của chúng tôi, {invoiceCount, plural, =1 {hóa đơn số {invoiceNumber} với số tiền {totalDue}, hạn thanh toán ngày {dueDate}, hiện đã quá hạn {daysOverdue} ngày} other {# hóa đơn dưới đây với tổng số tiền {totalDue} hiện đã quá hạn thanh toán}}. Kính đề nghị Quý khách thu xếp thanh toán trong thời gian sớm nhất.',
  'reminder.firm.closing':
    'Nếu có vướng mắc liên quan đến {invoiceCount, plural, =1 {hóa đơn này} other {các hóa đơn này}} hoặc cần thêm thời gian để thanh toán, Quý khách vui lòng liên hệ với chúng tôi để cùng tìm phương án phù hợp.',
  'reminder.firm.letter.title': 'Thông báo công nợ quá hạn',
  'reminder.firm.sms':
    '{detail, select, full {{organizationName} kinh gui Quy khach {customerName}: {invoiceCount, plural, =1 {hoa don {invoiceNumber}} other {# hoa don}} so tien {totalDue} da qua han thanh toan. De nghi Quy khach thanh toan tai: {portalUrl}} short {{organizationName}: Quy khach {customerName} co khoan no {totalDue} da qua han. Thanh toan: {portalUrl}} other {Khoan no {totalDue} da qua han. De nghi thanh toan tai: {portalUrl}}}',

  'reminder.final.email.subject':
    'Thông báo lần cuối: đề nghị thanh toán khoản nợ quá hạn {totalDue} chậm nhất ngày {deadline}',
  'reminder.final.intro':
    'Mặc dù chúng tôi đã gửi các thông báo nhắc trước đó, {invoiceCount, plural, =1 {hóa đơn số {invoiceNumber} với số tiền {totalDue}, hạn thanh toán ngày {dueDate}, đến nay vẫn chưa được thanh toán} other {# hóa đơn dưới đây với tổng số tiền {totalDue} đến nay vẫn chưa được thanh toán}}. Đây là thông báo cuối cùng trước khi chúng tôi áp dụng các biện pháp tiếp theo.\n\nĐề nghị Quý khách thanh toán toàn bộ số tiền {totalDue} chậm nhất vào ngày {deadline}. Quá thời hạn trên, chúng tôi có quyền tính lãi chậm thanh toán và các khoản phí theo thỏa thuận, đồng thời áp dụng các biện pháp theo quy định của pháp luật để thu hồi khoản nợ; khi đó Quý khách có thể phải chịu thêm chi phí phát sinh.',
  'reminder.final.closing':
    'Trường hợp chưa thể thanh toán toàn bộ một lần, Quý khách vui lòng liên hệ với chúng tôi trước ngày {deadline} để thống nhất kế hoạch thanh toán.',
  'reminder.final.letter.title': 'Thông báo nhắc nợ lần cuối',
  'reminder.final.sms':
    '{detail, select, full {{organizationName} THONG BAO LAN CUOI: Kinh gui Quy khach {customerName}, khoan no {totalDue} da qua han. De nghi thanh toan cham nhat ngay {deadline} tai: {portalUrl}} short {THONG BAO LAN CUOI: Quy khach {customerName} vui long thanh toan {totalDue} cham nhat ngay {deadline}: {portalUrl}} other {THONG BAO LAN CUOI: de nghi thanh toan {totalDue} cham nhat ngay {deadline}: {portalUrl}}}',

  'invoice.email.subject':
    '{invoiceCount, plural, =1 {{organizationName} gửi Quý khách hóa đơn số {invoiceNumber}} other {{organizationName} gửi Quý khách # hóa đơn}}',
  'invoice.intro':
    'Cảm ơn Quý khách đã sử dụng sản phẩm, dịch vụ của {organizationName}. {invoiceCount, plural, =1 {Chúng tôi xin gửi Quý khách hóa đơn số {invoiceNumber} với số tiền {totalDue}, hạn thanh toán ngày {dueDate}} other {Chúng tôi xin gửi Quý khách # hóa đơn với tổng số tiền {totalDue}}}.',
  'invoice.closing': 'Rất mong nhận được thanh toán đúng hạn của Quý khách. Xin trân trọng cảm ơn!',

  'receipt.email.subject': 'Xác nhận đã nhận thanh toán {paymentAmount}',
  'receipt.intro':
    '{organizationName} xác nhận đã nhận được khoản thanh toán {paymentAmount} của Quý khách vào ngày {paymentDate}{invoiceCount, plural, =0 {} =1 { cho hóa đơn số {invoiceNumber}} other { cho # hóa đơn}}. Xin chân thành cảm ơn Quý khách!',
  'receipt.balance':
    '{hasBalance, select, yes {Số tiền Quý khách còn phải thanh toán là {totalDue}.} other {Quý khách đã thanh toán đầy đủ, hiện không còn khoản nào phải thanh toán.}}',
  'receipt.closing': 'Cảm ơn Quý khách đã tin tưởng và hợp tác với chúng tôi.',
};

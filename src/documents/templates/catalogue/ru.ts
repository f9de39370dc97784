import type { Catalogue } from '../template-keys.ts';

// Деловая переписка: «Уважаемый(ая)», обращение на «Вы» с прописной буквы, «Счет № … от …», «назначение
// платежа», «платежное поручение». Russian plurals use one / few / many / other: 1 and 21 счет, 2 счета,
// 5 счетов; "=1" names the single invoice, so 21 still reads "21 счет". Cyrillic SMS are UCS-2 (70
// characters): with a 40-character link they carry the amount and the link, little more.
export const ru: Catalogue = {
  'common.greeting': '{hasContact, select, yes {Уважаемый(ая) {contactName}!} other {Уважаемый клиент!}}',
  'common.signature': 'С уважением,\n{organizationName}',
  'common.contact':
    '{channel, select, email {Если у Вас есть вопросы, просто ответьте на это письмо или напишите нам на {replyTo}.} other {Если у Вас есть вопросы, свяжитесь с нами: {replyTo}.}}',
  'common.payOnline': 'Просмотреть и оплатить онлайн: {portalUrl}',
  'common.cta': 'Перейти к оплате',
  'common.bankTransfer':
    'Для оплаты банковским переводом используйте реквизиты ниже и укажите в назначении платежа: {paymentReference}\n{bankDetails}',
  'common.earlyDiscount':
    'При полной оплате не позднее {earlyDiscountDeadline} Вы можете воспользоваться скидкой за досрочную оплату в размере {earlyDiscountAmount}.',
  'common.lateFeeTerms': 'Ответственность за просрочку оплаты: {lateFeeTerms}',
  'common.total': 'Итого к оплате: {totalDue}',
  'common.table.invoice': 'Номер счета',
  'common.table.issueDate': 'Дата счета',
  'common.table.dueDate': 'Срок оплаты',
  'common.table.status': 'Статус',
  'common.table.balance': 'К оплате',
  'common.invoiceStatus':
    '{status, select, overdue {просрочен на {daysOverdue, plural, one {# день} few {# дня} many {# дней} other {# дня}}} dueToday {срок оплаты сегодня} upcoming {{daysUntilDue, plural, =1 {срок оплаты завтра} one {до срока оплаты # день} few {до срока оплаты # дня} many {до срока оплаты # дней} other {до срока оплаты # дня}}} other {оплачен}}',
  'common.invoiceLine': '- Счет № {invoiceNumber} от {issueDate}, срок оплаты {dueDate}: {balance} ({statusText})',
  'reminder.alreadyPaid':
    '{tone, select, friendly {Если Вы уже произвели оплату, благодарим Вас и просим не принимать это напоминание во внимание.} firm {Если оплата была произведена в последние несколько дней, просим не принимать это письмо во внимание: зачисление средств может занять некоторое время.} other {Если оплата уже произведена, пожалуйста, направьте нам копию платежного поручения, чтобы мы могли оперативно обновить данные.}}',

  'reminder.friendly.email.subject':
    '{invoiceCount, plural, =1 {Напоминание об оплате: счет № {invoiceNumber}, срок оплаты {status, select, dueToday {сегодня} other {{dueDate}}}} one {Напоминание об оплате: # счет} few {Напоминание об оплате: # счета} many {Напоминание об оплате: # счетов} other {Напоминание об оплате: # счета}}',
  'reminder.friendly.intro':
    'Напоминаем, что {invoiceCount, plural, =1 {{status, select, dueToday {сегодня истекает срок оплаты счета № {invoiceNumber} на сумму {totalDue}} other {{dueDate} наступает срок оплаты счета № {invoiceNumber} на сумму {totalDue}}}} one {приближается срок оплаты # счета на общую сумму {totalDue}} few {приближается срок оплаты # счетов на общую сумму {totalDue}} many {приближается срок оплаты # счетов на общую сумму {totalDue}} other {приближается срок оплаты # счета на общую сумму {totalDue}}}.',
  'reminder.friendly.closing': 'Благодарим Вас за сотрудничество и своевременную оплату.',
  'reminder.friendly.letter.title': 'Напоминание об оплате',
  'reminder.friendly.sms':
    '{detail, select, full {{organizationName}: напоминаем, срок оплаты {totalDue} — {dueDate}. Оплата: {portalUrl}} short {Срок оплаты {totalDue} — {dueDate}. {portalUrl}} other {К оплате {totalDue}: {portalUrl}}}',

  'reminder.firm.email.subject':
    '{invoiceCount, plural, =1 {Просрочена оплата счета № {invoiceNumber}: {totalDue}} one {Просрочена оплата # счета: {totalDue}} few {Просрочена оплата # счетов: {totalDue}} many {Просрочена оплата # счетов: {totalDue}} other {Просрочена оплата # счета: {totalDue}}}',
  'reminder.firm.intro':
    'По нашим данным, {invoiceCount, plural, =1 {счет № {invoiceNumber} на сумму {totalDue} со сроком оплаты {dueDate} не оплачен, просрочка составляет {daysOverdue, plural, one {# день} few {# дня} many {# дней} other {# дня}}} one {# счет на общую сумму {totalDue} не оплачен в установленный срок} few {# счета на общую сумму {totalDue} не оплачены в установленный срок} many {# счетов на общую сумму {totalDue} не оплачены в установленный срок} other {# счета на общую сумму {totalDue} не оплачены в установленный срок}}. Просим Вас произвести оплату в ближайшее время.',
  'reminder.firm.closing':
    'Если у Вас есть вопросы по {invoiceCount, plural, =1 {этому счету} other {этим счетам}} или Вам нужна отсрочка, пожалуйста, свяжитесь с нами, и мы постараемся найти решение.',
  'reminder.firm.letter.title': 'Уведомление о просроченной задолженности',
  'reminder.firm.sms':
    '{detail, select, full {{organizationName}: просрочена оплата {totalDue}. Просим оплатить: {portalUrl}} short {Просрочена оплата {totalDue}. {portalUrl}} other {Просрочка {totalDue}: {portalUrl}}}',

  'reminder.final.email.subject': 'Последнее напоминание: просим погасить задолженность {totalDue} не позднее {deadline}',
  'reminder.final.intro':
    'Несмотря на наши предыдущие напоминания, {invoiceCount, plural, =1 {счет № {invoiceNumber} на сумму {totalDue} со сроком оплаты {dueDate} до сих пор не оплачен} one {# счет на общую сумму {totalDue} до сих пор не оплачен} few {# счета на общую сумму {totalDue} до сих пор не оплачены} many {# счетов на общую сумму {totalDue} до сих пор не оплачены} other {# счета на общую сумму {totalDue} до сих пор не оплачены}}. Это последнее напоминание перед принятием дальнейших мер.\n\nПросим погасить задолженность в размере {totalDue} не позднее {deadline}. Если оплата не поступит в указанный срок, мы будем вправе начислить неустойку (проценты) в соответствии с договором и законодательством и передать задолженность на взыскание, что может повлечь для Вас дополнительные расходы.',
  'reminder.final.closing':
    'Если Вы не можете погасить всю сумму сразу, пожалуйста, свяжитесь с нами до {deadline}, чтобы согласовать график платежей.',
  'reminder.final.letter.title': 'Требование об оплате задолженности',
  'reminder.final.sms':
    '{detail, select, full {{organizationName}: последнее напоминание! Оплатите {totalDue} до {deadline}: {portalUrl}} short {Последнее напоминание: оплатите {totalDue} до {deadline}. {portalUrl}} other {Оплатите {totalDue}: {portalUrl}}}',

  'invoice.email.subject':
    '{invoiceCount, plural, =1 {Счет на оплату № {invoiceNumber} от {issueDate}} one {{organizationName}: # новый счет на оплату} few {{organizationName}: # новых счета на оплату} many {{organizationName}: # новых счетов на оплату} other {{organizationName}: # новых счета на оплату}}',
  'invoice.intro':
    'Благодарим Вас за сотрудничество. {invoiceCount, plural, =1 {Направляем Вам счет на оплату № {invoiceNumber} от {issueDate} на сумму {totalDue}. Срок оплаты: {dueDate}} one {Направляем Вам # счет на общую сумму {totalDue}} few {Направляем Вам # счета на общую сумму {totalDue}} many {Направляем Вам # счетов на общую сумму {totalDue}} other {Направляем Вам # счета на общую сумму {totalDue}}}.',
  'invoice.closing': 'Будем признательны за своевременную оплату.',

  'receipt.email.subject': 'Платеж на сумму {paymentAmount} получен. Благодарим Вас!',
  'receipt.intro':
    'Сообщаем, что {paymentDate} мы получили Ваш платеж на сумму {paymentAmount}{invoiceCount, plural, =0 {} =1 { по счету № {invoiceNumber}} one { по # счету} few { по # счетам} many { по # счетам} other { по # счета}}. Благодарим Вас!',
  'receipt.balance':
    '{hasBalance, select, yes {Остаток задолженности по Вашим счетам составляет {totalDue}.} other {Задолженность по Вашим счетам полностью погашена.}}',
  'receipt.closing': 'Спасибо за своевременную оплату и сотрудничество.',
};

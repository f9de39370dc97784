import type { Catalogue } from '../template-keys.ts';

// Corespondență comercială: „Stimate client”, adresare cu „dumneavoastră”, „Factura nr. … din …”,
// „ordin de plată”, „sconto”. Romanian plurals: one (1), few (0, 2–19: „3 facturi”), other (20 and up:
// „20 de facturi”). SMS are written without diacritics (ș, ț, ă, â, î are not GSM-7), as Romanian banks
// and utilities send them, so they fit 160 characters.
export const ro: Catalogue = {
  'common.greeting': '{hasContact, select, yes {Stimate/Stimată {contactName},} other {Stimate client,}}',
  'common.signature': 'Cu stimă,\n{organizationName}',
  'common.contact':
    '{channel, select, email {Pentru orice întrebare, răspundeți la acest e-mail sau scrieți-ne la {replyTo}.} other {Pentru orice întrebare, ne puteți contacta la {replyTo}.}}',
  'common.payOnline': 'Vizualizați și plătiți online: {portalUrl}',
  'common.cta': 'Vizualizați și plătiți',
  'common.bankTransfer':
    'Pentru plata prin transfer bancar, vă rugăm să folosiți datele de mai jos și să menționați în detaliile plății: {paymentReference}\n{bankDetails}',
  'common.earlyDiscount':
    'Dacă achitați integral până la data de {earlyDiscountDeadline}, beneficiați de un sconto pentru plata anticipată în valoare de {earlyDiscountAmount}.',
  'common.lateFeeTerms': 'Condiții în caz de întârziere la plată: {lateFeeTerms}',
  'common.total': 'Total de plată: {totalDue}',
  'common.table.invoice': 'Factura nr.',
  'common.table.issueDate': 'Data emiterii',
  'common.table.dueDate': 'Scadența',
  'common.table.status': 'Situația',
  'common.table.balance': 'Rest de plată',
  'common.invoiceStatus':
    '{status, select, overdue {{daysOverdue, plural, one {restantă de o zi} few {restantă de # zile} other {restantă de # de zile}}} dueToday {scadentă astăzi} upcoming {{daysUntilDue, plural, one {scadentă mâine} few {scadentă peste # zile} other {scadentă peste # de zile}}} other {achitată}}',
  'common.invoiceLine':
    '- Factura nr. {invoiceNumber} din {issueDate}, scadentă la {dueDate}: {balance} ({statusText})',
  'reminder.alreadyPaid':
    '{tone, select, friendly {Dacă ați efectuat deja plata, vă mulțumim și vă rugăm să ignorați acest mesaj.} firm {Dacă ați efectuat plata în ultimele zile, vă rugăm să ignorați acest mesaj: încasarea poate dura puțin până ajunge la noi.} other {Dacă ați efectuat deja plata, vă rugăm să ne transmiteți o copie a ordinului de plată, pentru a ne actualiza de îndată evidențele.}}',

  'reminder.friendly.email.subject':
    '{invoiceCount, plural, =1 {Reamintire de plată: factura nr. {invoiceNumber} {status, select, dueToday {este scadentă astăzi} other {este scadentă la {dueDate}}}} few {Reamintire de plată: # facturi ajung curând la scadență} other {Reamintire de plată: # de facturi ajung curând la scadență}}',
  'reminder.friendly.intro':
    'Vă reamintim că {invoiceCount, plural, =1 {factura nr. {invoiceNumber} în valoare de {totalDue} {status, select, dueToday {este scadentă astăzi} other {are scadența la data de {dueDate}}}} few {# facturi în valoare totală de {totalDue} ajung curând la scadență} other {# de facturi în valoare totală de {totalDue} ajung curând la scadență}}.',
  'reminder.friendly.closing': 'Vă mulțumim pentru colaborare și pentru plata la termen.',
  'reminder.friendly.letter.title': 'Reamintire de plată',
  'reminder.friendly.sms':
    '{detail, select, full {{organizationName}: Stimate client {customerName}, {invoiceCount, plural, =1 {factura {invoiceNumber} in valoare de {totalDue} este scadenta} few {# facturi in valoare de {totalDue} sunt scadente} other {# de facturi in valoare de {totalDue} sunt scadente}} la {dueDate}. Plata online: {portalUrl}} short {{organizationName}: {customerName}, suma de {totalDue} este scadenta la {dueDate}. Plata: {portalUrl}} other {Reamintire: {totalDue} scadent la {dueDate}. Plata online: {portalUrl}}}',

  'reminder.firm.email.subject':
    '{invoiceCount, plural, =1 {Factura nr. {invoiceNumber} este restantă: {totalDue}} few {# facturi sunt restante: {totalDue}} other {# de facturi sunt restante: {totalDue}}}',
  'reminder.firm.intro':
    'Conform evidențelor noastre, {invoiceCount, plural, =1 {factura nr. {invoiceNumber} în valoare de {totalDue}, scadentă la data de {dueDate}, este restantă de {daysOverdue, plural, one {o zi} few {# zile} other {# de zile}}} few {# facturi în valoare totală de {totalDue} au depășit termenul de plată} other {# de facturi în valoare totală de {totalDue} au depășit termenul de plată}}. Vă rugăm să efectuați plata cât mai curând posibil.',
  'reminder.firm.closing':
    'Dacă există o problemă legată de {invoiceCount, plural, =1 {această factură} other {aceste facturi}} sau aveți nevoie de mai mult timp pentru plată, vă rugăm să ne contactați pentru a găsi împreună o soluție.',
  'reminder.firm.letter.title': 'Notificare privind plata restantă',
  'reminder.firm.sms':
    '{detail, select, full {{organizationName}: Stimate client {customerName}, {invoiceCount, plural, =1 {factura {invoiceNumber} in valoare de {totalDue} este restanta} few {# facturi in valoare de {totalDue} sunt restante} other {# de facturi in valoare de {totalDue} sunt restante}}. Va rugam sa platiti: {portalUrl}} short {{organizationName}: {customerName}, aveti de plata {totalDue}, termen depasit. Plata: {portalUrl}} other {Plata restanta: {totalDue}. Va rugam sa platiti: {portalUrl}}}',

  'reminder.final.email.subject': 'Ultima notificare: vă rugăm să achitați {totalDue} până la data de {deadline}',
  'reminder.final.intro':
    'În pofida notificărilor anterioare, {invoiceCount, plural, =1 {factura nr. {invoiceNumber} în valoare de {totalDue}, scadentă la data de {dueDate}, nu a fost încă achitată} few {# facturi în valoare totală de {totalDue} nu au fost încă achitate} other {# de facturi în valoare totală de {totalDue} nu au fost încă achitate}}. Aceasta este ultima notificare înainte de a lua alte măsuri.\n\nVă rugăm să achitați integral suma de {totalDue} cel târziu până la data de {deadline}. În lipsa plății până la această dată, vom putea calcula penalități de întârziere conform contractului și legii și vom putea transmite creanța spre recuperare unei agenții specializate, ceea ce poate genera costuri suplimentare pentru dumneavoastră.',
  'reminder.final.closing':
    'Dacă nu puteți achita întreaga sumă deodată, vă rugăm să ne contactați înainte de {deadline} pentru a stabili un plan de plată.',
  'reminder.final.letter.title': 'Somație de plată',
  'reminder.final.sms':
    '{detail, select, full {{organizationName}: ULTIMA NOTIFICARE pentru {customerName}. Achitati {totalDue} pana la {deadline} pentru a evita alte masuri: {portalUrl}} short {ULTIMA NOTIFICARE {customerName}: achitati {totalDue} pana la {deadline}: {portalUrl}} other {ULTIMA NOTIFICARE: achitati {totalDue} pana la {deadline}: {portalUrl}}}',

  'invoice.email.subject':
    '{invoiceCount, plural, =1 {Factura nr. {invoiceNumber} de la {organizationName}} few {# facturi de la {organizationName}} other {# de facturi de la {organizationName}}}',
  'invoice.intro':
    'Vă mulțumim pentru colaborare. {invoiceCount, plural, =1 {Vă transmitem factura nr. {invoiceNumber} în valoare de {totalDue}, cu scadența la data de {dueDate}} few {Vă transmitem # facturi în valoare totală de {totalDue}} other {Vă transmitem # de facturi în valoare totală de {totalDue}}}.',
  'invoice.closing': 'Vă mulțumim anticipat pentru plata la termen.',

  'receipt.email.subject': 'Am primit plata de {paymentAmount}, vă mulțumim',
  'receipt.intro':
    'Vă confirmăm că am primit plata dumneavoastră de {paymentAmount} la data de {paymentDate}{invoiceCount, plural, =0 {} =1 { pentru factura nr. {invoiceNumber}} few { pentru # facturi} other { pentru # de facturi}}. Vă mulțumim!',
  'receipt.balance':
    '{hasBalance, select, yes {Soldul rămas de plată este de {totalDue}.} other {Toate facturile dumneavoastră sunt achitate integral.}}',
  'receipt.closing': 'Vă mulțumim pentru promptitudine și pentru colaborare.',
};

import { LOCALES, type Locale } from '../../domain/customer-rules.ts';
import type { NewOutboxMessage } from '../../db/repositories/outbox.ts';

interface LinkEmailText {
  subject(organization: string): string;
  body(organization: string, url: string, days: number): string;
}

// The email that answers "send me a new link" on the portal's entry page, in the customer's language.
const TEXT: Record<Locale, LinkEmailText> = {
  en: {
    subject: (org) => `Your invoices from ${org}`,
    body: (org, url, days) =>
      `Hello,\n\nhere is your link to see and pay your invoices from ${org}:\n${url}\n\nIt works for ${days} days. If you did not ask for it, you can ignore this email.`,
  },
  vi: {
    subject: (org) => `Hóa đơn của bạn từ ${org}`,
    body: (org, url, days) =>
      `Xin chào,\n\nđây là đường dẫn để xem và thanh toán các hóa đơn từ ${org}:\n${url}\n\nĐường dẫn có hiệu lực trong ${days} ngày. Nếu bạn không yêu cầu, vui lòng bỏ qua email này.`,
  },
  id: {
    subject: (org) => `Tagihan Anda dari ${org}`,
    body: (org, url, days) =>
      `Halo,\n\nberikut tautan untuk melihat dan membayar tagihan Anda dari ${org}:\n${url}\n\nTautan ini berlaku selama ${days} hari. Jika Anda tidak memintanya, abaikan email ini.`,
  },
  ru: {
    subject: (org) => `Ваши счета от ${org}`,
    body: (org, url, days) =>
      `Здравствуйте!\n\nВот ссылка, по которой можно посмотреть и оплатить счета от ${org}:\n${url}\n\nСсылка действует ${days} дн. Если вы её не запрашивали, просто проигнорируйте это письмо.`,
  },
  ro: {
    subject: (org) => `Facturile dumneavoastră de la ${org}`,
    body: (org, url, days) =>
      `Bună ziua,\n\niată linkul prin care puteți vedea și plăti facturile de la ${org}:\n${url}\n\nLinkul este valabil ${days} zile. Dacă nu l-ați cerut, ignorați acest email.`,
  },
};

export function portalLinkEmail(linkId: string, customerId: string, to: string, locale: string, organization: string, url: string, days: number): NewOutboxMessage {
  const text = TEXT[(LOCALES as readonly string[]).includes(locale) ? (locale as Locale) : 'en'];
  return {
    idempotencyKey: `portal_link:${linkId}`,
    kind: 'portal_link',
    channel: 'email',
    recipient: to,
    customerId,
    subject: text.subject(organization),
    bodyText: text.body(organization, url, days),
  };
}

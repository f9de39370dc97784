import { createTransport } from 'nodemailer';
import type { NodemailerError } from 'nodemailer';
import { permanentFailure, sent, transientFailure, type EmailMessage, type SendOutcome, type Sender } from './types.ts';

export interface SmtpOptions {
  /** smtp://user:pass@host:587 or smtps://…; holds a secret, so it is never logged or echoed. */
  readonly url: string;
  /** The From header, e.g. "Lumen Studio <billing@lumen.example>". */
  readonly from: string;
  readonly maxConnections?: number;
  readonly connectionTimeoutMs?: number;
  readonly socketTimeoutMs?: number;
}

const TRANSPORT = 'smtp';

/**
 * Email through an SMTP server with nodemailer's pool. The pool never re-sends a message on its own
 * (maxRequeues 0): retries belong to the outbox, which keeps the attempt count and the backoff.
 */
export function smtpEmail(options: SmtpOptions): Sender<EmailMessage> {
  const timeout = options.connectionTimeoutMs ?? 10_000;
  const transporter = createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.maxConnections ?? 3,
    maxRequeues: 0,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: options.socketTimeoutMs ?? 30_000,
    logger: false,
    debug: false,
  });
  return {
    transport: TRANSPORT,
    async send(message: EmailMessage): Promise<SendOutcome> {
      try {
        await transporter.sendMail({
          from: options.from,
          to: message.to,
          replyTo: message.replyTo,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        });
        return sent(TRANSPORT, message.messageId);
      } catch (error) {
        return classifySmtpError(error as NodemailerError);
      }
    },
    close: async () => transporter.close(),
  };
}

/**
 * A 5xx reply to the recipient or to the message itself is final and says the mailbox will not take it,
 * so the contact is flagged. Everything else (4xx, timeouts, dropped connections, our own login or sender
 * being refused) is retried: either it passes, or an operator fixes the configuration meanwhile.
 */
export function classifySmtpError(error: NodemailerError): SendOutcome {
  const description = `${error.code ?? 'ERROR'}${error.command ? ` at ${error.command}` : ''}: ${error.message}`.slice(0, 500);
  const refusedByRecipient = error.permanent === true && error.code !== 'EAUTH' && !/^MAIL FROM/i.test(error.command ?? '');
  return refusedByRecipient ? permanentFailure(TRANSPORT, description, true) : transientFailure(TRANSPORT, description);
}

import { deliverDueMessages } from '../services/delivery/deliver-due.ts';
import type { AttachmentRenderer, Channels, FailureFollowUp, StillWanted } from '../services/delivery/types.ts';
import type { DeliveryConfig } from './delivery-config.ts';
import type { JobDefinition } from './job.ts';

export const OUTBOX_DELIVERY = 'outbox-delivery';

export interface OutboxDeliverySetup {
  readonly config: DeliveryConfig;
  readonly channels: Channels;
  readonly stillWanted: Readonly<Partial<Record<string, StillWanted>>>;
  readonly onFailed?: FailureFollowUp;
  readonly attachments?: Readonly<Partial<Record<string, AttachmentRenderer>>>;
  readonly random?: () => number;
}

/** Sweep the outbox every few seconds: every due message is claimed, sent and stamped. */
export function outboxDeliveryJob(setup: OutboxDeliverySetup): JobDefinition {
  const { config, channels } = setup;
  return {
    name: OUTBOX_DELIVERY,
    everySeconds: config.intervalSeconds,
    // A sweep stops claiming after its budget; this only catches a sweep stuck past every send timeout.
    expireInSeconds: Math.ceil(config.options.budgetMs / 1000) + 120,
    retryLimit: 0,
    async run(ctx) {
      const report = await deliverDueMessages({
        db: ctx.db,
        clock: ctx.clock,
        log: ctx.log,
        signal: ctx.signal,
        channels,
        stillWanted: setup.stillWanted,
        onFailed: setup.onFailed,
        attachments: setup.attachments,
        replyTo: config.replyTo,
        messageIdDomain: config.messageIdDomain,
        options: config.options,
        random: setup.random,
      });
      if (Object.values(report).some((n) => n > 0)) ctx.log.info({ ...report }, 'outbox sweep');
      return report;
    },
    async close() {
      await Promise.all([channels.email.close?.(), channels.sms.close?.()]);
    },
  };
}

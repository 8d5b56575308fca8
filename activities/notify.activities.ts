// Tells the citizen, once per event: the key names the case and the event's sequence number in the
// workflow, so a retried activity or a replayed workflow never sends a message twice.
import { ApplicationFailure } from '@temporalio/activity';
import type { Agencies } from '../agencies';
import type { Db } from '../db/pool';
import { caseCodeOf } from '../db/queries/cases.queries';
import { renderNotification, type Language, type NotificationEvent } from '../domain/notifications';

export interface Notify {
  /** Sequence number of this notification within its workflow. */
  key: string;
  to: { phone: string; language: Language };
  event: NotificationEvent;
}

export function notifyActivities({ agencies, db }: { agencies: Agencies; db: Db }) {
  return {
    async notifyCitizen({ key, to, event }: Notify): Promise<void> {
      // The citizen knows their case by the code on the receipt, not the engine's id.
      const caseCode = await caseCodeOf(db, event.caseId);
      const outcome = await agencies.notifications.send(
        {
          channel: 'sms',
          to: to.phone,
          language: to.language,
          template: event.template,
          text: renderNotification(event, to.language, caseCode),
          reference: event.caseId,
        },
        key,
      );
      // Queued by the gateway (202) is sent as far as we can tell; a refusal (an unreachable
      // number) will not turn into a delivery by asking again.
      if (outcome.kind === 'rejected')
        throw ApplicationFailure.create({
          type: outcome.code,
          message: outcome.reason,
          nonRetryable: true,
        });
    },
  };
}

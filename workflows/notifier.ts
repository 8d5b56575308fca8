// Tells the citizen what happened, in order and in the background. The notifications gateway is
// another agency's system: slow, rate-limited, sometimes down, and retried without limit. A case or a
// step that waited for it before recording its change would show the change late while the clock ran
// on — a supplement's reply window closing before the citizen could see the request (the chaos runs
// lost cases that way). So the workflow records and projects first and never waits for a message;
// the messages go out one after the other, and the workflow sees the last one out before it ends.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Language, NotificationEvent } from '../domain/notifications';
import { agencyOptions } from './activity-options';
import { bestEffort } from './outcomes';

const { notifyCitizen } = proxyActivities<Activities>(agencyOptions('notifications'));

export class CitizenNotifier {
  private sent = 0;
  private tail: Promise<void> = Promise.resolve();

  /** `owner`: the workflow whose n-th message this is — the key that keeps a retry from sending twice. */
  constructor(
    private readonly owner: string,
    private readonly to: { phone: string; language: Language },
  ) {}

  /** Queues the message behind the earlier ones and returns at once; a refusal is passed over. */
  notify(event: NotificationEvent): void {
    const key = `${this.owner}:notify:${++this.sent}`;
    this.tail = this.tail.then(() => bestEffort(() => notifyCitizen({ key, to: this.to, event })));
  }

  /** Resolves once every queued message has gone out (or been refused): await it before returning. */
  settled(): Promise<void> {
    return this.tail;
  }
}

// The lump sum's payee inside the Group B workflow: the payee machine's snapshot, the events people and
// the clock send it, and its actions run through a table the compiler checks (STYLE rule 20a).
import { initialTransition, transition } from 'xstate';
import type { DeathApplication } from '../domain/DeathApplication';
import { refusal, type Refused } from '../domain/procedures/refusals';
import {
  PAYEE_STATE_OF,
  payeeConfirmationMachine as machine,
  type PayeeAction,
  type PayeeEvent,
  type PayeeState,
} from '../domain/procedures/payee-confirmation.machine';
import type { PayeeConfirmations } from '../domain/procedures/views';
import { adultRelatives } from '../domain/relatives';
import { runActions, type ActionDescriptor, type ActionHandlers } from './outcomes';

export class PayeeGate {
  private snapshot;
  private readonly actions: ActionDescriptor[];

  constructor(
    input: { payeePin: string; required: string[]; due: number },
    private readonly handlers: ActionHandlers<PayeeAction>,
  ) {
    const [snapshot, actions] = initialTransition(machine, input);
    this.snapshot = snapshot;
    this.actions = [...actions];
  }

  get state(): PayeeState {
    return this.snapshot.value;
  }

  get due(): number {
    return this.snapshot.context.due;
  }

  can(event: PayeeEvent): boolean {
    return this.snapshot.can(event);
  }

  /** Why a confirmation is refused (the API answers 422 with its words). */
  whyNot(relativePin: string): Refused {
    if (PAYEE_STATE_OF[this.state] !== 'awaiting')
      return refusal('payeeNotAwaited', { state: PAYEE_STATE_OF[this.state] });
    if (!this.snapshot.context.required.includes(relativePin))
      return refusal('notARequiredRelative');
    return refusal('notThePayee');
  }

  /** The machine hears `event`, then its actions run (starting or refusing the survivor step). */
  async send(event: PayeeEvent): Promise<void> {
    const [next, emitted] = transition(machine, this.snapshot, event);
    this.snapshot = next;
    this.actions.push(...emitted);
    await runActions(this.actions, this.handlers);
  }

  /** Why a declaration is refused now (422). */
  whyNoDeclaration(): Refused {
    if (this.state === 'reviewing_declaration') return refusal('declarationInReview');
    if (this.snapshot.context.verdict?.decision === 'rejected')
      return refusal('declarationRejected');
    return refusal('payeeNotAwaited', { state: PAYEE_STATE_OF[this.state] });
  }

  /**
   * The deadline, while confirmations are still awaited (during a declaration's review too, once:
   * it is noted, and the review still decides).
   */
  nextTimer(): { at: number; fire: () => Promise<void> } | undefined {
    const { duePassed } = this.snapshot.context;
    if (this.state !== 'awaiting' && (this.state !== 'reviewing_declaration' || duePassed))
      return undefined;
    return { at: this.due, fire: () => this.send({ type: 'DUE' }) };
  }

  view(): PayeeConfirmations {
    const { payeePin, required, confirmed, declaration, due, verdict } = this.snapshot.context;
    const review =
      this.state === 'reviewing_declaration'
        ? { state: 'in_review' as const }
        : verdict && {
            state: verdict.decision,
            ...(verdict.reason !== undefined && { reason: verdict.reason }),
          };
    return {
      payeePin,
      required,
      confirmed: required.filter((pin) => confirmed.includes(pin)),
      ...(declaration && { declaration }),
      ...(review && { declarationReview: review }),
      due: new Date(due).toISOString(),
      state: PAYEE_STATE_OF[this.state],
    };
  }
}

/** Who must confirm the lump sum's payee and by when; undefined when no lump sum is claimed. */
export function lumpSumPayee(
  app: DeathApplication,
  claimedOn: string,
  due: number,
): { payeePin: string; required: string[]; due: number } | undefined {
  const payeePin = app.survivor?.payeePin;
  if (!app.components.survivor || app.survivor?.kind !== 'lump_sum' || !payeePin) return undefined;
  return { payeePin, required: adultRelatives(app, claimedOn).map((r) => r.pin), due };
}

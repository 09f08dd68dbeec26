import type { Logger } from 'pino';
import type { PhoneLineControl } from '../transports/phone-line-control.js';
import type { Clock, Timer } from './clock.js';
import { safeError } from './log-safe.js';

/** Once the network took the redirect, our side waits this long for the stream to stop. */
export const TRANSFER_STOP_WAIT_MS = 5000;

type TransferState =
  | { status: 'idle' }
  | { status: 'handing-off'; number: string }
  | { status: 'redirecting'; number: string; redirected: Promise<boolean> }
  | { status: 'transferred'; number: string };

export type PhoneTransferOptions = {
  line: PhoneLineControl;
  clock: Clock;
  log: Logger;
  /** The caller is with the number now, and the stream did not stop by itself: our side ends. */
  transferred(): void;
  /** The network refused the redirect: the call is the agent's again. */
  failed(): void;
};

/**
 * A phone call handed to a person's number: after the hand-off line the live
 * call is redirected there, and the stream stopping then ends our side as
 * `transferred`. A redirect the network refuses gives the call back to the agent.
 */
export class PhoneTransfer {
  readonly #o: PhoneTransferOptions;
  #state: TransferState = { status: 'idle' };
  #stopWait: Timer | null = null;
  #cancelled = false;

  constructor(options: PhoneTransferOptions) {
    this.#o = options;
  }

  get active(): boolean {
    return this.#state.status !== 'idle';
  }

  /** Where the call went, once the network took the redirect. */
  get transferredTo(): string | null {
    return this.#state.status === 'transferred' ? this.#state.number : null;
  }

  /** The hand-off line is about to be said; the redirect waits for `redirect()`. */
  begin(number: string): void {
    if (this.#state.status === 'idle') this.#state = { status: 'handing-off', number };
  }

  /** The hand-off line has been said: the live call goes to the number. */
  redirect(): void {
    if (this.#state.status !== 'handing-off') return;
    const { number } = this.#state;
    const redirected = this.#o.line.transfer(number).then(
      () => true,
      (err: unknown) => {
        this.#o.log.warn(
          { err: safeError(err) },
          'phone call transfer refused; the agent keeps the call',
        );
        return false;
      },
    );
    const state: TransferState = { status: 'redirecting', number, redirected };
    this.#state = state;
    void redirected.then((ok) => {
      if (this.#cancelled || this.#state !== state) return;
      if (!ok) {
        this.#state = { status: 'idle' };
        this.#o.failed();
        return;
      }
      this.#state = { status: 'transferred', number };
      this.#stopWait = this.#o.clock.after(TRANSFER_STOP_WAIT_MS, () => this.#o.transferred());
    });
  }

  /**
   * Why the call ended when the caller's side did: the transfer itself once
   * the redirect went through (the network stops the stream it replaced).
   */
  async endReasonFor<R extends string>(reason: R): Promise<R | 'transferred'> {
    const state = this.#state;
    if (state.status === 'transferred') return 'transferred';
    if (state.status === 'redirecting') return (await state.redirected) ? 'transferred' : reason;
    return reason;
  }

  /** The call ended: whatever the network answers now changes nothing. */
  cancel(): void {
    this.#cancelled = true;
    this.#stopWait?.cancel();
    this.#stopWait = null;
  }
}

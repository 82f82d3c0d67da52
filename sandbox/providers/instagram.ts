import { isoTime } from '../channel.js';
import type { InstagramOutcome } from '../scenario.js';

/** The verification code that "Instagram sent" in the sandbox. */
export const INSTAGRAM_2FA_CODE = '123456';

/** The password that the sandbox treats as wrong; any other is accepted. */
export const INSTAGRAM_WRONG_PASSWORD = 'wrong';

export const INSTAGRAM_MESSAGES = {
  connected: 'Instagram connected successfully.',
  connectedSyncing: 'Instagram connected successfully. Account is syncing.',
  codeSent: 'A verification code has been sent. Submit it to POST /channels/instagram/2fa.',
  anotherRound: 'Additional verification required. Submit your code again.',
  wrongCode: 'The verification code is incorrect.',
  wrongCredentials: 'The username or password is incorrect.',
  tooManyAttempts: 'Too many verification attempts. Try again later.',
  resent: 'Verification code resent successfully.',
  resendTooSoon: 'Please wait before requesting another code.',
  alreadyLinked: 'This Instagram account is already connected.',
  unknownLogin: 'Verification session not found.',
} as const;

export type CodeOutcome =
  | { kind: 'locked'; retryAfterSeconds: number }
  | { kind: 'wrong'; attemptsLeft: number }
  | { kind: 'another_round' }
  | { kind: 'verified' };

export type ResendOutcome = { kind: 'sent' } | { kind: 'cooldown'; retryAfterSeconds: number };

/** Read from the scenario at each submit, so a test can change them mid-login. */
export interface CodeRules {
  maxAttempts: number;
  lockoutSeconds: number;
  alwaysLocked: boolean;
}

/** How many correct codes the outcome asks for before the account links. */
export function verificationRounds(outcome: InstagramOutcome): number {
  return outcome === '2fa_twice' ? 2 : 1;
}

function secondsUntil(time: number, now: number): number {
  return Math.max(1, Math.ceil((time - now) / 1000));
}

/** An Instagram login waiting for its verification code(s). */
export class InstagramLogin {
  private wrongInRow = 0;
  private lockedUntil: number | null = null;
  private lastResendAt: number | null = null;
  /** The linked Instagram channel this login links again in place, if any. */
  relinkId: number | null = null;

  constructor(
    readonly accountId: string,
    readonly username: string,
    readonly country: string,
    readonly checkpointType: string,
    private roundsLeft: number,
  ) {}

  /**
   * Checks a code. The wrong code that reaches `maxAttempts` in a row still answers "wrong";
   * the lockout applies to the submits after it, until it passes.
   */
  submitCode(code: string, now: number, rules: CodeRules): CodeOutcome {
    if (rules.alwaysLocked) return { kind: 'locked', retryAfterSeconds: rules.lockoutSeconds };
    if (this.lockedUntil !== null) {
      if (now < this.lockedUntil)
        return { kind: 'locked', retryAfterSeconds: secondsUntil(this.lockedUntil, now) };
      this.lockedUntil = null;
      this.wrongInRow = 0;
    }
    if (code !== INSTAGRAM_2FA_CODE) {
      this.wrongInRow += 1;
      if (this.wrongInRow >= rules.maxAttempts) this.lockedUntil = now + rules.lockoutSeconds * 1000;
      return { kind: 'wrong', attemptsLeft: Math.max(0, rules.maxAttempts - this.wrongInRow) };
    }
    this.wrongInRow = 0;
    this.roundsLeft -= 1;
    return this.roundsLeft > 0 ? { kind: 'another_round' } : { kind: 'verified' };
  }

  /** The first resend always goes out; later ones wait for the cooldown. */
  resend(now: number, cooldownMs: number): ResendOutcome {
    if (this.lastResendAt !== null && now < this.lastResendAt + cooldownMs) {
      return { kind: 'cooldown', retryAfterSeconds: secondsUntil(this.lastResendAt + cooldownMs, now) };
    }
    this.lastResendAt = now;
    return { kind: 'sent' };
  }

  snapshot(now: number) {
    const locked = this.lockedUntil !== null && now < this.lockedUntil;
    return {
      account_id: this.accountId,
      username: this.username,
      country: this.country,
      checkpoint_type: this.checkpointType,
      rounds_left: this.roundsLeft,
      wrong_attempts: this.wrongInRow,
      locked_until: locked ? isoTime(this.lockedUntil as number) : null,
    };
  }
}

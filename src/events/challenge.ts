export interface TwoFactorChallengeDetail {
  /** What Instagram asks for now, e.g. `OTP`, `2FA`, `SMS`. */
  checkpointType: string;
  /** 1-based verification round; 2 is the first "another round". */
  round: number;
  /** The server's message, when it sent one. */
  message?: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** Instagram asked for another verification code during `<instagram-2fa>`. */
    'inbox-2fa-challenge': CustomEvent<TwoFactorChallengeDetail>;
  }
}

/** Strings of <instagram-2fa>. */
export const instagramTwoFactorStrings = {
  twoFactorHeading: (username?: string) =>
    username ? `Confirm it is you: @${username.replace(/^@/, '')}` : 'Confirm your Instagram sign-in',
  // One sentence per checkpoint type that Instagram (through the backend) can ask for.
  twoFactorExplainOtp: 'Enter the code Instagram sent to your phone or e-mail.',
  twoFactorExplainSms: 'Enter the code Instagram sent to your phone by SMS.',
  twoFactorExplainEmail: 'Enter the code Instagram sent to your e-mail address.',
  twoFactorExplainAuthenticator: 'Enter the code from your authenticator app.',
  twoFactorExplainInApp:
    'Approve the sign-in in the Instagram app on your phone ("This was me"), then enter the code Instagram gives you here.',
  twoFactorExplainCaptcha:
    'Instagram wants to check that you are a person. Sign in once at instagram.com or in the app and complete the check, then enter the code Instagram sends you.',
  twoFactorExplainPhoneRegister:
    'Instagram needs a phone number on this account. Add one in the Instagram app, then enter the code Instagram texts to it.',
  twoFactorExplainGeneric: 'Instagram asked for an extra check. Enter the code it sent you.',
  twoFactorCodeLabel: 'Verification code',
  twoFactorCodeHint: '4 to 8 digits. Spaces and dashes are fine.',
  twoFactorCodeRequired: 'Enter the code Instagram sent you.',
  twoFactorCodeInvalid: 'A code is 4 to 8 digits. Check it and try again.',
  twoFactorSubmit: 'Verify',
  twoFactorSubmitting: 'Verifying…',
  twoFactorSubmitWait: (seconds: number) => `Try again in ${seconds} s`,
  twoFactorResend: 'Send a new code',
  twoFactorResending: 'Sending…',
  twoFactorResendWait: (seconds: number) => `Send a new code (${seconds} s)`,
  twoFactorResent: 'A new code is on its way.',
  twoFactorResendTooSoon:
    'Instagram needs a moment before it can send another code. The button counts down until you can ask again.',
  twoFactorCancel: 'Cancel',
  twoFactorRound: (round: number) => `Verification round ${round}`,
  twoFactorAnotherRound: 'Instagram asked for another code. Enter the new code.',
  twoFactorRoundAnnouncement: (round: number, message: string) => `Verification round ${round}. ${message}`,
  twoFactorTooManyAttempts: (seconds: number) =>
    `Too many attempts. You can try again in ${seconds} seconds.`,
  twoFactorAttemptsLeft: (left: number) =>
    left === 0
      ? 'No tries left: the next code waits for a short lockout.'
      : left === 1
        ? '1 try left before a short lockout.'
        : `${left} tries left before a short lockout.`,
  twoFactorCanRetry: 'You can try the code again now.',
  twoFactorRetryHint: 'Enter the code again and select Verify to retry.',
  twoFactorExpired: 'This sign-in has expired. Start again by entering your Instagram username and password.',
  twoFactorMissingAccount:
    'This step is not set up: it needs the account-id from the Instagram connect answer.',
  twoFactorConnected: (username?: string | null) =>
    username
      ? `@${username.replace(/^@/, '')} is linked. Instagram is syncing your messages.`
      : 'Your Instagram account is linked. Instagram is syncing your messages.',
};

/** Strings of <phone-login>. */
export const phoneLoginStrings = {
  phoneLoginStarting: 'Connecting to the service…',
  phoneLoginNeedsSocket: (name: string) =>
    `Signing in to ${name} with a phone number needs a live connection to the service, and this page has none (no socket-url). Use the QR code instead.`,
  phoneLoginPhoneExplain: (channel: 'telegram' | 'max') =>
    ({
      telegram: 'Telegram will send a login code to the Telegram app on your other devices, or by SMS.',
      max: 'MAX will send a code to this number by SMS.',
    })[channel],
  phoneLoginPhoneLabel: 'Phone number',
  phoneLoginPhoneHint: 'With the country code, for example +966 50 123 4567. Spaces and dashes are fine.',
  phoneLoginPhoneRequired: 'Enter your phone number.',
  phoneLoginPhoneMalformed: 'A phone number is 7 to 15 digits, starting with the country code.',
  // Telegram's 422 "invalid phone".
  phoneLoginPhoneRejected: 'Telegram did not accept this number. Check the country code and the digits.',
  // MAX's 422 "Phone number has invalid format".
  phoneLoginPhoneFormat:
    'MAX did not accept this number: write it in international format, digits only, for example 79991112233 (a Russian number may also start with 8).',
  phoneLoginPhoneSubmit: 'Send code',
  phoneLoginCodeExplain: (channel: 'telegram' | 'max', phone: string) =>
    ({
      telegram: phone
        ? `Telegram sent a code for ${phone}: look in the Telegram app on another device, or in your SMS.`
        : 'Telegram sent a code: look in the Telegram app on another device, or in your SMS.',
      max: phone ? `MAX sent a code by SMS to ${phone}.` : 'MAX sent you a code by SMS.',
    })[channel],
  phoneLoginCodeLabel: 'Code',
  phoneLoginCodeHint: 'Digits only; spaces and dashes are fine.',
  phoneLoginCodeRequired: 'Enter the code you received.',
  phoneLoginCodeMalformed: 'A code is 4 to 8 digits. Check it and try again.',
  // Telegram's wrong code, MAX's 422 "confirmation code invalid".
  phoneLoginCodeRejected: 'That code is not right. Check it and enter it again.',
  phoneLoginCodeSubmit: 'Confirm',
  phoneLoginPasswordExplain:
    'This Telegram account has two-step verification. Enter its cloud password (the one you set in Telegram, not a code).',
  phoneLoginPasswordLabel: 'Cloud password',
  phoneLoginPasswordNote: 'Sent once to link the account; it is not stored in this page.',
  phoneLoginPasswordRequired: 'Enter your cloud password.',
  phoneLoginPasswordRejected:
    'That password is not right. For your safety the field was cleared: enter it again.',
  phoneLoginPasswordSubmit: 'Sign in',
  phoneLoginSending: 'Sending…',
  phoneLoginWait: (seconds: number) => `Wait ${seconds} s`,
  phoneLoginUseAnotherNumber: 'Use another number',
  // MAX's 422 "max_session_closer session_not_found" when starting over.
  phoneLoginSessionGone: 'That sign-in had already ended. Enter your number to start again.',
  phoneLoginCodeExpired: 'No code is waiting any more. Enter your number to get a new one.',
  phoneLoginReconnecting: 'The connection to the service was lost. Reconnecting…',
  phoneLoginUnconfirmed:
    'The connection dropped before the service answered, so it may not have arrived. Send it again.',
  phoneLoginFinishing: 'Signed in. Finishing the link…',
  phoneLoginConnected: (name: string, username: string | null) =>
    username ? `${name} is linked as ${username}.` : `${name} is linked.`,
  phoneLoginAlreadyLinked: (name: string) => `A ${name} account is already linked here.`,
  phoneLoginManage: 'Manage linked accounts',
  phoneLoginTryAgain: 'Try again',
  phoneLoginCancel: 'Cancel',
};

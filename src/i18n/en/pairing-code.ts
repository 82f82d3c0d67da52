/** Strings of <qr-scanner>'s phone-number method (WhatsApp's pairing code), fetched with that method. */
export const pairingCodeStrings = {
  pairingIntro: 'On this phone? Get a code instead of scanning, and type it in WhatsApp.',
  pairingPhoneLabel: 'Your WhatsApp phone number',
  pairingPhoneHint: 'With the country code, e.g. +966 50 123 4567.',
  /** The number as it will be sent, once it is a valid one. */
  pairingPhoneValid: (formatted: string) => `Valid number: ${formatted}`,
  pairingPhoneRequired: 'Enter your phone number with its country code.',
  pairingPhoneInvalid: 'This is not a valid mobile number. Check the country code and the digits.',
  pairingGetCode: 'Get a pairing code',
  pairingGettingCode: 'Getting a code…',
  pairingGetCodeIn: (seconds: number) => `Get a code in ${seconds} s`,
  pairingCodeLabel: 'Your pairing code',
  pairingSteps: [
    'Open WhatsApp on your phone.',
    'Go to Settings (on Android: the ⋮ menu).',
    'Tap Linked devices, then Link a device.',
    'Tap Link with phone number instead.',
    'Type this code.',
  ],
  pairingTimeLeft: (seconds: number) => `Expires in ${seconds} s`,
  pairingCopy: 'Copy code',
  pairingCopied: 'Code copied.',
  /** Read out by screen readers: the code character by character. */
  pairingShownAnnouncement: (spelled: string) => `Pairing code ready: ${spelled}. Type it in WhatsApp.`,
  pairingEntered: 'Code entered — finishing on your phone…',
  pairingCodeGone: 'The code is no longer shown here. If you have not typed it yet, get a new one.',
  pairingExpired: 'This code expired.',
  pairingExpiredHint: 'Get a new code and type it within the time shown.',
  pairingNewCode: 'Get a new code',
  pairingAnotherNumber: 'Use another number',
  pairingStepsLabel: 'How to link WhatsApp with the code',
  pairingUsePhone: 'Link with phone number instead',
  pairingUseQr: 'Scan a QR code instead',
  pairingCheckUnavailable:
    'The number check could not be loaded. Check your connection and reload the page, or scan the QR code instead.',
  pairingUnavailable: 'Linking with a phone number is not available here. Scan the QR code instead.',
};

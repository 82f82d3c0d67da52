/** Strings of <qr-scanner>. */
export const qrScannerStrings = {
  qrChannelName: (channel: 'whatsapp' | 'telegram') =>
    ({ whatsapp: 'WhatsApp', telegram: 'Telegram' })[channel],
  qrMissingChannel: 'This QR code scanner is not set up: it needs a channel (whatsapp or telegram).',
  qrLoading: 'Getting a QR code…',
  qrStepsLabel: (name: string) => `How to link ${name}`,
  // The steps of each app's own "link a device" screen.
  qrStepsWhatsapp: [
    'Open WhatsApp on your phone.',
    'Go to Settings (on Android: the ⋮ menu).',
    'Tap Linked devices.',
    'Tap Link a device.',
    'Point your phone at this code.',
  ],
  qrStepsTelegram: [
    'Open Telegram on your phone.',
    'Go to Settings.',
    'Tap Devices.',
    'Tap Link Desktop Device.',
    'Point your phone at this code.',
  ],
  /** Text alternative of the QR image, e.g. "WhatsApp QR code 2 of 6". */
  qrImageLabel: (name: string, index: number, total: number | null) =>
    total === null ? `${name} QR code ${index}` : `${name} QR code ${index} of ${total}`,
  qrCodeNumber: (index: number, total: number | null) =>
    total === null ? `Code ${index}` : `Code ${index} of ${total}`,
  qrTimeLeft: (seconds: number) => `Expires in ${seconds} s`,
  qrRenewing: 'A new code is on its way…',
  qrNewCodeAnnouncement: (name: string, index: number, total: number | null) =>
    total === null ? `New ${name} QR code (${index}).` : `New ${name} QR code, ${index} of ${total}.`,
  qrShownAnnouncement: (name: string) => `${name} QR code ready. Scan it with your phone.`,
  qrScanned: 'Scanned — finishing on your phone…',
  qrConnected: (name: string) => `${name} is linked.`,
  qrConnectedAs: (name: string, username: string) => `${name} is linked as ${username}.`,
  qrExpired: 'This code expired.',
  qrExpiredHint: 'Get a new code and scan it within the time shown.',
  qrNewCode: 'New code',
  qrRetry: 'Try again',
  qrImageFailed:
    'The QR code could not be drawn: part of this widget did not load. Check your connection, then reload the page.',
  qrUnencodable:
    'This code could not be shown: the server sent one that cannot be drawn. Try again for a new code.',
  qrRetryIn: (seconds: number) => `Try again in ${seconds} s`,
  qrCanRetry: 'You can try again now.',
  qrFinishTimedOut: (name: string) => `${name} did not finish linking. Try again with a new code.`,
  qrAlreadyLinked: (name: string) => `This ${name} account is already linked.`,
  qrAlreadyLinkedHint: 'Open it to reconnect it, or disconnect it first and then link again.',
  qrManageLinkedAccounts: 'Open the linked account',
  qrStillTrying: (problem: string) => `${problem} Still trying; this code stays valid.`,
};

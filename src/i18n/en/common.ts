/** Strings shared by every element. */
export const commonStrings = {
  // Errors, one sentence per case.
  errorUnauthorized: 'Your session has expired. Reload the page and sign in again.',
  errorForbidden: 'You are not allowed to do this. Ask the site owner for access.',
  errorNotFound: 'This was not found. It may have been removed.',
  errorConflict: 'This account is already linked.',
  errorValidation: (serverMessage?: string) =>
    serverMessage ?? 'Some details are not right. Check them and try again.',
  errorRateLimited: (seconds?: number) =>
    seconds === undefined
      ? 'Too many attempts. Wait a moment and try again.'
      : `Too many attempts. Try again in ${seconds} seconds.`,
  errorServer: 'The service is having trouble. Try again in a moment.',
  errorNetwork: 'Cannot reach the service. Check your connection and try again.',
  errorTimeout: 'The service took too long to answer. Try again.',
  errorMalformed: 'The service sent an answer we could not read. Try again later.',
  errorUnknown: 'Something went wrong. Try again.',
  errorLoadFailed: 'Part of this widget did not load. Check your connection, then reload the page.',
  errorNotConfigured: 'This widget is not set up: it needs a base-url.',
  /** `problem` names the attribute or option, in English: it is for the developer who set the widget up. */
  errorMisconfigured: (problem: string) => `This widget is not set up correctly: ${problem}`,
  // A part fetched on demand that failed once fails again until the page is loaded anew (the browser keeps the failure).
  reloadPage: 'Reload the page',
  channelName: (channel: 'whatsapp' | 'telegram' | 'instagram' | 'max') =>
    ({ whatsapp: 'WhatsApp', telegram: 'Telegram', instagram: 'Instagram', max: 'MAX' })[channel],
  /** How messages name one account, e.g. "WhatsApp +966501234567". */
  accountsAccountName: (channelName: string, username: string | null) =>
    username ? `${channelName} ${username}` : `${channelName} account`,
};

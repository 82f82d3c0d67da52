import type * as PhoneNumbers from 'libphonenumber-js/min';

export type PhoneLibrary = typeof PhoneNumbers;

let loading: Promise<PhoneLibrary> | undefined;

/**
 * The phone-number library (libphonenumber-js with its smallest metadata), fetched the first time a
 * phone field is shown, and once for the page. A failed fetch rejects and is tried again next time.
 */
export function loadPhoneNumbers(): Promise<PhoneLibrary> {
  loading ??= import('libphonenumber-js/min').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

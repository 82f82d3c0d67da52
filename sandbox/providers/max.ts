import type { FieldErrors } from '../http.js';

/**
 * The 422 texts of the provider's MAX calls (docs/providers.md#max-phone-login), word for word, under
 * the field each names; the sandbox answers them in the contract's error envelope.
 */
export const MAX_ERRORS = {
  phoneBlank: { phone: ["Phone number can't be blank"] },
  phoneInvalid: { phone: ['Phone number has invalid format'] },
  codeBlank: { code: ["code can't be blank"] },
  codeInvalid: { confirmation_code: ['confirmation code invalid'] },
  sessionNotFound: { max_session_closer: ['max_session_closer session_not_found'] },
} satisfies Record<string, FieldErrors>;

/** The SMS code that "MAX sent" in the sandbox. */
export const MAX_LOGIN_CODE = '123456';

/** International digits (79991112233), or a Russian number with the 8 prefix (89991112233). */
const PHONE_PATTERN = /^\d{10,15}$/;

export type MaxPhoneCheck = { phone: string } | { errors: FieldErrors };

/** The provider's `max/send_phone` check; a leading `+` is accepted and dropped. */
export function checkMaxPhone(value: unknown): MaxPhoneCheck {
  if (typeof value !== 'string' || value.trim() === '') return { errors: MAX_ERRORS.phoneBlank };
  const phone = value.trim().replace(/^\+/, '');
  return PHONE_PATTERN.test(phone) ? { phone } : { errors: MAX_ERRORS.phoneInvalid };
}

/** The provider's `max/send_code` check against the code of the pending sign-in. */
export function checkMaxCode(value: unknown): FieldErrors | null {
  if (typeof value !== 'string' || value.trim() === '') return MAX_ERRORS.codeBlank;
  return value.trim() === MAX_LOGIN_CODE ? null : MAX_ERRORS.codeInvalid;
}

export const MAX_MESSAGES = {
  codeSent: (phone: string) => `A code was sent by SMS to +${phone}.`,
  noPendingLogin: 'No MAX sign-in is waiting for a code. Send the phone number first.',
  connected: 'MAX is linked. Conversations will appear shortly.',
  alreadyLinked: 'MAX is already connected. Disconnect it first.',
};

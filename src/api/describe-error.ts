import type { Strings } from '../i18n/en.js';
import { strings } from '../i18n/localize.js';
import { toApiError } from './errors.js';

/** One human sentence for a failed call, in the language of `s` (the page's by default). */
export function describeError(error: unknown, s: Strings = strings()): string {
  const apiError = toApiError(error);
  switch (apiError.kind) {
    case 'unauthorized':
      return s.errorUnauthorized;
    case 'forbidden':
      return s.errorForbidden;
    case 'not-found':
      return s.errorNotFound;
    case 'conflict':
      return apiError.serverMessage ?? s.errorConflict;
    case 'validation':
      return s.errorValidation(apiError.serverMessage);
    case 'rate-limited':
      return s.errorRateLimited(apiError.retryAfterSeconds);
    case 'server':
      return s.errorServer;
    case 'network':
      return s.errorNetwork;
    case 'timeout':
      return s.errorTimeout;
    case 'malformed':
      return s.errorMalformed;
    case 'load-failed':
      return s.errorLoadFailed;
    case 'misconfigured':
      return s.errorMisconfigured(apiError.message);
    default:
      return s.errorUnknown;
  }
}

import { expect } from '@open-wc/testing';
import { describeError } from '../../src/api/describe-error.js';
import { ApiError, type ApiErrorKind } from '../../src/api/errors.js';
import { en } from '../../src/i18n/en.js';

/** Every kind, so that a new kind fails to compile here until it is described. */
const KINDS: Record<ApiErrorKind, true> = {
  unauthorized: true,
  forbidden: true,
  'not-found': true,
  conflict: true,
  validation: true,
  'rate-limited': true,
  server: true,
  network: true,
  timeout: true,
  malformed: true,
  aborted: true,
  http: true,
  'load-failed': true,
  misconfigured: true,
};

describe('describeError', () => {
  it('gives each kind the elements show its own sentence', () => {
    const shown = (Object.keys(KINDS) as ApiErrorKind[]).filter(
      (kind) => kind !== 'aborted' && kind !== 'http',
    );
    const sentences = shown.map((kind) => describeError(new ApiError({ kind })));
    expect(new Set(sentences).size).to.equal(shown.length);
    expect(sentences).to.not.include(en.errorUnknown);
  });

  it('falls back to the generic sentence for a status without a kind of its own', () => {
    expect(describeError(new ApiError({ kind: 'http', status: 418 }))).to.equal(en.errorUnknown);
  });

  it("uses the server's message for a conflict and a validation error", () => {
    expect(
      describeError(new ApiError({ kind: 'conflict', message: 'WhatsApp is already connected.' })),
    ).to.equal('WhatsApp is already connected.');
    expect(
      describeError(new ApiError({ kind: 'validation', message: 'The code field is required.' })),
    ).to.equal('The code field is required.');
  });

  it('says how long to wait when the server said so', () => {
    expect(describeError(new ApiError({ kind: 'rate-limited', retryAfterSeconds: 30 }))).to.contain('30');
  });

  it('describes anything thrown, not only ApiErrors', () => {
    expect(describeError(new TypeError('Failed to fetch'))).to.equal(en.errorNetwork);
    expect(describeError(new DOMException('aborted', 'AbortError'))).to.eql(
      describeError(new ApiError({ kind: 'aborted' })),
    );
  });
});

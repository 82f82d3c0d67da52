import { expect } from '@open-wc/testing';
import { parseRetryAfter } from '../../src/api/http.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-11T10:00:00Z');

  it('reads seconds', () => {
    expect(parseRetryAfter('30', now)).to.equal(30);
    expect(parseRetryAfter('0', now)).to.equal(0);
    expect(parseRetryAfter('1.2', now)).to.equal(2);
  });

  it('reads an HTTP date as the seconds until it', () => {
    expect(parseRetryAfter('Wed, 11 Mar 2026 10:00:45 GMT', now)).to.equal(45);
    expect(parseRetryAfter('Wed, 11 Mar 2026 09:59:00 GMT', now)).to.equal(0);
  });

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null, now)).to.equal(undefined);
    expect(parseRetryAfter('', now)).to.equal(undefined);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
  });
});

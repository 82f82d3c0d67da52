import { expect } from '@open-wc/testing';
import { ApiError } from '../../src/api/errors.js';
import { TokenCache } from '../../src/api/token-cache.js';

/** A getToken that hands out `token-1`, `token-2`, ... and counts its calls. */
function countingSource() {
  const source = {
    calls: 0,
    getToken: async () => {
      source.calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return `token-${source.calls}`;
    },
  };
  return source;
}

describe('TokenCache', () => {
  it('shares one getToken() among concurrent callers and caches its token', async () => {
    const source = countingSource();
    const cache = new TokenCache(source.getToken);
    const tokens = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(tokens).to.deep.equal(['token-1', 'token-1', 'token-1']);
    expect(await cache.get()).to.equal('token-1');
    expect(cache.latest).to.equal('token-1');
    expect(source.calls).to.equal(1);
  });

  it('gives up on a getToken() that never settles, as a timeout, and asks again next time', async () => {
    let calls = 0;
    const cache = new TokenCache(() => {
      calls += 1;
      return calls === 1 ? new Promise<string>(() => {}) : Promise.resolve('late-token');
    }, 50);
    const error = await cache.get().then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).kind).to.equal('timeout');
    expect(await cache.get()).to.equal('late-token');
  });

  it('replaces a refused token once, however many callers saw it refused', async () => {
    const source = countingSource();
    const cache = new TokenCache(source.getToken);
    const refused = await cache.get();
    const renewed = await Promise.all([cache.refresh(refused), cache.refresh(refused)]);
    expect(renewed).to.deep.equal(['token-2', 'token-2']);
    expect(await cache.refresh(refused)).to.equal('token-2');
    expect(source.calls).to.equal(2);
  });

  it('asks again after a getToken() that failed, including one that throws outright', async () => {
    let calls = 0;
    const cache = new TokenCache(() => {
      calls += 1;
      if (calls === 1) throw new Error('host not ready');
      return Promise.resolve('late-token');
    });
    let failure: unknown;
    await cache.get().catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(Error);
    expect(await cache.get()).to.equal('late-token');
  });
});

import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { SocketAdapter } from '../../src/realtime/socket-adapter.js';
import { SandboxTenant } from '../helpers/sandbox.js';

/** The page's fetches of the phoenix client; this file imports nothing else that could. */
function phoenixFetches(): PerformanceEntry[] {
  return performance
    .getEntriesByType('resource')
    .filter(({ name }) => /\/phoenix\/|phoenix\.m?js/.test(name));
}

describe('SocketAdapter loading', () => {
  it('loads the phoenix client only when the first topic is joined', async () => {
    const tenant = new SandboxTenant();
    const adapter = new SocketAdapter({ socketUrl: '/socket', apiKey: tenant.apiKey });
    expect(phoenixFetches()).to.deep.equal([]);

    // The fetch's own start time shows it began with the join, however long anything took.
    const joinedAt = performance.now();
    let joined = false;
    const subscription = adapter.join('inbox', {}, { onJoin: () => (joined = true) });
    await waitUntil(() => joined, 'never joined');
    expect(phoenixFetches()).to.not.deep.equal([]);
    for (const entry of phoenixFetches()) expect(entry.startTime).to.be.at.least(joinedAt);
    subscription.leave();
  });
});

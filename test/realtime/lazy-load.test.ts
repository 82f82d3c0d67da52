import { expect, waitUntil } from '@open-wc/testing';
import { SocketAdapter } from '../../src/realtime/socket-adapter.js';
import { SandboxTenant } from '../helpers/sandbox.js';

/** Whether the page fetched the phoenix client; this file imports nothing else that could. */
function phoenixLoaded(): boolean {
  return performance.getEntriesByType('resource').some(({ name }) => /\/phoenix\/|phoenix\.m?js/.test(name));
}

describe('SocketAdapter loading', () => {
  it('loads the phoenix client only when the first topic is joined', async () => {
    const tenant = new SandboxTenant();
    const adapter = new SocketAdapter({ socketUrl: '/socket', apiKey: tenant.apiKey });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(phoenixLoaded()).to.equal(false);

    let joined = false;
    const subscription = adapter.join('inbox', {}, { onJoin: () => (joined = true) });
    await waitUntil(() => joined, 'never joined');
    expect(phoenixLoaded()).to.equal(true);
    subscription.leave();
  });
});

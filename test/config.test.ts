import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './helpers/async.js';
import './helpers/lit-warnings.js';
import type { Backend } from '../src/api/backend.js';
import type { QrAttemptStatus } from '../src/api/types.js';
import { configure } from '../src/config/config.js';
import { servicesFor } from '../src/config/services.js';
import type { QrScanner } from '../src/index.js';
import '../src/index.js';
import { SandboxTenant } from './helpers/sandbox.js';

async function connectCalls(tenant: SandboxTenant): Promise<number> {
  return (await tenant.requests()).filter((request) => request.path === '/api/v1/channels/whatsapp/connect')
    .length;
}

function servicesOf(el: Element): unknown {
  return (el as unknown as { services: unknown }).services;
}

describe('configuration', () => {
  afterEach(() =>
    configure({ baseUrl: undefined, apiKey: undefined, socketUrl: undefined, getToken: undefined }),
  );

  it('works from its own attributes alone, with nothing configured on the page', async () => {
    const tenant = new SandboxTenant();
    const el = await fixture<QrScanner>(
      html`<qr-scanner channel="whatsapp" base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></qr-scanner>`,
    );
    await waitUntil(() => el.phase === 'waiting', 'no code shown', { timeout: 8000 });
    expect(el.qrCode).to.equal((await tenant.attempt('whatsapp'))!.qr_code);
  });

  it('takes page-wide defaults from configure(), also when they arrive after the element', async () => {
    const tenant = new SandboxTenant();
    const el = await fixture<QrScanner>(html`<qr-scanner channel="whatsapp"></qr-scanner>`);
    expect(el.phase).to.equal('not-configured');
    configure({ baseUrl: tenant.baseUrl, apiKey: tenant.apiKey });
    await waitUntil(() => el.phase === 'waiting', 'the element did not pick up configure()', {
      timeout: 8000,
    });
    expect(await connectCalls(tenant)).to.equal(1);
  });

  it("lets an element's own attributes win over the page defaults", async () => {
    const pageTenant = new SandboxTenant();
    const ownTenant = new SandboxTenant();
    configure({ baseUrl: pageTenant.baseUrl, apiKey: pageTenant.apiKey });
    const el = await fixture<QrScanner>(
      html`<qr-scanner channel="whatsapp" api-key=${ownTenant.apiKey}></qr-scanner>`,
    );
    await waitUntil(() => el.phase === 'waiting', 'no code shown', { timeout: 8000 });
    expect(await connectCalls(ownTenant)).to.equal(1);
    expect(await connectCalls(pageTenant)).to.equal(0);
  });

  it('shares one client, socket and store among elements with the same configuration', async () => {
    const tenant = new SandboxTenant();
    const config = { baseUrl: tenant.baseUrl, apiKey: tenant.apiKey, socketUrl: tenant.socketUrl };
    const parent = await fixture(
      html`<div>
        <qr-scanner
          channel="whatsapp"
          base-url=${config.baseUrl}
          api-key=${config.apiKey}
          socket-url=${config.socketUrl}
        ></qr-scanner>
        <qr-scanner
          channel="telegram"
          base-url=${config.baseUrl}
          api-key=${config.apiKey}
          socket-url=${config.socketUrl}
        ></qr-scanner>
      </div>`,
    );
    const [first, second] = parent.querySelectorAll('qr-scanner');
    expect(servicesOf(first)).to.equal(servicesOf(second));
    expect(servicesOf(first)).to.equal(servicesFor(config));
    expect(servicesFor({ ...config, apiKey: 'someone-else' })).not.to.equal(servicesOf(first));
  });

  it('calls with the token from getToken, and a new getToken closure does not restart the attempt', async () => {
    const tenant = new SandboxTenant();
    let tokenCalls = 0;
    const getToken = async () => {
      tokenCalls += 1;
      return tenant.mintToken(60);
    };
    const el = await fixture<QrScanner>(
      html`<qr-scanner channel="whatsapp" base-url=${tenant.baseUrl} .getToken=${getToken}></qr-scanner>`,
    );
    await waitUntil(() => el.phase === 'waiting', 'no code shown with a token', { timeout: 8000 });
    expect(tokenCalls).to.equal(1);
    const accountId = el.accountId;

    el.getToken = () => tenant.mintToken(60);
    await el.updateComplete;
    // Only a quiet stretch shows no new attempt starts; one would start at once, and a slow machine can
    // only hide it, never make one up.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(el.accountId).to.equal(accountId);
    expect(await connectCalls(tenant)).to.equal(1);
  });

  it('talks to another backend through the Backend interface, without touching the element', async () => {
    const code = 'tg://login?token=from-another-backend';
    const status: QrAttemptStatus = {
      id: null,
      type: 'telegram',
      username: null,
      is_connected: false,
      sync_status: 'CONNECTING',
      last_synced_at: null,
      completed: false,
      in_progress: true,
      qr_code: code,
    };
    const unused = () => Promise.reject(new Error('not used by this test'));
    const backend: Backend = {
      connectQr: () => Promise.resolve({ account_id: 'other_1', qr_code: code }),
      getQrStatus: () => Promise.resolve(status),
      listChannels: unused,
      getChannelStatus: unused,
      refreshChannel: unused,
      disconnectChannel: unused,
      connectInstagram: unused,
      submitInstagramCode: unused,
      resendInstagramCode: unused,
      sendMaxPhone: unused,
      sendMaxCode: unused,
      closeMaxSession: unused,
      listConversations: unused,
      listMessages: unused,
      sendMessage: unused,
      sendFile: unused,
      markRead: unused,
      deleteMessage: unused,
    };
    const el = await fixture<QrScanner>(
      html`<qr-scanner channel="telegram" .backend=${backend}></qr-scanner>`,
    );
    await waitUntil(() => el.phase === 'waiting', 'no code from the other backend');
    expect(el.qrCode).to.equal(code);
    expect(el.accountId).to.equal('other_1');
  });
});

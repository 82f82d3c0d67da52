import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import '../helpers/lit-warnings.js';
import type { ChannelConnect } from '../../src/elements/channel-connect/channel-connect.component.js';
import type { QrScanner } from '../../src/elements/qr-scanner/qr-scanner.component.js';
import { en } from '../../src/i18n/en.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';

/** channel-connect abandons a QR attempt at the backend (docs/openapi.yaml: disconnect with `account_id`). */
async function mount(tenant: SandboxTenant, channels: string): Promise<ChannelConnect> {
  return fixture<ChannelConnect>(
    html`<channel-connect
      base-url=${tenant.baseUrl}
      api-key=${tenant.apiKey}
      channels=${channels}
    ></channel-connect>`,
  );
}

async function codeOnScreen(el: ChannelConnect): Promise<string> {
  await waitUntil(() => el.shadowRoot!.querySelector('qr-scanner'), 'no QR step');
  const scanner = el.shadowRoot!.querySelector('qr-scanner') as QrScanner;
  await waitUntil(() => scanner.phase === 'waiting', `no QR code on screen (at ${scanner.phase})`, {
    timeout: 10000,
  });
  return scanner.accountId!;
}

/** The disconnect calls the page made, as the sandbox logged them. */
async function disconnects(tenant: SandboxTenant, type: string) {
  return (await tenant.requests()).filter(
    (request) => request.method === 'POST' && request.path.startsWith(`/api/v1/channels/${type}/disconnect`),
  );
}

async function abandonedWith(tenant: SandboxTenant, type: string, accountId: string): Promise<void> {
  await waitUntil(
    async () => (await disconnects(tenant, type)).some((request) => request.status === 204),
    'the attempt was not abandoned at the backend',
    { timeout: 5000 },
  );
  const [call] = await disconnects(tenant, type);
  expect(call.path).to.equal(`/api/v1/channels/${type}/disconnect?account_id=${accountId}`);
  expect((await tenant.attempt(type))?.state).not.to.be.oneOf(['waiting', 'scanned']);
}

describe('<channel-connect> abandoning a QR attempt', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: { ...fastTimings, whatsappFirstQrMs: 30_000 } });
  });

  it('Cancel sends disconnect with the attempt’s account_id, once, and ends the attempt', async () => {
    const el = await mount(tenant, 'whatsapp');
    const accountId = await codeOnScreen(el);
    const cancelled = oneEvent(el, 'inbox-cancelled');
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === en.cancel)!.click();
    await cancelled;
    await abandonedWith(tenant, 'whatsapp', accountId);
    expect(await disconnects(tenant, 'whatsapp')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('Escape abandons the Telegram QR attempt the same way', async () => {
    const el = await mount(tenant, 'whatsapp telegram');
    el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.channel-option')[1].click();
    const accountId = await codeOnScreen(el);
    el.shadowRoot!.querySelector<HTMLElement>('.step-heading')!.focus();
    await sendKeys({ press: 'Escape' });
    await abandonedWith(tenant, 'telegram', accountId);
  });

  it('moving the element mid-attempt keeps the attempt; only the Cancel after it abandons it', async () => {
    const el = await mount(tenant, 'whatsapp');
    const accountId = await codeOnScreen(el);
    const elsewhere = document.createElement('section');
    el.parentElement!.after(elsewhere);
    elsewhere.append(el);
    const cancelled = oneEvent(el, 'inbox-cancelled');
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === en.cancel)!.click();
    await cancelled;
    await abandonedWith(tenant, 'whatsapp', accountId);
    // The move came first: a call it made would have been logged before the Cancel's.
    expect(await disconnects(tenant, 'whatsapp')).to.have.length(1);
    elsewhere.remove();
  });

  it('put back after a removal, it starts a new attempt instead of the one it abandoned', async () => {
    const el = await mount(tenant, 'whatsapp');
    const abandoned = await codeOnScreen(el);
    const parent = el.parentElement!;
    el.remove();
    await abandonedWith(tenant, 'whatsapp', abandoned);
    parent.append(el);
    await waitUntil(
      () => el.shadowRoot!.querySelector<QrScanner>('qr-scanner')?.accountId !== abandoned,
      'the abandoned attempt came back',
    );
    const fresh = await codeOnScreen(el);
    expect(fresh).not.to.equal(abandoned);
    expect((await tenant.attempt('whatsapp'))?.state).to.equal('waiting');
  });

  it('removing the element mid-attempt abandons it, without an unhandled rejection when the call fails', async () => {
    const unhandled: unknown[] = [];
    const record = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
    window.addEventListener('unhandledrejection', record);
    try {
      await tenant.scenario({
        failures: [{ method: 'POST', path: '/api/v1/channels/whatsapp/disconnect', status: 500, times: 1 }],
      });
      const failing = await mount(tenant, 'whatsapp');
      await codeOnScreen(failing);
      failing.remove();
      await waitUntil(
        async () => (await disconnects(tenant, 'whatsapp')).some((request) => request.status === 500),
        'no disconnect call after the removal',
      );
      fixtureCleanup();

      const el = await mount(tenant, 'whatsapp');
      const accountId = await codeOnScreen(el);
      el.remove();
      await waitUntil(
        async () => (await disconnects(tenant, 'whatsapp')).some((request) => request.status === 204),
        'the second removal did not abandon its attempt',
      );
      const calls = await disconnects(tenant, 'whatsapp');
      expect(calls.at(-1)!.path).to.equal(`/api/v1/channels/whatsapp/disconnect?account_id=${accountId}`);
      expect(unhandled).to.deep.equal([]);
    } finally {
      window.removeEventListener('unhandledrejection', record);
    }
  });
});

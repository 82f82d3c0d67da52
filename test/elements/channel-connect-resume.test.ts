import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { signOut } from '../../src/index.js';
import { storageKeyOf } from '../../src/config/services.js';
import type { ChannelConnect } from '../../src/elements/channel-connect/channel-connect.component.js';
import type { QrScanner } from '../../src/elements/qr-scanner/qr-scanner.component.js';
import type { ConnectedDetail } from '../../src/events/index.js';
import { waitUntil } from '../helpers/async.js';
import '../helpers/lit-warnings.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';

/** The key the library keeps a linking step under (sessionStorage), one per signed-in identity. */
function linkingKeyOf(tenant: SandboxTenant): string {
  return `inbox-elements:linking:${storageKeyOf({ baseUrl: tenant.baseUrl, apiKey: tenant.apiKey })}`;
}

/** This test's identity's key. */
let KEY = '';

function shadow(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

function text(node: Element | null | undefined): string {
  return node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function heading(el: ChannelConnect): string {
  return text(shadow(el).querySelector('.step-heading'));
}

function scanner(el: ChannelConnect): QrScanner | null {
  return shadow(el).querySelector<QrScanner>('[part="qr-scanner"]');
}

async function mount(
  tenant: SandboxTenant,
  channels = 'whatsapp telegram instagram',
): Promise<ChannelConnect> {
  return fixture<ChannelConnect>(
    html`<channel-connect
      base-url=${tenant.baseUrl}
      api-key=${tenant.apiKey}
      channels=${channels}
      link-method="qr"
    ></channel-connect>`,
  );
}

/** A call to the sandbox's API as the elements make it, to start an attempt "before the reload". */
async function api<T>(tenant: SandboxTenant, path: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`/api/v1/${path}`, {
    method: 'POST',
    headers: { 'X-Api-Key': tenant.apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.ok, `${path} answered ${response.status}`).to.equal(true);
  return ((await response.json()) as { data: T }).data;
}

function keep(value: unknown): void {
  sessionStorage.setItem(KEY, typeof value === 'string' ? value : JSON.stringify(value));
}

/** The page is hidden, as before a reload or while the user is in WhatsApp. */
function hidePage(): void {
  Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
  Reflect.deleteProperty(document, 'visibilityState');
}

async function disconnectCalls(tenant: SandboxTenant) {
  return (await tenant.requests()).filter((request) =>
    request.path.startsWith('/api/v1/channels/whatsapp/disconnect'),
  );
}

describe('<channel-connect> after a page reload', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    KEY = linkingKeyOf(tenant);
    sessionStorage.removeItem(KEY);
    await tenant.scenario({ timings: { ...fastTimings, whatsappFirstQrMs: 20_000, telegramQrMs: 20_000 } });
  });

  afterEach(() => {
    sessionStorage.removeItem(KEY);
  });

  it('keeps the QR step when the page is hidden: channel, step and attempt, never the code', async () => {
    const el = await mount(tenant);
    (shadow(el).querySelector('.channel-option') as HTMLButtonElement).click();
    await waitUntil(() => scanner(el)?.qrCode, 'no QR code');
    hidePage();
    const kept = JSON.parse(sessionStorage.getItem(KEY)!) as Record<string, unknown>;
    expect(kept).to.deep.include({
      channel: 'whatsapp',
      step: 'qr',
      accountId: scanner(el)!.accountId,
      method: 'qr',
    });
    expect(kept['savedAt']).to.be.closeTo(Date.now(), 5000);
    expect(JSON.stringify(kept)).to.not.contain(scanner(el)!.qrCode!);

    // Back at the picker, there is nothing to come back to.
    (shadow(el).querySelector('.back') as HTMLButtonElement).click();
    await waitUntil(() => heading(el) === 'Link a messaging account');
    hidePage();
    expect(sessionStorage.getItem(KEY)).to.equal(null);
  });

  it('comes back to the QR code of the attempt it had, without starting another', async () => {
    const { account_id: accountId } = await api<{ account_id: string }>(tenant, 'channels/telegram/connect');
    keep({ channel: 'telegram', step: 'qr', accountId, method: 'qr', savedAt: Date.now() });
    const el = await mount(tenant);
    await waitUntil(() => scanner(el)?.qrCode, 'no QR code');
    expect(heading(el)).to.equal('Link Telegram');
    expect(scanner(el)!.accountId).to.equal(accountId);
    expect(scanner(el)!.qrCode).to.equal((await tenant.attempt('telegram'))!.qr_code);
    const connects = (await tenant.requests()).filter((request) => request.path.endsWith('/connect'));
    expect(connects).to.have.length(1);
    // Taken: a second reload without a new hide starts over.
    expect(sessionStorage.getItem(KEY)).to.equal(null);
    await expect(el).to.be.accessible();

    const connected = oneEvent(el, 'inbox-connected');
    await tenant.scan(accountId);
    expect(((await connected) as CustomEvent<ConnectedDetail>).detail.channel.type).to.equal('telegram');
  });

  it('comes back to the pairing code, and links once it is typed on the phone', async () => {
    const start = await api<{ account_id: string; pairing_code: string }>(
      tenant,
      'channels/whatsapp/pairing-code',
      {
        phone_number: '+966501234567',
      },
    );
    keep({
      channel: 'whatsapp',
      step: 'qr',
      accountId: start.account_id,
      method: 'phone',
      savedAt: Date.now(),
    });
    const el = await mount(tenant);
    await waitUntil(
      () =>
        text(shadow(scanner(el)!).querySelector('[part="code"] .code')).startsWith(
          start.pairing_code.slice(0, 4),
        ),
      'the pairing code did not come back',
    );
    expect(scanner(el)!.currentMethod).to.equal('phone');
    await expect(el).to.be.accessible();
    const connected = oneEvent(el, 'inbox-connected');
    await tenant.control('POST', 'pair', { account_id: start.account_id, code: start.pairing_code });
    expect(((await connected) as CustomEvent<ConnectedDetail>).detail.channel.username).to.equal(
      '+966501234567',
    );
  });

  it("comes back to Instagram's code step, and the code links the account", async () => {
    const challenge = await api<{ account_id: string; checkpoint_type: string }>(
      tenant,
      'channels/instagram/connect',
      {
        username: 'shop.example',
        password: 'secret',
      },
    );
    keep({
      channel: 'instagram',
      step: 'verify',
      accountId: challenge.account_id,
      checkpoint: challenge.checkpoint_type,
      savedAt: Date.now(),
    });
    const el = await mount(tenant);
    const verify = await waitUntil(
      () => shadow(el).querySelector('[part="instagram-2fa"]'),
      'no code step',
    ).then(() => shadow(el).querySelector('[part="instagram-2fa"]')!);
    const input = await waitUntil(() => shadow(verify).querySelector('input'), 'no code field').then(() =>
      shadow(verify).querySelector<HTMLInputElement>('input')!,
    );
    input.focus();
    await sendKeys({ type: '123456' });
    const connected = oneEvent(el, 'inbox-connected');
    await sendKeys({ press: 'Enter' });
    expect(((await connected) as CustomEvent<ConnectedDetail>).detail.channel.type).to.equal('instagram');
  });

  it('abandons an attempt kept too long ago at the backend, and starts at the picker', async () => {
    const { account_id: accountId } = await api<{ account_id: string }>(tenant, 'channels/whatsapp/connect');
    keep({ channel: 'whatsapp', step: 'qr', accountId, method: 'qr', savedAt: Date.now() - 60 * 60_000 });
    const el = await mount(tenant);
    expect(heading(el)).to.equal('Link a messaging account');
    await waitUntil(
      async () => (await disconnectCalls(tenant)).length === 1,
      'the stale attempt was not abandoned',
    );
    expect((await disconnectCalls(tenant))[0]?.path).to.equal(
      `/api/v1/channels/whatsapp/disconnect?account_id=${accountId}`,
    );
    expect(sessionStorage.getItem(KEY)).to.equal(null);
  });

  for (const [name, kept] of [
    ['not JSON', '{"channel": "whatsapp", '],
    ['a number', '42'],
    ['an unknown channel', { channel: 'fax', step: 'qr', accountId: 'wa_1', savedAt: Date.now() }],
    [
      'an account id that is not a string',
      { channel: 'whatsapp', step: 'qr', accountId: 7, savedAt: Date.now() },
    ],
    ['no time', { channel: 'whatsapp', step: 'qr', accountId: 'wa_1' }],
    ['a channel this element does not offer', { channel: 'max', step: 'phone', savedAt: Date.now() }],
  ] as const) {
    it(`starts at the picker when what was kept is ${name}`, async () => {
      keep(kept);
      const el = await mount(tenant);
      expect(heading(el)).to.equal('Link a messaging account');
      expect(scanner(el)).to.equal(null);
      expect(sessionStorage.getItem(KEY)).to.equal(null);
    });
  }

  it('abandons the resumed attempt when the user goes back to another channel', async () => {
    const { account_id: accountId } = await api<{ account_id: string }>(tenant, 'channels/whatsapp/connect');
    keep({ channel: 'whatsapp', step: 'qr', accountId, method: 'qr', savedAt: Date.now() });
    const el = await mount(tenant);
    await waitUntil(() => scanner(el)?.qrCode, 'no QR code');
    (shadow(el).querySelector('.back') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(async () => (await disconnectCalls(tenant)).length === 1, 'not abandoned');
    expect((await tenant.attempt('whatsapp'))!.state).to.equal('failed');
    fixtureCleanup();
  });

  it("does not resume another identity's step, and leaves it where it was", async () => {
    const other = new SandboxTenant();
    const othersStep = JSON.stringify({ channel: 'whatsapp', step: 'phone', savedAt: Date.now() });
    sessionStorage.setItem(linkingKeyOf(other), othersStep);
    try {
      const el = await mount(tenant);
      expect(heading(el)).to.equal('Link a messaging account');
      expect(scanner(el)).to.equal(null);
      expect(sessionStorage.getItem(linkingKeyOf(other))).to.equal(othersStep);
    } finally {
      sessionStorage.removeItem(linkingKeyOf(other));
    }
  });

  it('forgets every kept step on signOut()', async () => {
    const other = new SandboxTenant();
    keep({ channel: 'whatsapp', step: 'qr', accountId: 'wa_1', method: 'qr', savedAt: Date.now() });
    sessionStorage.setItem(
      linkingKeyOf(other),
      JSON.stringify({ channel: 'telegram', step: 'phone', savedAt: 1 }),
    );
    sessionStorage.setItem('host-own-key', 'kept');
    await signOut();
    expect(sessionStorage.getItem(KEY)).to.equal(null);
    expect(sessionStorage.getItem(linkingKeyOf(other))).to.equal(null);
    expect(sessionStorage.getItem('host-own-key')).to.equal('kept');
    sessionStorage.removeItem('host-own-key');
  });
});

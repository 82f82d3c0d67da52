import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import { servicesFor, type InboxServices } from '../../src/config/services.js';
import '../../src/elements/qr-scanner/qr-scanner.js';
import type { QrScanner } from '../../src/elements/qr-scanner/qr-scanner.component.js';
import type { QrCodeLifetimes } from '../../src/controllers/qr-lifetimes.js';
import type { ConnectedDetail, ConnectFailedDetail, ManageRequestDetail } from '../../src/events/index.js';
import { delay, waitUntil } from '../helpers/async.js';
import '../helpers/lit-warnings.js';
import { trackPageFetches, type PageFetches } from '../helpers/page-fetches.js';
import { decodeQrSvg } from '../helpers/qr.js';
import { fastTimings, SandboxTenant, type LoggedRequest } from '../helpers/sandbox.js';

const STATUS_PATH = (channel: string) => `/api/v1/channels/${channel}/status`;
const CONNECT_PATH = (channel: string) => `/api/v1/channels/${channel}/connect`;

/** Poll period of the mounted elements, so that "no more requests" needs a short wait only. */
const FAST_POLL_MS = 300;

/** Long enough for a request to have been made, had the element kept polling. */
const NO_POLL_WINDOW_MS = 5 * FAST_POLL_MS;

function part(el: QrScanner, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

function text(node: Element | null | undefined): string {
  return node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function qrImage(el: QrScanner): SVGSVGElement | null {
  return el.shadowRoot!.querySelector<SVGSVGElement>('[part~="qr"] svg');
}

function liveRegion(el: QrScanner): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('[aria-live="polite"]')!;
}

function buttons(el: QrScanner): HTMLButtonElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')];
}

function button(el: QrScanner, label: string): HTMLButtonElement {
  const found = buttons(el).find((candidate) => text(candidate) === label);
  if (!found) throw new Error(`no "${label}" button among: ${buttons(el).map(text).join(' | ')}`);
  return found;
}

/** The sandbox also logs each answer's status (`null` while unanswered or when dropped). */
type LoggedCall = LoggedRequest & { status: number | null };

async function requestsTo(tenant: SandboxTenant, path: string): Promise<LoggedCall[]> {
  const log = (await tenant.requests()) as LoggedCall[];
  return log.filter((request) => request.path.split('?')[0] === path);
}

/**
 * Fails when the page starts a call to `path` within the next `ms`. An element that stopped shows it
 * only by silence, so this watches a stretch of several poll periods on the page's own timers, counting
 * calls as the page starts them: a slow machine can only make the stretch longer, never add a call.
 */
async function expectNoCallsTo(fetches: PageFetches, path: string, ms = NO_POLL_WINDOW_MS): Promise<void> {
  const before = fetches.started;
  await delay(ms);
  const started = fetches.urls.slice(before).filter((url) => new URL(url, location.href).pathname === path);
  expect(started, `calls to ${path} started`).to.deep.equal([]);
}

interface MountOptions {
  channel?: string;
  socket?: boolean;
  pollInterval?: number;
  codeLifetimes?: QrCodeLifetimes;
  finishTimeout?: number;
}

/** Mounts an element; the properties are set before it connects, so its first poll uses them. */
async function mount(
  tenant: SandboxTenant,
  { channel = 'whatsapp', socket = false, ...properties }: MountOptions = {},
): Promise<QrScanner> {
  const el = document.createElement('qr-scanner');
  Object.assign(el, { pollInterval: FAST_POLL_MS, ...properties });
  el.baseUrl = tenant.baseUrl;
  el.apiKey = tenant.apiKey;
  if (socket) el.socketUrl = tenant.socketUrl;
  el.setAttribute('channel', channel);
  return fixture<QrScanner>(html`${el}`);
}

/** The services an element with these attributes shares (one per configuration). */
function sharedServices(tenant: SandboxTenant, socket = false): InboxServices {
  return servicesFor({
    baseUrl: tenant.baseUrl,
    apiKey: tenant.apiKey,
    ...(socket ? { socketUrl: tenant.socketUrl } : {}),
  })!;
}

async function codeShown(el: QrScanner, timeout = 8000): Promise<string> {
  await waitUntil(() => el.phase === 'waiting' && qrImage(el) !== null, 'no QR code shown', { timeout });
  return el.qrCode!;
}

describe('<qr-scanner>', () => {
  let tenant: SandboxTenant;

  let fetches: PageFetches;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
    fetches = trackPageFetches();
  });

  afterEach(() => {
    fetches.restore();
    Reflect.deleteProperty(document, 'visibilityState');
  });

  it('shows a spinner and says it is getting a code while the first code is fetched', async () => {
    await tenant.scenario({ failures: [{ method: 'POST', path: CONNECT_PATH('whatsapp'), delay_ms: 1500 }] });
    const el = await mount(tenant);
    expect(el.phase).to.equal('starting');
    expect(text(part(el, 'status'))).to.equal('Getting a QR code…');
    expect(part(el, 'qr')!.querySelector('.spinner')).to.exist;
    expect(qrImage(el)).to.equal(null);
    await expect(el).to.be.accessible();
    await codeShown(el);
  });

  it('draws the current code as an SVG that decodes to exactly the backend string', async () => {
    const el = await mount(tenant);
    const shown = await codeShown(el);
    const attempt = await tenant.attempt('whatsapp');
    expect(attempt?.qr_code).to.equal(shown);
    expect(el.accountId).to.equal(attempt?.account_id);

    const image = qrImage(el)!;
    expect(await decodeQrSvg(image)).to.equal(shown);
    expect(image.getAttribute('role')).to.equal('img');
    expect(image.getAttribute('shape-rendering')).to.equal('crispEdges');
    expect(image.querySelectorAll('path')).to.have.length(1);
    // A 4-module quiet zone around a symbol of 21 + 4n modules.
    const [, , width, height] = image.getAttribute('viewBox')!.split(' ').map(Number);
    expect(width).to.equal(height);
    expect((width - 8 - 21) % 4).to.equal(0);
    expect(image.querySelector('rect')!.getAttribute('fill')).to.equal('#ffffff');
    // Rendered as it is: never a link.
    expect(el.shadowRoot!.querySelector('a')).to.equal(null);

    await waitUntil(
      () => image.getAttribute('aria-label') === 'WhatsApp QR code 1 of 3',
      'label has no count',
    );
    expect(text(part(el, 'status'))).to.match(/^Code 1 of 3 · Expires in [1-3] s$/);
    const steps = text(part(el, 'steps'));
    for (const step of ['Open WhatsApp', 'Settings', 'Linked devices', 'Link a device', 'Point your phone']) {
      expect(steps).to.contain(step);
    }
    expect(text(liveRegion(el))).to.equal('WhatsApp QR code ready. Scan it with your phone.');
    await expect(el).to.be.accessible();
  });

  it('keeps the code black on white, and decodable, in the dark theme', async () => {
    const el = await mount(tenant);
    el.theme = 'dark';
    const shown = await codeShown(el);
    expect(getComputedStyle(part(el, 'qr')!).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(await decodeQrSvg(qrImage(el)!)).to.equal(shown);
  });

  it('counts the time left down each second', async () => {
    await tenant.scenario({ timings: { ...fastTimings, whatsappFirstQrMs: 10_000 } });
    const el = await mount(tenant);
    await codeShown(el);
    const seconds = () => Number(/Expires in (\d+) s/.exec(text(part(el, 'status')))?.[1]);
    await waitUntil(() => seconds() <= 9, 'no countdown from qr_expires_at', { timeout: 3000 });
    const before = seconds();
    const startedAt = performance.now();
    await waitUntil(() => seconds() <= before - 2, 'the countdown stopped', { timeout: 5000 });
    // Two steps down take more than one second: it counts seconds, not polls or frames.
    expect(performance.now() - startedAt).to.be.above(1000);
  });

  it('replaces the image when the backend rotates the code', async () => {
    await tenant.scenario({ timings: { ...fastTimings, whatsappFirstQrMs: 1500 } });
    const el = await mount(tenant);
    const first = await codeShown(el);
    await waitUntil(() => el.qrCode !== null && el.qrCode !== first, 'the code did not rotate', {
      timeout: 8000,
    });
    const second = el.qrCode!;
    expect((await tenant.attempt('whatsapp'))?.qr_index).to.be.at.least(2);
    expect(await decodeQrSvg(qrImage(el)!)).to.equal(second);
    expect(qrImage(el)!.getAttribute('aria-label')).to.match(/^WhatsApp QR code [23] of 3$/);
    expect(text(liveRegion(el))).to.match(/^New WhatsApp QR code, [23] of 3\.$/);
  });

  it('keeps the code fresh with new attempts when the status does not carry codes, then expires', async () => {
    // Read to the letter (docs/providers.md#qr-attempt-status), the status never says that the backend's code rotated.
    await tenant.scenario({
      status_extensions: false,
      timings: { ...fastTimings, whatsappFirstQrMs: 2500, whatsappNextQrMs: 2500 },
    });
    const el = await mount(tenant, { codeLifetimes: { firstMs: 2500, nextMs: 2500, count: 2 } });
    const first = await codeShown(el);
    const firstAccount = el.accountId;
    expect(qrImage(el)!.getAttribute('aria-label')).to.equal('WhatsApp QR code 1 of 2');

    await waitUntil(() => el.qrCode !== null && el.qrCode !== first, 'the code was not renewed', {
      timeout: 8000,
    });
    const renewed = el.qrCode!;
    const attempt = await tenant.attempt('whatsapp');
    expect(el.accountId).to.equal(attempt?.account_id);
    expect(el.accountId).not.to.equal(firstAccount);
    expect(attempt?.qr_code).to.equal(renewed);
    expect(await decodeQrSvg(qrImage(el)!)).to.equal(renewed);
    expect(qrImage(el)!.getAttribute('aria-label')).to.equal('WhatsApp QR code 2 of 2');
    expect(text(liveRegion(el))).to.equal('New WhatsApp QR code, 2 of 2.');
    const abandoned = (await tenant.state()).attempts.find((each) => each.account_id === firstAccount);
    expect(abandoned?.state).to.equal('failed');

    await waitUntil(() => el.phase === 'expired', 'the last code did not expire', { timeout: 8000 });
    await el.updateComplete;
    expect(buttons(el).map(text)).to.deep.equal(['New code']);
    expect(await requestsTo(tenant, CONNECT_PATH('whatsapp'))).to.have.length(2);
  });

  it('does not renew a code under a scan that is still finishing, when the status does not carry codes', async () => {
    await tenant.scenario({
      status_extensions: false,
      timings: { ...fastTimings, whatsappFirstQrMs: 3000, whatsappNextQrMs: 3000, scanToCompleteMs: 6000 },
    });
    const el = await mount(tenant, { codeLifetimes: { firstMs: 3000, nextMs: 3000, count: 3 } });
    await codeShown(el);
    const connected = oneEvent(el, 'inbox-connected');
    await tenant.scan(el.accountId!);
    await waitUntil(() => el.phase === 'scanned', 'the scan was not noticed', { timeout: 8000 });
    await connected;
    expect(await requestsTo(tenant, CONNECT_PATH('whatsapp'))).to.have.length(1);
  });

  it('neither redraws nor re-announces a code that the auth room repeats', async () => {
    await tenant.scenario({ timings: { ...fastTimings, whatsappFirstQrMs: 8000 } });
    const el = await mount(tenant, { socket: true });
    const shown = await codeShown(el);
    await waitUntil(() => qrImage(el)!.getAttribute('aria-label') === 'WhatsApp QR code 1 of 3', 'no count');
    const socket = sharedServices(tenant, true).socket!;
    await waitUntil(() => socket.state.get() === 'open', 'socket not open');

    // Listen to the very room the element listens to (the adapter shares one channel per topic).
    const frames: unknown[] = [];
    const room = socket.join(`room:v1:whats_app:auth:${el.accountId}`, {
      auth_state: (payload) => frames.push(payload),
    });
    const mutations: MutationRecord[] = [];
    const observer = new MutationObserver((records) => mutations.push(...records));
    observer.observe(part(el, 'qr')!, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    observer.observe(liveRegion(el), { subtree: true, childList: true, characterData: true });
    await waitUntil(() => frames.length >= 5, 'the room went quiet', { timeout: 5000 });
    await el.updateComplete;
    observer.disconnect();
    room.leave();

    expect(frames.every((frame) => (frame as { qr_code: unknown }).qr_code === shown)).to.equal(true);
    expect(mutations).to.have.length(0);
    expect(el.qrCode).to.equal(shown);
    expect(qrImage(el)!.getAttribute('aria-label')).to.equal('WhatsApp QR code 1 of 3');
  });

  it('shows the scan, then the linked account, and announces both', async function () {
    this.timeout(30000);
    await tenant.scenario({ timings: { ...fastTimings, whatsappFirstQrMs: 20_000, scanToCompleteMs: 3000 } });
    const el = await mount(tenant);
    await codeShown(el);
    const connected = oneEvent<CustomEvent<ConnectedDetail>>(el, 'inbox-connected');
    await tenant.control('POST', 'scan', { account_id: el.accountId, username: '+966501234567' });

    await waitUntil(() => el.phase === 'scanned', 'scan not seen', { timeout: 5000 });
    expect(text(part(el, 'status'))).to.equal('Scanned — finishing on your phone…');
    expect(text(liveRegion(el))).to.equal('Scanned — finishing on your phone…');
    await expect(el).to.be.accessible();

    const { detail } = await connected;
    expect(detail.channel).to.include({ type: 'whatsapp', username: '+966501234567', is_connected: true });
    expect(detail.channel.id).to.be.a('number');
    const linked = (await tenant.state()).channels.find((channel) => channel.type === 'whatsapp');
    expect(detail.channel.id).to.equal(linked?.id);
    await el.updateComplete;
    expect(el.phase).to.equal('connected');
    expect(text(part(el, 'status'))).to.contain('WhatsApp is linked as +966501234567.');
    expect(text(liveRegion(el))).to.equal('WhatsApp is linked as +966501234567.');
    expect(sharedServices(tenant).channels.channels.get()[String(detail.channel.id)]).to.deep.equal(
      detail.channel,
    );
    expect(qrImage(el)).to.equal(null);
    await expect(el).to.be.accessible();

    // Polling stopped with success.
    await expectNoCallsTo(fetches, STATUS_PATH('whatsapp'));
  });

  it('gives up with "Try again" when a scanned code never finishes linking', async () => {
    await tenant.scenario({
      timings: { ...fastTimings, whatsappFirstQrMs: 30_000, scanToCompleteMs: 600_000 },
    });
    const el = await mount(tenant, { finishTimeout: 2000 });
    await codeShown(el);
    const failed = sinon.spy();
    el.addEventListener('inbox-connect-failed', failed);
    await tenant.scan(el.accountId!);
    await waitUntil(() => el.phase === 'scanned', 'scan not seen', { timeout: 5000 });

    await waitUntil(() => el.phase === 'error', 'still finishing', { timeout: 8000 });
    await el.updateComplete;
    const message = 'WhatsApp did not finish linking. Try again with a new code.';
    expect(failed.callCount).to.equal(1);
    expect((failed.firstCall.args[0] as CustomEvent<ConnectFailedDetail>).detail).to.deep.equal({
      reason: 'timeout',
      message,
    });
    expect(text(part(el, 'status'))).to.equal(message);
    expect(text(liveRegion(el))).to.equal(message);
    expect(part(el, 'qr')).to.equal(null);
    await expect(el).to.be.accessible();

    await expectNoCallsTo(fetches, STATUS_PATH('whatsapp'));

    button(el, 'Try again').click();
    await codeShown(el);
    expect(await requestsTo(tenant, CONNECT_PATH('whatsapp'))).to.have.length(2);
  });

  it('says the code expired once every code was used, and "New code" starts a new attempt', async () => {
    await tenant.scenario({
      timings: { ...fastTimings, whatsappFirstQrMs: 1000, whatsappNextQrMs: 1000, whatsappQrCount: 2 },
    });
    const el = await mount(tenant);
    await codeShown(el);
    const firstAccount = el.accountId;
    const failed = await oneEvent<CustomEvent<ConnectFailedDetail>>(el, 'inbox-connect-failed');
    expect(failed.detail).to.deep.equal({ reason: 'qr-expired', message: 'This code expired.' });
    await el.updateComplete;
    expect(el.phase).to.equal('expired');
    expect(text(part(el, 'status'))).to.contain('This code expired.');
    expect(text(liveRegion(el))).to.equal('This code expired.');
    // As in WhatsApp Web the expired code stays, blurred, under the reload button; it is no longer an image to announce.
    const stale = qrImage(el)!;
    expect(stale.getAttribute('aria-hidden')).to.equal('true');
    expect(stale.hasAttribute('role')).to.equal(false);
    expect(getComputedStyle(stale).filter).to.contain('blur');
    expect(el.shadowRoot!.querySelector('[role="img"]')).to.equal(null);
    const reload = button(el, 'New code');
    expect(part(el, 'qr')!.contains(reload)).to.equal(true);
    expect(buttons(el).map(text)).to.deep.equal(['New code']);
    await expect(el).to.be.accessible();

    await expectNoCallsTo(fetches, STATUS_PATH('whatsapp'));

    button(el, 'New code').click();
    await codeShown(el);
    expect(el.accountId).not.to.equal(firstAccount);
    expect(await requestsTo(tenant, CONNECT_PATH('whatsapp'))).to.have.length(2);
    expect((await tenant.attempt('whatsapp'))?.qr_code).to.equal(el.qrCode);
  });

  it('moves focus to "New code" when the code expires while nothing has focus', async () => {
    await tenant.scenario({ timings: { ...fastTimings, whatsappFirstQrMs: 500, whatsappQrCount: 1 } });
    const el = await mount(tenant);
    (document.activeElement as HTMLElement | null)?.blur();
    await waitUntil(() => el.phase === 'expired', 'did not expire', { timeout: 8000 });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(button(el, 'New code'));
  });

  it('can be completed with the keyboard alone: Tab to "New code", press Enter', async function () {
    this.timeout(30000);
    await tenant.scenario({ timings: { ...fastTimings, whatsappFirstQrMs: 500, whatsappQrCount: 1 } });
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <button type="button" id="before">Before</button>
        <qr-scanner base-url=${tenant.baseUrl} api-key=${tenant.apiKey} channel="whatsapp"></qr-scanner>
      </div>`,
    );
    const el = wrapper.querySelector('qr-scanner')!;
    const before = wrapper.querySelector<HTMLButtonElement>('#before')!;
    before.focus();
    await waitUntil(() => el.phase === 'expired', 'did not expire', { timeout: 8000 });
    await el.updateComplete;
    // The user is somewhere else: their focus is not taken.
    expect(document.activeElement).to.equal(before);

    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(button(el, 'New code'));
    await sendKeys({ press: 'Enter' });
    await codeShown(el);
    expect(await requestsTo(tenant, CONNECT_PATH('whatsapp'))).to.have.length(2);
    // Focus stays in the element rather than falling back to the page.
    expect(document.activeElement).to.equal(el);
  });

  it('offers to manage the linked account after a 409', async () => {
    await tenant.addChannel({ type: 'whatsapp', username: '+966500000000' });
    const el = await mount(tenant);
    const failed = await oneEvent<CustomEvent<ConnectFailedDetail>>(el, 'inbox-connect-failed');
    expect(failed.detail).to.deep.equal({
      reason: 'conflict',
      message: 'This WhatsApp account is already linked.',
    });
    await el.updateComplete;
    expect(el.phase).to.equal('error');
    expect(text(part(el, 'status'))).to.equal(
      'This WhatsApp account is already linked. Open it to reconnect it, or disconnect it first and then link again.',
    );
    expect(text(liveRegion(el))).to.equal('This WhatsApp account is already linked.');
    await expect(el).to.be.accessible();
    // "Try again" could only meet the same linked account.
    expect(buttons(el).map(text)).to.deep.equal(['Open the linked account']);

    const manage = button(el, 'Open the linked account');
    const requested = oneEvent<CustomEvent<ManageRequestDetail>>(el, 'inbox-manage-request');
    manage.click();
    const request = await requested;
    expect(request.detail).to.deep.equal({ channel: 'whatsapp' });
    // Nothing happens by default that a host could veto: a plain notification.
    expect(request.cancelable).to.equal(false);
    expect(request.bubbles).to.equal(true);
    expect(request.composed).to.equal(true);
  });

  it('keeps the code and polling through server and network errors, with a notice', async function () {
    this.timeout(30000);
    await tenant.scenario({ timings: { ...fastTimings, whatsappFirstQrMs: 30_000 } });
    const el = await mount(tenant);
    const shown = await codeShown(el);
    await waitUntil(() => qrImage(el)!.getAttribute('aria-label')?.endsWith('of 3'), 'no first poll');
    // The client repeats a failed read twice itself; three failures in a row reach the element.
    await tenant.scenario({
      failures: [
        { method: 'GET', path: STATUS_PATH('whatsapp'), status: 503, times: 3 },
        { method: 'GET', path: STATUS_PATH('whatsapp'), drop: true, times: 3 },
      ],
    });
    await waitUntil(() => part(el, 'status')!.querySelector('.notice'), 'no notice', { timeout: 8000 });
    expect(text(part(el, 'status')!.querySelector('.notice'))).to.contain('Still trying');
    expect(text(liveRegion(el))).to.contain('Still trying');
    expect(el.phase).to.equal('waiting');
    expect(el.qrCode).to.equal(shown);

    await waitUntil(() => !part(el, 'status')!.querySelector('.notice'), 'never recovered', {
      timeout: 20000,
    });
    expect(el.phase).to.equal('waiting');
    expect(el.qrCode).to.equal(shown);
    const statuses = (await requestsTo(tenant, STATUS_PATH('whatsapp'))).map((request) => request.status);
    expect(statuses.filter((status) => status === 503)).to.have.length(3);
    expect(statuses.at(-1)).to.equal(200);
  });

  it('waits Retry-After seconds after a 429 before polling again', async () => {
    await tenant.scenario({ timings: { ...fastTimings, whatsappFirstQrMs: 30_000 } });
    const el = await mount(tenant);
    await codeShown(el);
    await waitUntil(() => qrImage(el)!.getAttribute('aria-label')?.endsWith('of 3'), 'no first poll');
    // The client itself repeats the read twice, each time after Retry-After.
    await tenant.scenario({
      failures: [{ method: 'GET', path: STATUS_PATH('whatsapp'), retry_after: 2, times: 3 }],
    });
    await waitUntil(() => part(el, 'status')!.querySelector('.notice'), 'no notice', { timeout: 10000 });
    expect(text(part(el, 'status')!.querySelector('.notice'))).to.contain('Try again in 2 seconds');
    await waitUntil(
      async () => {
        const statuses = (await requestsTo(tenant, STATUS_PATH('whatsapp'))).map((request) => request.status);
        return statuses.lastIndexOf(200) > statuses.lastIndexOf(429);
      },
      'never polled again',
      { timeout: 10000 },
    );

    const log = await requestsTo(tenant, STATUS_PATH('whatsapp'));
    const last429 = log.map((request) => request.status).lastIndexOf(429);
    const gap = Date.parse(log[last429 + 1].time) - Date.parse(log[last429].time);
    expect(gap).to.be.at.least(1900);
    expect(el.phase).to.equal('waiting');
  });

  it('stops with the sentence and no retry on a 401', async () => {
    await tenant.scenario({
      failures: [{ method: 'GET', path: STATUS_PATH('whatsapp'), status: 401, times: -1 }],
    });
    const el = await mount(tenant);
    const failed = await oneEvent<CustomEvent<ConnectFailedDetail>>(el, 'inbox-connect-failed');
    expect(failed.detail.reason).to.equal('unauthorized');
    await el.updateComplete;
    expect(text(part(el, 'status'))).to.equal('Your session has expired. Reload the page and sign in again.');
    expect(buttons(el)).to.have.length(0);
    await expectNoCallsTo(fetches, STATUS_PATH('whatsapp'));
  });

  it('shows the error with a "Try again" button when the code cannot be fetched', async () => {
    await tenant.scenario({ failures: [{ method: 'POST', path: CONNECT_PATH('whatsapp'), status: 500 }] });
    const el = await mount(tenant);
    await waitUntil(() => el.phase === 'error', 'no error');
    expect(text(part(el, 'status'))).to.equal('The service is having trouble. Try again in a moment.');
    await expect(el).to.be.accessible();
    button(el, 'Try again').click();
    await codeShown(el);
  });

  it('keeps "Try again" disabled, counting down, for the Retry-After of a 429', async () => {
    await tenant.scenario({
      failures: [{ method: 'POST', path: CONNECT_PATH('whatsapp'), retry_after: 3 }],
    });
    const el = await mount(tenant);
    await waitUntil(() => el.phase === 'error', 'no error');
    const failedAt = performance.now();
    await el.updateComplete;
    expect(text(part(el, 'status'))).to.equal('Too many attempts. Try again in 3 seconds.');
    const retry = buttons(el)[0];
    expect(buttons(el)).to.have.length(1);
    expect(retry.disabled).to.equal(true);
    expect(text(retry)).to.match(/^Try again in [1-3] s$/);
    await expect(el).to.be.accessible();
    retry.click();

    await waitUntil(() => text(retry) === 'Try again in 1 s', 'no countdown', { timeout: 5000 });
    await waitUntil(() => !retry.disabled, 'still disabled', { timeout: 5000 });
    expect(performance.now() - failedAt).to.be.at.least(1900);
    expect(text(retry)).to.equal('Try again');
    expect(text(liveRegion(el))).to.equal('You can try again now.');
    expect(await requestsTo(tenant, CONNECT_PATH('whatsapp'))).to.have.length(1);

    retry.click();
    await codeShown(el);
  });

  it('makes no request while the tab is hidden, and polls at once when it is visible again', async () => {
    await tenant.scenario({ timings: { ...fastTimings, whatsappFirstQrMs: 30_000 } });
    const el = await mount(tenant);
    await codeShown(el);
    await waitUntil(async () => (await requestsTo(tenant, STATUS_PATH('whatsapp'))).length >= 1, 'no poll');

    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    const hiddenAt = fetches.started;
    // A call already in flight may still land; the quiet stretch starts once its answer is in, and
    // counts every call started since the tab was hidden.
    await waitUntil(() => fetches.pending === 0, 'a call never landed');
    await delay(NO_POLL_WINDOW_MS);
    expect(fetches.urls.slice(hiddenAt), 'calls started while hidden').to.deep.equal([]);

    // Far longer than the wait below: only an immediate poll can be seen in time.
    el.pollInterval = 20_000;
    Reflect.deleteProperty(document, 'visibilityState');
    document.dispatchEvent(new Event('visibilitychange'));
    await waitUntil(() => fetches.started > hiddenAt, 'did not resume', { timeout: 5000 });
    expect(new URL(fetches.urls[hiddenAt], location.href).pathname).to.equal(STATUS_PATH('whatsapp'));
  });

  it('never has two status calls in flight, and reports the link once', async () => {
    const status = STATUS_PATH('whatsapp');
    // Every status call takes longer than the poll period. The first answer says linked without the
    // channel's id, so the element asks for the channel (slowest of all): a window in which a poll
    // could start, and answer first.
    const linkedWithoutId = {
      success: true,
      data: {
        id: null,
        type: 'whatsapp',
        username: '+966501234567',
        is_connected: true,
        sync_status: 'CONNECTING',
        last_synced_at: null,
        completed: true,
        in_progress: false,
      },
    };
    await tenant.scenario({
      timings: { ...fastTimings, whatsappFirstQrMs: 30_000 },
      failures: [
        { method: 'GET', path: status, status: 200, body: linkedWithoutId, delay_ms: 2000 },
        { method: 'GET', path: status, delay_ms: 3000 },
        { method: 'GET', path: status, delay_ms: 2000, times: -1 },
      ],
    });
    const el = await mount(tenant);
    const connected = sinon.spy();
    el.addEventListener('inbox-connected', connected);
    await codeShown(el);
    await tenant.scan(el.accountId!);

    const isChannelCall = (request: LoggedCall) => !request.path.includes('account_id=');
    await waitUntil(async () => (await requestsTo(tenant, status)).some(isChannelCall), 'no channel call', {
      timeout: 10000,
    });
    // The tab comes back while the channel is being fetched.
    document.dispatchEvent(new Event('visibilitychange'));

    await waitUntil(() => el.phase === 'connected', 'not linked', { timeout: 10000 });
    // Every call the page started has its answer; the channel call's answer was the one that linked.
    await waitUntil(() => fetches.pending === 0, 'a status call is still unanswered', { timeout: 10000 });
    const statusCalls = fetches.urls.filter((url) => new URL(url, location.href).pathname === status);
    expect(statusCalls).to.have.length(2);
    expect(connected.callCount).to.equal(1);
    const starts = (await requestsTo(tenant, status)).map((request) => Date.parse(request.time));
    expect(starts).to.have.length(2);
    expect(starts[1] - starts[0]).to.be.at.least(1900);
  });

  it('makes no request after it is removed, even when removed mid-poll', async () => {
    await tenant.scenario({
      timings: { ...fastTimings, whatsappFirstQrMs: 30_000 },
      failures: [{ method: 'GET', path: STATUS_PATH('whatsapp'), delay_ms: 2000, times: -1 }],
    });
    const added = sinon.spy(document, 'addEventListener');
    const removed = sinon.spy(document, 'removeEventListener');
    try {
      const el = await mount(tenant);
      await codeShown(el);
      await waitUntil(async () => (await requestsTo(tenant, STATUS_PATH('whatsapp'))).length >= 1, 'no poll');
      const inFlight = await requestsTo(tenant, STATUS_PATH('whatsapp'));
      expect(inFlight.at(-1)?.status).to.equal(null); // still being answered
      el.remove();
      const removedAt = fetches.started;
      // The call on its way settles (aborted, or answered late), then a quiet stretch of several polls.
      await waitUntil(() => fetches.pending === 0, 'the call on its way never settled');
      await delay(NO_POLL_WINDOW_MS);
      expect(fetches.urls.slice(removedAt), 'calls started after the removal').to.deep.equal([]);
      // Every page listener it added is gone.
      const visibility = (spy: sinon.SinonSpy) =>
        spy
          .getCalls()
          .filter((call) => call.args[0] === 'visibilitychange')
          .map((call) => call.args[1] as unknown);
      expect(visibility(added)).to.have.length.at.least(1);
      expect(visibility(removed)).to.have.members(visibility(added));
    } finally {
      added.restore();
      removed.restore();
    }
  });

  it('picks the attempt up again when it is moved elsewhere in the page', async () => {
    await tenant.scenario({ timings: { ...fastTimings, whatsappFirstQrMs: 1500 } });
    const el = await mount(tenant);
    const first = await codeShown(el);
    const account = el.accountId;
    const other = document.createElement('div');
    el.parentElement!.append(other);
    other.append(el);
    await waitUntil(() => el.qrCode !== first, 'did not follow the rotation after the move', {
      timeout: 8000,
    });
    expect(el.accountId).to.equal(account);
    expect(await requestsTo(tenant, CONNECT_PATH('whatsapp'))).to.have.length(1);
  });

  it('takes codes from the WhatsApp auth room while the socket is open, and links', async function () {
    this.timeout(30000);
    await tenant.scenario({ timings: { ...fastTimings, scanToCompleteMs: 1500 } });
    const el = await mount(tenant, { socket: true, pollInterval: 2500 });
    const first = await codeShown(el);
    const socket = sharedServices(tenant, true).socket!;
    await waitUntil(() => socket.state.get() === 'open', 'socket not open');
    // The status call made at once, which learns the count, is answered before the count is taken.
    await waitUntil(
      async () => {
        const calls = await requestsTo(tenant, STATUS_PATH('whatsapp'));
        return calls.length >= 1 && calls.every((call) => call.status !== null);
      },
      'the first status call was not answered',
      { timeout: 8000 },
    );
    const polls = (await requestsTo(tenant, STATUS_PATH('whatsapp'))).length;

    await waitUntil(() => el.qrCode !== null && el.qrCode !== first, 'no rotation from the room', {
      timeout: 8000,
    });
    expect(await decodeQrSvg(qrImage(el)!)).to.equal((await tenant.attempt('whatsapp'))?.qr_code);
    // The new code came from the room: no status call was made meanwhile.
    expect(await requestsTo(tenant, STATUS_PATH('whatsapp'))).to.have.length(polls);
    expect(qrImage(el)!.getAttribute('aria-label')).to.equal('WhatsApp QR code 2 of 3');

    const connected = oneEvent<CustomEvent<ConnectedDetail>>(el, 'inbox-connected');
    await tenant.control('POST', 'scan', { account_id: el.accountId, username: '+966501112222' });
    await waitUntil(() => el.phase === 'scanned', 'in_progress not seen', { timeout: 3000 });
    expect(text(part(el, 'status'))).to.equal('Scanned — finishing on your phone…');
    const { detail } = await connected;
    expect(detail.channel).to.include({ type: 'whatsapp', username: '+966501112222' });
    // `auth: true` was confirmed with one status call, which carried the channel.
    expect(await requestsTo(tenant, STATUS_PATH('whatsapp'))).to.have.length(polls + 1);
    // The room was left: the adapter closes its socket with its last topic.
    await waitUntil(() => socket.state.get() === 'idle', 'room not left');
  });

  it('leaves the auth room when it is removed', async () => {
    const el = await mount(tenant, { socket: true });
    await codeShown(el);
    const socket = sharedServices(tenant, true).socket!;
    await waitUntil(() => socket.state.get() === 'open', 'socket not open');
    el.remove();
    expect(socket.state.get()).to.equal('idle');
  });

  it('polls while the socket cannot open', async () => {
    await tenant.scenario({ timings: { ...fastTimings, whatsappFirstQrMs: 1500 } });
    const el = await fixture<QrScanner>(
      html`<qr-scanner
        base-url=${tenant.baseUrl}
        api-key=${tenant.apiKey}
        socket-url="ws://127.0.0.1:9/socket"
        channel="whatsapp"
        .pollInterval=${FAST_POLL_MS}
      ></qr-scanner>`,
    );
    const first = await codeShown(el);
    await waitUntil(() => el.qrCode !== first, 'no rotation by polling', { timeout: 8000 });
    expect(await decodeQrSvg(qrImage(el)!)).to.equal(el.qrCode);
  });

  it('links Telegram with its own steps', async function () {
    this.timeout(30000);
    await tenant.scenario({ timings: { ...fastTimings, telegramQrMs: 20_000 } });
    const el = await mount(tenant, { channel: 'telegram' });
    const shown = await codeShown(el);
    expect(shown).to.match(/^tg:\/\/login\?token=/);
    expect(await decodeQrSvg(qrImage(el)!)).to.equal(shown);
    expect(el.shadowRoot!.querySelector('a')).to.equal(null);
    await waitUntil(() => qrImage(el)!.getAttribute('aria-label') === 'Telegram QR code 1 of 3', 'no label');
    const steps = text(part(el, 'steps'));
    for (const step of ['Open Telegram', 'Settings', 'Devices', 'Link Desktop Device'])
      expect(steps).to.contain(step);
    expect(steps).not.to.contain('WhatsApp');
    await expect(el).to.be.accessible();

    const connected = oneEvent<CustomEvent<ConnectedDetail>>(el, 'inbox-connected');
    await tenant.scan(el.accountId!);
    const { detail } = await connected;
    expect(detail.channel.type).to.equal('telegram');
    expect(await requestsTo(tenant, CONNECT_PATH('whatsapp'))).to.have.length(0);
  });

  it('says it is not set up without a base-url, and makes no request', async () => {
    const el = await fixture<QrScanner>(html`<qr-scanner channel="whatsapp"></qr-scanner>`);
    expect(el.phase).to.equal('not-configured');
    expect(text(part(el, 'status'))).to.equal('This widget is not set up: it needs a base-url.');
    await expect(el).to.be.accessible();
    const failedEvent = oneEvent<CustomEvent<ConnectFailedDetail>>(el, 'inbox-connect-failed');
    el.restart();
    const failed = await failedEvent;
    expect(failed.detail.reason).to.equal('not-configured');
    expect(fetches.urls, 'calls started').to.deep.equal([]);
    expect(await tenant.requests()).to.have.length(0);
  });

  it('says it needs a channel when it has none', async () => {
    const el = await fixture<QrScanner>(
      html`<qr-scanner base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></qr-scanner>`,
    );
    expect(text(part(el, 'status'))).to.contain('it needs a channel');
    // The first call would go out once the HTTP client's chunk has loaded: only a quiet stretch shows none.
    await delay(NO_POLL_WINDOW_MS);
    expect(fetches.urls, 'calls started').to.deep.equal([]);
    expect(await tenant.requests()).to.have.length(0);
  });

  it('starts over when the channel changes', async () => {
    const el = await mount(tenant);
    await codeShown(el);
    el.channel = 'telegram';
    await waitUntil(() => el.qrCode?.startsWith('tg://') === true, 'no Telegram code');
    expect(await requestsTo(tenant, CONNECT_PATH('telegram'))).to.have.length(1);
  });
});

import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { nothing } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import '../helpers/lit-warnings.js';
import type { Channel } from '../../src/api/types.js';
import { channelsSyncName, servicesFor } from '../../src/config/services.js';
import type { AccountsList } from '../../src/elements/accounts-list/accounts-list.component.js';
import type { ChannelConnect } from '../../src/elements/channel-connect/channel-connect.component.js';
import { en } from '../../src/i18n/en.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import { delay, waitUntil } from '../helpers/async.js';
import { trackPageFetches, type PageFetches } from '../helpers/page-fetches.js';

function shadow(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function buttonByText(root: ParentNode, label: string): HTMLButtonElement {
  const buttons = [...root.querySelectorAll<HTMLButtonElement>('button')];
  const found = buttons.find((button) => text(button).startsWith(label));
  if (!found) throw new Error(`no button "${label}" among: ${buttons.map((b) => text(b)).join(' | ')}`);
  return found;
}

function rows(el: AccountsList): HTMLElement[] {
  return [...shadow(el).querySelectorAll<HTMLElement>('[part="account"]')];
}

function row(el: AccountsList, id: number): HTMLElement {
  const found = shadow(el).querySelector<HTMLElement>(`[part="account"][data-id="${id}"]`);
  if (!found) throw new Error(`no row for channel ${id}`);
  return found;
}

function badge(el: AccountsList, id: number): string {
  return text(row(el, id).querySelector('[part="badge"]'));
}

function focused(el: AccountsList): Element | null {
  return shadow(el).activeElement;
}

/** The API calls the element made, without the test's control calls. */
async function apiCalls(tenant: SandboxTenant, method?: string) {
  return (await tenant.requests()).filter(
    (request) => request.path.startsWith('/api/v1/') && (method === undefined || request.method === method),
  );
}

function patchChannel(tenant: SandboxTenant, id: number, changes: Partial<Channel>): Promise<Channel> {
  return tenant.control('PATCH', `channels/${id}`, changes);
}

async function ready(el: AccountsList): Promise<AccountsList> {
  await waitUntil(
    () => shadow(el).querySelector('[part="account"], [part="empty"]'),
    'the list did not load',
    { timeout: 8000 },
  );
  return el;
}

async function mount(
  tenant: SandboxTenant,
  options: { source?: string; channels?: string; socket?: boolean; pollInterval?: number } = {},
): Promise<AccountsList> {
  const el = await fixture<AccountsList>(
    html`<accounts-list
      base-url=${tenant.baseUrl}
      api-key=${tenant.apiKey}
      socket-url=${options.socket ? tenant.socketUrl : nothing}
      source=${options.source ?? 'list'}
      channels=${options.channels ?? 'whatsapp telegram instagram'}
      .pollInterval=${options.pollInterval ?? 30_000}
    ></accounts-list>`,
  );
  return ready(el);
}

/** A GET /channels answer that the sandbox cannot make by itself: a value docs/providers.md#sync-status does not list, a chosen time. */
function cannedList(channels: Channel[]) {
  return {
    failures: [
      {
        method: 'GET',
        path: '/api/v1/channels',
        status: 200,
        body: { success: true, data: channels },
      },
    ],
  };
}

async function pressUntilFocused(el: AccountsList, selector: string, key = 'Tab'): Promise<HTMLElement> {
  for (let presses = 0; presses < 20; presses++) {
    const active = focused(el);
    if (active instanceof HTMLElement && active.matches(selector)) return active;
    await sendKeys({ press: key });
  }
  throw new Error(`${key} never reached ${selector}; focus is on ${focused(el)?.outerHTML ?? 'nothing'}`);
}

/** The channel-connect a panel nests, once its code (fetched when the panel opens) has arrived. */
async function nestedConnect(root: ParentNode): Promise<ChannelConnect> {
  await waitUntil(() => root.querySelector('channel-connect'), 'the linking steps never loaded');
  const connect = root.querySelector<ChannelConnect>('channel-connect')!;
  await connect.updateComplete;
  return connect;
}

describe('<accounts-list>', () => {
  let tenant: SandboxTenant;
  let fetches: PageFetches | undefined;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  afterEach(() => {
    fetches?.restore();
    fetches = undefined;
  });

  it('shows a loading state, then every account grouped by type', async () => {
    const wa1 = await tenant.addChannel({ type: 'whatsapp', username: '+966500000001' });
    const wa2 = await tenant.addChannel({ type: 'whatsapp', username: '+966500000002' });
    const ig = await tenant.addChannel({ type: 'instagram', username: 'brand' });
    await tenant.scenario({ failures: [{ method: 'GET', path: '/api/v1/channels', delay_ms: 600 }] });
    const el = await fixture<AccountsList>(
      html`<accounts-list base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></accounts-list>`,
    );
    const loading = shadow(el).querySelector('[part="status"][role="status"]');
    expect(text(loading)).to.equal(en.accountsLoading);
    expect(shadow(el).querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();

    await ready(el);
    const groups = [...shadow(el).querySelectorAll('.group-heading')].map(text);
    expect(groups).to.deep.equal(['WhatsApp · 2 accounts', 'Instagram · 1 account']);
    expect(rows(el).map((item) => Number(item.dataset.id))).to.deep.equal([wa1.id, wa2.id, ig.id]);
    expect(text(row(el, wa2.id))).to.contain('+966500000002');
    expect(text(row(el, wa1.id).querySelector('.synced'))).to.match(/^Last synced (now|\d seconds? ago)$/);
    expect(row(el, wa1.id).querySelector('time')!.getAttribute('datetime')).to.equal(wa1.last_synced_at);
    await expect(el).to.be.accessible();
  });

  it('says what each sync status means and offers reconnect where it helps', async () => {
    const expected = {
      OK: ['Healthy', 'Connected and working.', false],
      CONNECTING: ['Connecting', 'being set up', false],
      SYNC_SUCCESS: ['Synced', 'up to date', false],
      CREDENTIALS: ['Password changed', 'password was changed. Reconnect', true],
      ERROR: ['Error', 'Refresh it; if that does not help, reconnect it.', true],
      STOPPED: ['Paused', 'paused and receives no messages', true],
      CREATION_FAIL: ['Linking failed', 'QR code did not complete', true],
    } as const;
    const ids: Record<string, number> = {};
    for (const status of Object.keys(expected)) {
      ids[status] = (await tenant.addChannel({ type: 'telegram', sync_status: status })).id;
    }
    const inactive = await tenant.addChannel({ type: 'instagram', sync_status: 'OK', is_connected: false });
    const el = await mount(tenant);

    for (const [status, [label, advice, reconnect]] of Object.entries(expected)) {
      const item = row(el, ids[status]);
      expect(badge(el, ids[status]), status).to.equal(label);
      expect(text(item.querySelector('.advice')), status).to.contain(advice);
      expect(item.dataset.tone, status).to.be.a('string');
      expect(Boolean(item.querySelector('.reconnect')), `${status} reconnect`).to.equal(reconnect);
      expect(item.querySelector('.refresh'), status).to.exist;
      expect(item.querySelector('.disconnect'), status).to.exist;
    }
    expect(text(row(el, inactive.id))).to.contain(en.accountsNotActive);
    expect(row(el, inactive.id).querySelector('.reconnect')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows a status it does not know as unknown, without breaking', async () => {
    await tenant.scenario(
      cannedList([
        {
          id: 990001,
          type: 'whatsapp',
          username: '+966500000009',
          is_connected: true,
          sync_status: 'MIGRATING',
          last_synced_at: null,
        },
      ]),
    );
    const el = await mount(tenant);
    expect(badge(el, 990001)).to.equal('Unknown status');
    expect(text(row(el, 990001).querySelector('.advice'))).to.contain('“MIGRATING”');
    expect(row(el, 990001).dataset.tone).to.equal('unknown');
    expect(row(el, 990001).querySelector('.reconnect')).to.exist;
    expect(text(row(el, 990001).querySelector('.synced'))).to.equal(en.accountsNeverSynced);
    await expect(el).to.be.accessible();
  });

  it('refreshes one account with progress, shows the result and tells the host', async () => {
    await tenant.scenario({ multiple_accounts: true });
    const older = await tenant.addChannel({ type: 'whatsapp', sync_status: 'ERROR' });
    await tenant.addChannel({ type: 'whatsapp' });
    const el = await mount(tenant);
    await tenant.scenario({
      failures: [{ method: 'POST', path: '/api/v1/channels/whatsapp/refresh', delay_ms: 400 }],
    });

    const refreshed = oneEvent(el, 'inbox-refreshed');
    const button = row(el, older.id).querySelector<HTMLButtonElement>('.refresh')!;
    button.click();
    await el.updateComplete;
    expect(text(button)).to.contain(en.accountsRefreshing);
    expect(button.getAttribute('aria-busy')).to.equal('true');
    expect(button.getAttribute('aria-disabled')).to.equal('true');

    const { detail } = await refreshed;
    expect(detail.channel.id).to.equal(older.id);
    await el.updateComplete;
    const message = row(el, older.id).querySelector('[part="message"]')!;
    expect(message.getAttribute('role')).to.equal('status');
    expect(text(message)).to.equal('Refreshed. Status: Error.');
    expect(text(button)).to.contain(en.accountsRefresh);
    const [call] = await apiCalls(tenant, 'POST');
    expect(call).to.include({ path: '/api/v1/channels/whatsapp/refresh', status: 200 });
    expect(call.body).to.deep.equal({ id: older.id });
  });

  it('explains a failed refresh and retries it', async () => {
    const channel = await tenant.addChannel({ type: 'instagram', username: 'brand', sync_status: 'ERROR' });
    const el = await mount(tenant);
    await tenant.scenario({
      failures: [{ method: 'POST', path: '/api/v1/channels/instagram/refresh', status: 503 }],
    });
    const failed = oneEvent(el, 'inbox-action-failed');
    row(el, channel.id).querySelector<HTMLButtonElement>('.refresh')!.click();
    const { detail } = await failed;
    expect(detail).to.include({ action: 'refresh', reason: 'server', message: en.errorServer });
    expect(detail.channel.id).to.equal(channel.id);
    await el.updateComplete;
    const message = row(el, channel.id).querySelector('[part="message"]')!;
    expect(message.getAttribute('role')).to.equal('alert');
    expect(text(message)).to.contain(en.errorServer);
    await waitUntil(() => focused(el)?.matches('.retry'), 'the retry button did not get the focus');
    await expect(el).to.be.accessible();

    const refreshed = oneEvent(el, 'inbox-refreshed');
    (focused(el) as HTMLButtonElement).click();
    await refreshed;
    await el.updateComplete;
    expect(text(row(el, channel.id).querySelector('[part="message"]'))).to.equal('Refreshed. Status: Error.');
  });

  it('disconnects after a confirmation that names the account; 204 removes it', async () => {
    await tenant.scenario({ multiple_accounts: true });
    const first = await tenant.addChannel({ type: 'whatsapp', username: '+966500000001' });
    const second = await tenant.addChannel({ type: 'whatsapp', username: '+966500000002' });
    const el = await mount(tenant);

    row(el, first.id).querySelector<HTMLButtonElement>('.disconnect')!.click();
    await el.updateComplete;
    const confirm = row(el, first.id).querySelector('[part="confirm"]')!;
    expect(text(confirm.querySelector('.confirm-title'))).to.equal('Disconnect WhatsApp +966500000001?');
    await waitUntil(() => focused(el)?.matches('.confirm-cancel'), 'the safe choice is not focused');
    await expect(el).to.be.accessible();

    const disconnected = oneEvent(el, 'inbox-disconnected');
    buttonByText(confirm, en.accountsConfirmYes).click();
    const { detail } = await disconnected;
    expect(detail.channel.id).to.equal(first.id);
    await el.updateComplete;
    expect(rows(el).map((item) => Number(item.dataset.id))).to.deep.equal([second.id]);
    expect(text(shadow(el).querySelector('[role="status"].visually-hidden'))).to.equal(
      'WhatsApp +966500000001 was disconnected.',
    );
    await waitUntil(() => focused(el)?.closest('[part="account"]') === row(el, second.id), 'focus was lost');
    expect((await tenant.state()).channels.map((channel) => channel.id)).to.deep.equal([second.id]);
    const [call] = await apiCalls(tenant, 'POST');
    expect(call).to.include({ path: '/api/v1/channels/whatsapp/disconnect', status: 204 });
    expect(call.body).to.deep.equal({ id: first.id });
  });

  it('sends nothing when the confirmation is declined, with the button or Escape', async () => {
    const channel = await tenant.addChannel({ type: 'telegram' });
    const el = await mount(tenant);
    row(el, channel.id).querySelector<HTMLButtonElement>('.disconnect')!.click();
    await waitUntil(() => focused(el)?.matches('.confirm-cancel'), 'no confirmation');
    (focused(el) as HTMLButtonElement).click();
    await el.updateComplete;
    expect(row(el, channel.id).querySelector('[part="confirm"]')).to.equal(null);
    await waitUntil(() => focused(el)?.matches('.disconnect'), 'focus did not return');

    (focused(el) as HTMLButtonElement).click();
    await waitUntil(() => focused(el)?.matches('.confirm-cancel'), 'no confirmation');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(row(el, channel.id).querySelector('[part="confirm"]')).to.equal(null);
    await waitUntil(() => focused(el)?.matches('.disconnect'), 'focus did not return after Escape');
    expect(await apiCalls(tenant, 'POST')).to.deep.equal([]);
  });

  it('keeps the account and says why when a campaign is running (422)', async () => {
    const channel = await tenant.addChannel({ type: 'whatsapp', username: '+966500000001' });
    await tenant.scenario({ campaign_running: [channel.id] });
    const el = await mount(tenant);
    row(el, channel.id).querySelector<HTMLButtonElement>('.disconnect')!.click();
    await el.updateComplete;
    const failed = oneEvent(el, 'inbox-action-failed');
    row(el, channel.id).querySelector<HTMLButtonElement>('.confirm-yes')!.click();
    const { detail } = await failed;
    expect(detail).to.include({ action: 'disconnect', reason: 'validation' });
    await el.updateComplete;
    const message = row(el, channel.id).querySelector('[part="message"]')!;
    expect(text(message)).to.contain('An outreach campaign is running on this channel. Cancel it first.');
    expect(text(message)).to.contain('The account stays linked.');
    expect(message.getAttribute('role')).to.equal('alert');
    expect(rows(el)).to.have.length(1);
    expect((await tenant.state()).channels).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('offers to try a disconnect again after a network failure', async () => {
    const channel = await tenant.addChannel({ type: 'instagram', username: 'brand' });
    const el = await mount(tenant);
    await tenant.scenario({
      failures: [{ method: 'POST', path: '/api/v1/channels/instagram/disconnect', drop: true }],
    });
    row(el, channel.id).querySelector<HTMLButtonElement>('.disconnect')!.click();
    await el.updateComplete;
    row(el, channel.id).querySelector<HTMLButtonElement>('.confirm-yes')!.click();
    await waitUntil(() => row(el, channel.id).querySelector('.retry'), 'no retry offered');
    expect(text(row(el, channel.id).querySelector('[part="message"]'))).to.contain(en.errorNetwork);

    row(el, channel.id).querySelector<HTMLButtonElement>('.retry')!.click();
    await waitUntil(() => focused(el)?.matches('.confirm-cancel'), 'the retry did not ask again');
    const disconnected = oneEvent(el, 'inbox-disconnected');
    row(el, channel.id).querySelector<HTMLButtonElement>('.confirm-yes')!.click();
    await disconnected;
    await ready(el);
    expect(shadow(el).querySelector('[part="empty"]')).to.exist;
  });

  it('explains every failure to load the list and recovers with Try again', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ status: 401 }, en.errorUnauthorized],
      [{ status: 403 }, en.errorForbidden],
      [{ status: 404 }, en.errorNotFound],
      [{ status: 409 }, 'Simulated failure.'],
      [{ status: 422 }, 'Simulated failure.'],
      [{ status: 429 }, en.errorRateLimited()],
      [{ status: 500 }, en.errorServer],
      [{ drop: true }, en.errorNetwork],
      [{ raw: '{"success": true, "data": {"oops": 1}}', status: 200 }, en.errorMalformed],
    ];
    for (const [failure, message] of cases) {
      const world = new SandboxTenant();
      await world.scenario({
        failures: [{ method: 'GET', path: '/api/v1/channels', times: -1, ...failure }],
      });
      const failures: CustomEvent[] = [];
      const record = (event: CustomEvent) => failures.push(event);
      document.addEventListener('inbox-action-failed', record);
      const el = await fixture<AccountsList>(
        html`<accounts-list base-url=${world.baseUrl} api-key=${world.apiKey}></accounts-list>`,
      );
      await waitUntil(() => failures.length > 0, `no failure event for ${JSON.stringify(failure)}`, {
        timeout: 8000,
      });
      document.removeEventListener('inbox-action-failed', record);
      expect(failures[0].detail).to.include({ action: 'load', channel: null });
      await el.updateComplete;
      const alert = shadow(el).querySelector('[part="status"][role="alert"]');
      expect(text(alert), JSON.stringify(failure)).to.contain(message);
      if (failure.status === 500) await expect(el).to.be.accessible();

      await world.scenario({ failures: [] });
      buttonByText(alert!, en.accountsRetry).click();
      await ready(el);
      expect(shadow(el).querySelector('[part="empty"]'), JSON.stringify(failure)).to.exist;
      el.remove();
    }
  });

  it('keeps the list when a reload fails, says so, and clears it once a reload works', async () => {
    const channel = await tenant.addChannel({ type: 'whatsapp' });
    const el = await mount(tenant, { pollInterval: 150 });
    await tenant.scenario({
      failures: [{ method: 'GET', path: '/api/v1/channels', status: 403, times: -1 }],
    });
    await waitUntil(() => shadow(el).querySelector('[part="status"][role="alert"]'), 'no notice', {
      timeout: 4000,
    });
    expect(text(shadow(el).querySelector('[part="status"][role="alert"]'))).to.contain(
      en.accountsUpdateFailed(en.errorForbidden),
    );
    expect(row(el, channel.id)).to.exist;
    await tenant.scenario({ failures: [] });
    await waitUntil(() => !shadow(el).querySelector('[part="status"][role="alert"]'), 'the notice stayed', {
      timeout: 4000,
    });
  });

  it('shows an empty state whose Add account opens channel-connect in place; Escape closes it', async () => {
    const el = await mount(tenant);
    const empty = shadow(el).querySelector('[part="empty"]')!;
    expect(text(empty)).to.contain(en.accountsEmptyHeading);
    await expect(el).to.be.accessible();

    const add = buttonByText(empty, en.accountsAdd);
    add.focus();
    const requested = oneEvent(el, 'inbox-add-request');
    add.click();
    const { detail } = await requested;
    expect(detail.channels).to.deep.equal(['whatsapp', 'telegram', 'instagram']);
    const connect = await nestedConnect(shadow(el).querySelector('[part="panel"]')!);
    expect(shadow(connect).querySelectorAll('.channel-option')).to.have.length(3);
    await waitUntil(
      () => shadow(connect).activeElement?.matches('.step-heading'),
      'the step heading is not focused',
    );
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="panel"]')).to.equal(null);
    await waitUntil(() => focused(el)?.matches('.add'), 'focus did not return to Add account');
  });

  it('leaves adding to a host that cancels inbox-add-request', async () => {
    await tenant.addChannel({ type: 'whatsapp' });
    const el = await mount(tenant);
    el.addEventListener('inbox-add-request', (event) => event.preventDefault());
    buttonByText(shadow(el).querySelector('[part="header"]')!, en.accountsAdd).click();
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="panel"]')).to.equal(null);
  });

  it('shows an account linked in its own panel', async () => {
    await tenant.scenario({ instagram: 'connected' });
    const el = await mount(tenant);
    buttonByText(shadow(el).querySelector('[part="empty"]')!, en.accountsAdd).click();
    const connect = await nestedConnect(shadow(el));
    buttonByText(shadow(connect), 'Instagram').click();
    await connect.updateComplete;
    shadow(connect).querySelector<HTMLInputElement>('input[name="username"]')!.value = 'new_brand';
    shadow(connect).querySelector<HTMLInputElement>('input[name="password"]')!.value = 'secret';
    const connected = oneEvent(el, 'inbox-connected');
    shadow(connect).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const { detail } = await connected;
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="panel"]')).to.equal(null);
    expect(text(row(el, detail.channel.id))).to.contain('new_brand');
    await waitUntil(
      () => focused(el)?.closest('[part="account"]') === row(el, detail.channel.id),
      'the new account is not focused',
    );
  });

  it('shows an account linked by another element on the page, through the shared store', async () => {
    await tenant.scenario({ instagram: 'connected' });
    const el = await mount(tenant);
    const connect = await fixture<ChannelConnect>(
      html`<channel-connect
        base-url=${tenant.baseUrl}
        api-key=${tenant.apiKey}
        channels="instagram"
      ></channel-connect>`,
    );
    await tenant.control('DELETE', 'requests');
    shadow(connect).querySelector<HTMLInputElement>('input[name="username"]')!.value = 'elsewhere';
    shadow(connect).querySelector<HTMLInputElement>('input[name="password"]')!.value = 'secret';
    const connected = oneEvent(connect, 'inbox-connected');
    shadow(connect).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const { detail } = await connected;
    await waitUntil(() => shadow(el).querySelector(`[data-id="${detail.channel.id}"]`), 'not shown');
    expect(text(row(el, detail.channel.id))).to.contain('elsewhere');
    expect(await apiCalls(tenant, 'GET')).to.deep.equal([]);
  });

  it('applies channels posted by another tab, and posts its own changes', async () => {
    const channel = await tenant.addChannel({ type: 'whatsapp', username: '+966500000001' });
    const el = await mount(tenant);
    const tab = new BroadcastChannel(channelsSyncName({ baseUrl: tenant.baseUrl, apiKey: tenant.apiKey })!);
    const heard: unknown[] = [];
    tab.addEventListener('message', (event) => heard.push(event.data));
    try {
      const other: Channel = {
        id: 990002,
        type: 'telegram',
        username: '+15550001',
        is_connected: true,
        sync_status: 'CONNECTING',
        last_synced_at: null,
      };
      tab.postMessage({ kind: 'upsert', channel: other });
      await waitUntil(() => shadow(el).querySelector('[data-id="990002"]'), 'the upsert was not applied');
      expect(badge(el, 990002)).to.equal('Connecting');
      tab.postMessage({ kind: 'upsert', channel: { id: 'not a channel' } });
      tab.postMessage({ kind: 'remove', id: 990002 });
      await waitUntil(() => !shadow(el).querySelector('[data-id="990002"]'), 'the removal was not applied');
      expect(rows(el)).to.have.length(1);

      row(el, channel.id).querySelector<HTMLButtonElement>('.disconnect')!.click();
      await el.updateComplete;
      row(el, channel.id).querySelector<HTMLButtonElement>('.confirm-yes')!.click();
      await waitUntil(() => heard.length > 0, 'nothing was posted to the other tabs');
      expect(heard).to.deep.equal([{ kind: 'remove', id: channel.id }]);
    } finally {
      tab.close();
    }
  });

  it('opens channel-connect in place to reconnect, after a cancelable event', async () => {
    const broken = await tenant.addChannel({
      type: 'whatsapp',
      username: '+966500000001',
      sync_status: 'CREDENTIALS',
      is_connected: false,
    });
    const el = await mount(tenant);
    const reconnect = row(el, broken.id).querySelector<HTMLButtonElement>('.reconnect')!;
    const requested = oneEvent(el, 'inbox-reconnect-request');
    reconnect.click();
    const { detail } = await requested;
    expect(detail.channel.id).to.equal(broken.id);
    expect(detail.channel.sync_status).to.equal('CREDENTIALS');
    await el.updateComplete;
    const panel = row(el, broken.id).querySelector('[part="panel"]')!;
    expect(panel.getAttribute('aria-label')).to.equal('Reconnect WhatsApp +966500000001');
    const connect = await nestedConnect(panel);
    expect(connect.getAttribute('channels')).to.equal('whatsapp');
    expect(shadow(connect).querySelector('qr-scanner')).to.exist;
    await waitUntil(async () => (await tenant.attempt('whatsapp'))?.qr_code, 'no QR attempt', {
      timeout: 8000,
    });
    await expect(el).to.be.accessible();

    const connected = oneEvent(el, 'inbox-connected');
    await tenant.scan((await tenant.attempt('whatsapp'))!.account_id);
    const linked = (await connected).detail.channel;
    await waitUntil(() => shadow(el).querySelector(`[data-id="${linked.id}"]`), 'the new account is missing');
    expect(shadow(el).querySelector('[part="panel"]')).to.equal(null);
    expect(text(shadow(el).querySelector('[role="status"].visually-hidden'))).to.contain('is linked.');
  });

  it('closes the reconnect panel and gives the focus back to Reconnect', async () => {
    const broken = await tenant.addChannel({ type: 'telegram', sync_status: 'ERROR' });
    const el = await mount(tenant);
    const reconnect = row(el, broken.id).querySelector<HTMLButtonElement>('.reconnect')!;
    reconnect.click();
    await el.updateComplete;
    const connect = await nestedConnect(row(el, broken.id).querySelector('[part="panel"]')!);
    buttonByText(shadow(connect), en.cancel).click();
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="panel"]')).to.equal(null);
    await waitUntil(() => focused(el) === reconnect, 'focus did not return to Reconnect');
  });

  it('leaves reconnecting to a host that cancels inbox-reconnect-request', async () => {
    const broken = await tenant.addChannel({ type: 'instagram', sync_status: 'CREDENTIALS' });
    const el = await mount(tenant);
    el.addEventListener('inbox-reconnect-request', (event) => event.preventDefault());
    row(el, broken.id).querySelector<HTMLButtonElement>('.reconnect')!.click();
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="panel"]')).to.equal(null);
  });

  it('sends the user back to the list when a backend refuses the reconnect as still linked (409)', async () => {
    const stuck = await tenant.addChannel({ type: 'whatsapp', sync_status: 'ERROR', is_connected: true });
    // A backend that does not know the contract's `id` on connect (docs/providers.md#linking-an-account-again).
    await tenant.scenario({
      failures: [
        {
          method: 'POST',
          path: '/api/v1/channels/whatsapp/connect',
          status: 409,
        },
      ],
    });
    const el = await mount(tenant);
    row(el, stuck.id).querySelector<HTMLButtonElement>('.reconnect')!.click();
    const connect = await nestedConnect(shadow(el));
    const scanner = shadow(connect).querySelector('qr-scanner')!;
    await waitUntil(() => /already/i.test(text(scanner.shadowRoot)), 'no 409', { timeout: 8000 });
    buttonByText(scanner.shadowRoot!, 'Open the linked account').click();
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="panel"]')).to.equal(null);
    expect(text(shadow(el).querySelector('.notice'))).to.equal(en.accountsStillLinked('WhatsApp'));
  });

  it('updates a row in place from channel:status on the socket, without polling', async () => {
    const channel = await tenant.addChannel({ type: 'whatsapp', sync_status: 'OK' });
    const calls = (fetches = trackPageFetches());
    const el = await mount(tenant, { socket: true, pollInterval: 200 });
    // Polls run until the inbox topic is joined, and the join reloads once. A second subscriber on the
    // element's topic hears the join right after the element; its reload is started within that task.
    let joined = false;
    const watcher = servicesFor({
      baseUrl: tenant.baseUrl,
      socketUrl: tenant.socketUrl,
      apiKey: tenant.apiKey,
    })!.socket!.join('inbox', {}, { onJoin: () => (joined = true) });
    await waitUntil(() => joined, 'the element never joined the inbox topic', { timeout: 15_000 });
    watcher.leave();
    await delay(0);
    await waitUntil(() => calls.pending === 0, 'the reload after the join was not answered');
    // A poll still in flight at the join has the join's reload follow it: let that one go out and end too.
    await delay(400);
    await waitUntil(() => calls.pending === 0, 'a reload after the join was not answered');
    const before = row(el, channel.id);
    const { socket } = servicesFor({
      baseUrl: tenant.baseUrl,
      socketUrl: tenant.socketUrl,
      apiKey: tenant.apiKey,
    })!;
    // A socket that drops and comes back (a heartbeat missed on a loaded machine) reloads once on its
    // rejoin to catch up, which is no poll: each reopening may explain one request.
    let reopenings = 0;
    let previousState = socket!.state.get();
    const stopWatching = socket!.state.subscribe((state) => {
      if (state === 'open' && previousState !== 'open') reopenings += 1;
      previousState = state;
    });
    await tenant.control('DELETE', 'requests');
    await patchChannel(tenant, channel.id, { sync_status: 'CREDENTIALS' });
    await waitUntil(() => badge(el, channel.id) === 'Password changed', 'the socket update was not shown');
    expect(row(el, channel.id) === before, 'the row was replaced, not updated in place').to.equal(true);
    const added = await tenant.addChannel({ type: 'telegram', username: '+15550002' });
    await waitUntil(
      () => shadow(el).querySelector(`[data-id="${added.id}"]`),
      'the added account is missing',
    );
    // Only a quiet stretch shows that no poll comes: two poll intervals on the page's own timers, which
    // run in the order they fall due, so a slow machine only makes the stretch longer.
    await delay(400);
    stopWatching();
    expect(await apiCalls(tenant, 'GET')).to.have.length.at.most(reopenings);

    // The socket says `is_connected: false` both for an account removed elsewhere and for one that only
    // stopped: the list is asked which it was.
    await patchChannel(tenant, channel.id, { is_connected: false });
    await waitUntil(() => text(row(el, channel.id)).includes(en.accountsNotActive), 'not shown as inactive');
    await fetch(`${tenant.baseUrl}/api/v1/channels/telegram/disconnect`, {
      method: 'POST',
      headers: { 'X-Api-Key': tenant.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: added.id }),
    });
    await waitUntil(() => !shadow(el).querySelector(`[data-id="${added.id}"]`), 'a removed account stayed', {
      timeout: 4000,
    });
    expect(row(el, channel.id)).to.exist;

    // Leaving the page leaves the topic, which closes the socket this element alone used.
    expect(socket!.state.get()).to.equal('open');
    el.remove();
    expect(socket!.state.get()).to.equal('idle');
  });

  it('polls without a socket while visible, never while hidden, and stops when removed', async () => {
    const calls = (fetches = trackPageFetches());
    const channel = await tenant.addChannel({ type: 'telegram', sync_status: 'OK' });
    const el = await mount(tenant, { pollInterval: 200 });
    await patchChannel(tenant, channel.id, { sync_status: 'STOPPED' });
    await waitUntil(() => badge(el, channel.id) === 'Paused', 'polling did not pick up the change', {
      timeout: 4000,
    });

    const setHidden = (hidden: boolean) => {
      if (hidden) {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      } else {
        Reflect.deleteProperty(document, 'visibilityState');
      }
      document.dispatchEvent(new Event('visibilitychange'));
    };
    // Counted in the page once the calls on their way are settled (one aborted at the removal can still
    // reach the sandbox's log later). Only a quiet stretch shows that no poll comes: four poll intervals
    // on the page's own timers, which run in the order they fall due, so a slow machine only makes the
    // stretch longer.
    const expectNoCalls = async (ms: number) => {
      await waitUntil(() => calls.pending === 0, 'a call stayed unsettled');
      await tenant.control('DELETE', 'requests');
      const before = calls.started;
      await delay(ms);
      expect(calls.urls.slice(before), 'calls started').to.deep.equal([]);
    };
    try {
      // Hidden between two polls: the next one never comes.
      setHidden(true);
      await expectNoCalls(800);
      setHidden(false);
      await waitUntil(async () => (await apiCalls(tenant, 'GET')).length > 0, 'no poll once visible');

      // Hidden while a poll is on its way (long enough to be seen there on a busy machine): its answer
      // schedules nothing.
      await tenant.scenario({ failures: [{ method: 'GET', path: '/api/v1/channels', delay_ms: 2000 }] });
      // Read in the page, so the poll is still on its way when the tab hides, right after.
      await waitUntil(() => calls.pending > 0, 'no poll in flight');
      setHidden(true);
      await expectNoCalls(800);
    } finally {
      Reflect.deleteProperty(document, 'visibilityState');
    }
    document.dispatchEvent(new Event('visibilitychange'));
    await waitUntil(async () => (await apiCalls(tenant, 'GET')).length > 0, 'no poll once visible again');

    el.remove();
    await expectNoCalls(800);
  });

  it('in strict mode composes the list from the three status calls only', async () => {
    const whatsapp = await tenant.addChannel({ type: 'whatsapp', username: '+966500000001' });
    const instagram = await tenant.addChannel({ type: 'instagram', username: 'brand' });
    const el = await mount(tenant, { source: 'status', pollInterval: 200 });
    expect(rows(el).map((item) => Number(item.dataset.id))).to.deep.equal([whatsapp.id, instagram.id]);
    await waitUntil(async () => (await apiCalls(tenant)).length >= 6, 'no second round', { timeout: 4000 });
    const paths = (await apiCalls(tenant)).map((call) => `${call.method} ${call.path}`);
    for (const path of paths)
      expect(path).to.match(/^GET \/api\/v1\/channels\/(whatsapp|telegram|instagram)\/status$/);
    expect(new Set(paths).size).to.equal(3);

    row(el, whatsapp.id).querySelector<HTMLButtonElement>('.refresh')!.click();
    await oneEvent(el, 'inbox-refreshed');
    expect((await apiCalls(tenant)).some((call) => call.path === '/api/v1/channels')).to.equal(false);
  });

  it('writes the last sync as a relative time in the element’s language, kept up to date', async () => {
    const synced = new Date(Date.now() - 57_500).toISOString();
    await tenant.scenario(
      cannedList([
        {
          id: 990003,
          type: 'telegram',
          username: '+15550003',
          is_connected: true,
          sync_status: 'OK',
          last_synced_at: synced,
        },
      ]),
    );
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="de">
        <accounts-list base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></accounts-list>
      </div>`,
    );
    const el = await ready(wrapper.querySelector('accounts-list')!);
    const time = row(el, 990003).querySelector('time')!;
    expect(text(time)).to.match(/^Last synced vor 5[78] Sekunden$/);
    expect(time.getAttribute('title')).to.match(/\d/);
    await waitUntil(() => text(time) === 'Last synced vor 1 Minute', 'the time did not move on', {
      timeout: 5000,
    });
  });

  it('filters by type, and shows only the types named in channels', async () => {
    await tenant.addChannel({ type: 'whatsapp' });
    const telegram = await tenant.addChannel({ type: 'telegram' });
    await tenant.addChannel({ type: 'instagram' });
    const el = await mount(tenant);
    const filter = shadow(el).querySelector('[part="filter"]')!;
    expect([...filter.querySelectorAll('button')].map(text)).to.deep.equal([
      'All (3)',
      'WhatsApp (1)',
      'Telegram (1)',
      'Instagram (1)',
    ]);
    buttonByText(filter, 'Telegram').click();
    await el.updateComplete;
    expect(rows(el).map((item) => Number(item.dataset.id))).to.deep.equal([telegram.id]);
    expect(buttonByText(filter, 'Telegram').getAttribute('aria-pressed')).to.equal('true');
    buttonByText(filter, 'All').click();
    await el.updateComplete;
    expect(rows(el)).to.have.length(3);

    el.setAttribute('channels', 'telegram');
    await el.updateComplete;
    expect(rows(el).map((item) => Number(item.dataset.id))).to.deep.equal([telegram.id]);
    expect(shadow(el).querySelector('[part="filter"]')).to.equal(null);
  });

  it('can be used with the keyboard alone', async () => {
    await tenant.scenario({ multiple_accounts: true });
    const broken = await tenant.addChannel({
      type: 'whatsapp',
      username: '+966500000001',
      sync_status: 'ERROR',
    });
    const healthy = await tenant.addChannel({ type: 'whatsapp', username: '+966500000002' });
    const el = await mount(tenant);
    const start = document.createElement('button');
    start.textContent = 'before';
    el.before(start);
    start.focus();

    await pressUntilFocused(el, '.add');
    await pressUntilFocused(el, '.refresh');
    expect(
      focused(el)!.closest('[part="account"]') === row(el, broken.id),
      'focus is not in the broken row',
    ).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => row(el, broken.id).querySelector('[part="message"]'), 'no refresh result');
    expect(focused(el)!.matches('.refresh')).to.equal(true);

    await pressUntilFocused(el, '.reconnect');
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => focused(el)?.shadowRoot?.activeElement?.matches('.step-heading'),
      'the panel did not take the focus',
    );
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => focused(el)?.matches('.reconnect'), 'the focus did not come back');

    await pressUntilFocused(el, '.disconnect');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(el)?.matches('.confirm-cancel'), 'no confirmation');
    await sendKeys({ press: 'Shift+Tab' });
    expect(focused(el)!.matches('.confirm-yes')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !shadow(el).querySelector(`[data-id="${broken.id}"]`), 'not disconnected');
    await waitUntil(
      () => focused(el)?.closest('[part="account"]') === row(el, healthy.id),
      'the focus did not move to the next account',
    );
    start.remove();
  });

  it('says it is not configured without a base-url', async () => {
    const el = await fixture<AccountsList>(html`<accounts-list></accounts-list>`);
    expect(text(shadow(el).querySelector('[role="alert"]'))).to.contain('base-url');
    await expect(el).to.be.accessible();
  });
});

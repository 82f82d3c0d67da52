import { configure } from '../src/index.js';

// Each browser tab may pick its own sandbox world with ?tenant=…, so a test never shares one. The tenant
// is also the demo customer whom the inbox server lets in; only the sandbox controls below use it as a key.
const tenant = new URLSearchParams(location.search).get('tenant') ?? 'demo';
const connect = document.querySelector('channel-connect')!;
const accounts = document.querySelector('accounts-list')!;
const inbox = document.querySelector('conversation-view')!;
// Without the socket the list polls; every 5 s here, so changes from the controls show up quickly.
accounts.pollInterval = 5000;
const controls = {
  scan: document.querySelector<HTMLButtonElement>('#scan')!,
  scanResult: document.querySelector<HTMLElement>('#scan-result')!,
  instagram: document.querySelector<HTMLSelectElement>('#instagram-scenario')!,
  fast: document.querySelector<HTMLInputElement>('#fast')!,
  socket: document.querySelector<HTMLInputElement>('#use-socket')!,
  campaign: document.querySelector<HTMLInputElement>('#campaign')!,
  multiple: document.querySelector<HTMLInputElement>('#multiple')!,
  accountStatus: document.querySelector<HTMLSelectElement>('#account-status')!,
  setStatus: document.querySelector<HTMLButtonElement>('#set-status')!,
  addAccount: document.querySelector<HTMLButtonElement>('#add-account')!,
  statusResult: document.querySelector<HTMLElement>('#status-result')!,
  reset: document.querySelector<HTMLButtonElement>('#reset')!,
  seed: document.querySelector<HTMLButtonElement>('#seed')!,
  seedLong: document.querySelector<HTMLButtonElement>('#seed-long')!,
  incoming: document.querySelector<HTMLButtonElement>('#incoming')!,
  typing: document.querySelector<HTMLButtonElement>('#typing')!,
  chatty: document.querySelector<HTMLInputElement>('#chatty')!,
  undeliverable: document.querySelector<HTMLInputElement>('#undeliverable')!,
  inboxResult: document.querySelector<HTMLElement>('#inbox-result')!,
  log: document.querySelector<HTMLOListElement>('#event-log')!,
};

const fastTimings = {
  whatsappFirstQrMs: 15000,
  whatsappNextQrMs: 8000,
  telegramQrMs: 10000,
  scanToCompleteMs: 2500,
  connectingToOkMs: 4000,
};
const realTimings = {
  whatsappFirstQrMs: 60000,
  whatsappNextQrMs: 20000,
  telegramQrMs: 30000,
  scanToCompleteMs: 8000,
  connectingToOkMs: 10000,
};

// The elements talk only to inbox-elements-server, which holds the provider's key and talks to the
// sandbox. The demo's login is a header naming the customer (here the sandbox tenant); a real host's
// server checks its own session in `authorize` instead.
const server = `${location.origin}/inbox-server`;
async function getToken(): Promise<string> {
  const response = await fetch(`${server}/inbox/session`, {
    method: 'POST',
    headers: { 'X-Inbox-Customer': tenant },
  });
  if (!response.ok) throw new Error(`The inbox server refused a session (HTTP ${response.status})`);
  const body = (await response.json()) as { data: { token: string } };
  return body.data.token;
}

configure({ baseUrl: server, getToken, identity: tenant });

// The look switchers act on every element of the library on the page; the elements nested in them
// (qr-scanner and instagram-2fa in channel-connect, channel-connect in accounts-list) follow their parent.
const switchers = {
  theme: document.querySelector<HTMLSelectElement>('#theme-switch')!,
  lang: document.querySelector<HTMLSelectElement>('#lang-switch')!,
  dir: document.querySelector<HTMLSelectElement>('#dir-switch')!,
};
const ELEMENT_TAGS = 'channel-connect, accounts-list, conversation-view, qr-scanner, instagram-2fa';

function applyLook(): void {
  for (const element of document.querySelectorAll(ELEMENT_TAGS)) {
    if (switchers.theme.value === 'system') element.removeAttribute('theme');
    else element.setAttribute('theme', switchers.theme.value);
    element.setAttribute('lang', switchers.lang.value);
    // Without `dir` the elements take the direction of their language.
    if (switchers.dir.value === 'auto') element.removeAttribute('dir');
    else element.setAttribute('dir', switchers.dir.value);
  }
}

for (const control of Object.values(switchers)) control.addEventListener('change', applyLook);
applyLook();

async function sandbox<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/__sandbox/${path}`, {
    method,
    headers: { 'X-Api-Key': tenant, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as { data?: T; message?: string };
  if (!response.ok) throw new Error(json.message ?? `HTTP ${response.status}`);
  return json.data as T;
}

function applyScenario(): Promise<unknown> {
  return sandbox('POST', 'scenario', {
    instagram: controls.instagram.value,
    campaign_running: controls.campaign.checked ? ['whatsapp'] : [],
    multiple_accounts: controls.multiple.checked,
    timings: controls.fast.checked ? fastTimings : realTimings,
    chatty: controls.chatty.checked,
    message_failure: controls.undeliverable.checked ? 'This number is not registered in WhatsApp.' : null,
  });
}

function logEvent(event: Event): void {
  const item = document.createElement('li');
  const detail = (event as CustomEvent).detail as unknown;
  item.textContent = `${new Date().toLocaleTimeString()} ${event.type} ${detail ? JSON.stringify(detail) : ''}`;
  controls.log.prepend(item);
}

for (const type of [
  'inbox-connected',
  'inbox-connect-failed',
  'inbox-cancelled',
  'inbox-step-change',
  'inbox-manage-request',
] as const) {
  connect.addEventListener(type, logEvent);
}

for (const type of [
  'inbox-refreshed',
  'inbox-disconnected',
  'inbox-reconnect-request',
  'inbox-add-request',
  'inbox-action-failed',
  'inbox-connected',
] as const) {
  accounts.addEventListener(type, logEvent);
}

controls.scan.addEventListener('click', () => void simulateScan());

/** Which backend the server in front of the demo talks to (`INBOX_DEMO_PROVIDER`); the sandbox when not said. */
const provider = fetch('/__demo/provider')
  .then(async (response) =>
    response.ok ? ((await response.json()) as { provider: string }).provider : 'sandbox',
  )
  .catch(() => 'sandbox');

async function simulateScan(): Promise<void> {
  if ((await provider) === 'chategy') {
    // The Chategy flavour's phone scans the code of this customer's instance (its external_id).
    const response = await fetch('/__chategy/whatsapp/scan', {
      method: 'POST',
      headers: { Authorization: 'demo', 'Content-Type': 'application/json' },
      body: JSON.stringify({ external_id: tenant }),
    });
    controls.scanResult.textContent = response.ok
      ? 'Scanned the WhatsApp code.'
      : 'No code is waiting for a scan: open WhatsApp in the widget first.';
    return;
  }
  try {
    const state = await sandbox<{ attempts: { account_id: string; state: string }[] }>('GET', 'state');
    const waiting = state.attempts.filter((attempt) => attempt.state === 'waiting').at(-1);
    if (!waiting) {
      controls.scanResult.textContent =
        'No code is waiting for a scan: open WhatsApp or Telegram in the widget first.';
      return;
    }
    await sandbox('POST', 'scan', { account_id: waiting.account_id });
    controls.scanResult.textContent = `Scanned ${waiting.account_id}.`;
  } catch (error) {
    controls.scanResult.textContent = `Scan failed: ${(error as Error).message}`;
  }
}

controls.socket.addEventListener('change', () => {
  configure({
    socketUrl: controls.socket.checked ? `${server.replace(/^http/, 'ws')}/socket` : undefined,
  });
});

controls.setStatus.addEventListener('click', () => void setNewestStatus());
controls.addAccount.addEventListener('click', () => void addAccountDirectly());

/** Changes an account's status the way the provider would; the list hears it over the socket or its next poll. */
async function setNewestStatus(): Promise<void> {
  try {
    const state = await sandbox<{ channels: { id: number }[] }>('GET', 'state');
    const newest = state.channels.at(-1);
    if (!newest) {
      controls.statusResult.textContent = 'There is no linked account yet.';
      return;
    }
    await sandbox('PATCH', `channels/${newest.id}`, { sync_status: controls.accountStatus.value });
    controls.statusResult.textContent = `Account ${newest.id} is now ${controls.accountStatus.value}.`;
  } catch (error) {
    controls.statusResult.textContent = `Could not set the status: ${(error as Error).message}`;
  }
}

async function addAccountDirectly(): Promise<void> {
  const types = ['whatsapp', 'telegram', 'instagram'] as const;
  const type = types[Math.floor(Math.random() * types.length)];
  try {
    const channel = await sandbox<{ id: number }>('POST', 'channels', { type });
    controls.statusResult.textContent = `Added ${type} account ${channel.id}.`;
  } catch (error) {
    controls.statusResult.textContent = `Could not add an account: ${(error as Error).message}`;
  }
}

for (const type of ['inbox-conversation-open', 'inbox-message-sent', 'inbox-send-failed'] as const) {
  inbox.addEventListener(type, logEvent);
}

async function seedConversation(options: Record<string, unknown>): Promise<void> {
  try {
    const conversation = await sandbox<{ id: string }>('POST', 'conversations', options);
    controls.inboxResult.textContent = `Added conversation ${conversation.id}.`;
    void inbox.reload();
  } catch (error) {
    controls.inboxResult.textContent = `Could not add a conversation: ${(error as Error).message}`;
  }
}

async function contactWrites(): Promise<void> {
  try {
    const state = await sandbox<{ conversations: { id: string; updated_at: string }[] }>('GET', 'state');
    const newest = [...state.conversations].sort((a, b) => (a.updated_at < b.updated_at ? 1 : -1))[0];
    if (!newest) {
      controls.inboxResult.textContent = 'There is no conversation yet.';
      return;
    }
    await sandbox('POST', 'incoming', { conversation_id: newest.id, text: 'Hello! Are you there?' });
    controls.inboxResult.textContent = `A contact wrote in conversation ${newest.id}.`;
  } catch (error) {
    controls.inboxResult.textContent = `Could not write: ${(error as Error).message}`;
  }
}

controls.seed.addEventListener(
  'click',
  () => void seedConversation({ channel: 'telegram', all_types: true }),
);
controls.seedLong.addEventListener(
  'click',
  () => void seedConversation({ channel: 'telegram', messages: 10000 }),
);
controls.incoming.addEventListener('click', () => void contactWrites());

/** Typing and presence travel on the socket only: tick "Use the socket" to see them. */
async function contactTypes(): Promise<void> {
  try {
    const state = await sandbox<{ conversations: { id: string; updated_at: string }[] }>('GET', 'state');
    const newest = [...state.conversations].sort((a, b) => (a.updated_at < b.updated_at ? 1 : -1))[0];
    if (!newest) {
      controls.inboxResult.textContent = 'There is no conversation yet.';
      return;
    }
    await sandbox('POST', 'presence', { conversation_id: newest.id, online: true });
    await sandbox('POST', 'typing', { conversation_id: newest.id, for_ms: 5000 });
    controls.inboxResult.textContent = `The contact of ${newest.id} is online and typing for 5 s.`;
  } catch (error) {
    controls.inboxResult.textContent = `Could not start typing: ${(error as Error).message}`;
  }
}
controls.typing.addEventListener('click', () => void contactTypes());

// The unread total in the tab's title, as a host would show it on its own launcher.
const title = document.title;
inbox.addEventListener('inbox-unread-change', (event) => {
  document.title = event.detail.total > 0 ? `(${event.detail.total}) ${title}` : title;
  logEvent(event);
});

/** A fresh sandbox world gets two conversations, so the inbox has something to show at once. */
async function seedInboxOnce(): Promise<void> {
  const state = await sandbox<{ conversations: unknown[] }>('GET', 'state');
  if (state.conversations.length > 0) return;
  // Telegram and Instagram, so that linking WhatsApp stays the first thing to try in the demo.
  await sandbox('POST', 'conversations', { channel: 'telegram', all_types: true });
  await sandbox('POST', 'conversations', { channel: 'instagram', messages: 120 });
  void inbox.reload();
}

for (const control of [
  controls.instagram,
  controls.fast,
  controls.campaign,
  controls.multiple,
  controls.chatty,
  controls.undeliverable,
]) {
  control.addEventListener('change', () => void applyScenario());
}

controls.reset.addEventListener('click', () => void resetSandbox());

async function resetSandbox(): Promise<void> {
  await sandbox('POST', 'reset');
  await applyScenario();
  connect.reset();
  await seedInboxOnce();
  void accounts.reload();
  controls.scanResult.textContent = 'The sandbox was reset.';
}

void applyScenario()
  .then(seedInboxOnce)
  .then(() => {
    document.body.dataset.sandboxReady = 'true';
  });

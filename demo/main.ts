import { configure } from '../src/index.js';

// Each browser tab may pick its own sandbox world with ?tenant=…, so a test never shares one.
const apiKey = new URLSearchParams(location.search).get('tenant') ?? 'demo';
const connect = document.querySelector('channel-connect')!;
const controls = {
  scan: document.querySelector<HTMLButtonElement>('#scan')!,
  scanResult: document.querySelector<HTMLElement>('#scan-result')!,
  instagram: document.querySelector<HTMLSelectElement>('#instagram-scenario')!,
  fast: document.querySelector<HTMLInputElement>('#fast')!,
  socket: document.querySelector<HTMLInputElement>('#use-socket')!,
  campaign: document.querySelector<HTMLInputElement>('#campaign')!,
  reset: document.querySelector<HTMLButtonElement>('#reset')!,
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

configure({ baseUrl: location.origin, apiKey });

async function sandbox<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/__sandbox/${path}`, {
    method,
    headers: { 'X-Api-Key': apiKey, 'Content-Type': 'application/json' },
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
    timings: controls.fast.checked ? fastTimings : realTimings,
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

controls.scan.addEventListener('click', () => void simulateScan());

async function simulateScan(): Promise<void> {
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
    socketUrl: controls.socket.checked ? `${location.origin.replace(/^http/, 'ws')}/socket` : undefined,
  });
});

for (const control of [controls.instagram, controls.fast, controls.campaign]) {
  control.addEventListener('change', () => void applyScenario());
}

controls.reset.addEventListener('click', () => void resetSandbox());

async function resetSandbox(): Promise<void> {
  await sandbox('POST', 'reset');
  await applyScenario();
  connect.reset();
  controls.scanResult.textContent = 'The sandbox was reset.';
}

void applyScenario().then(() => {
  document.body.dataset.sandboxReady = 'true';
});

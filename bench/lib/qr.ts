import type { Browser, Page } from 'playwright-core';
import { call, openPage } from './browser.js';
import { BenchTenant, type LoggedRequest } from './tenant.js';

export interface QrOptions {
  drawRuns: number;
  repeatRuns: number;
  /** Repeats of the same code watched per run. */
  repeats: number;
  requestRuns: number;
  /** Length of each request-counting window (visible, then hidden). */
  windowMs: number;
}

export interface RepeatRun {
  repeats: number;
  mutations: number;
  sameImage: boolean;
}

export interface RequestRun {
  visible: number;
  hidden: number;
  /** Messages the page sent over the socket in each window (phoenix heartbeats, joins). */
  socketVisible: number;
  socketHidden: number;
}

export type Delivery = 'polling' | 'socket';

export interface QrFigures {
  draw: { ms: number; afterAnswerMs: number }[];
  repeat: Record<Delivery, RepeatRun[]>;
  /** Requests per minute while waiting for a scan. */
  requests: Record<Delivery, RequestRun[]>;
  windowMs: number;
  pollIntervalMs: number;
  authStateIntervalMs: number;
}

type Log = (line: string) => void;

/** A first code that outlives the measurement, so no rotation or expiry falls inside it. */
const LONG_FIRST_CODE = { whatsappFirstQrMs: 600_000 };
const DEFAULT_POLL_MS = 2500;
const AUTH_STATE_MS = 300;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Counts the page's socket messages: auth_state frames received with `code`, and frames sent. */
function watchSocket(page: Page) {
  const counts = { sent: 0, authStates: new Map<string, number>() };
  page.on('websocket', (socket) => {
    socket.on('framesent', () => counts.sent++);
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload !== 'string') return;
      try {
        const frame = JSON.parse(payload) as unknown[];
        const body = frame[4] as { qr_code?: unknown } | undefined;
        if (frame[3] === 'auth_state' && typeof body?.qr_code === 'string') {
          counts.authStates.set(body.qr_code, (counts.authStates.get(body.qr_code) ?? 0) + 1);
        }
      } catch {
        // Not a phoenix frame.
      }
    });
  });
  return counts;
}

function apiCallsBetween(log: LoggedRequest[], from: number, to: number): number {
  return log.filter((request) => {
    const time = Date.parse(request.time);
    return request.path.startsWith('/api/v1/') && time >= from && time < to;
  }).length;
}

async function settled(tenant: BenchTenant): Promise<void> {
  await until(
    async () => (await tenant.requests()).every((request) => request.status !== null),
    10_000,
    'the calls in flight to be answered',
  );
}

async function requestRun(browser: Browser, origin: string, delivery: Delivery, windowMs: number) {
  const tenant = new BenchTenant(origin);
  await tenant.scenario({ timings: LONG_FIRST_CODE });
  const { page, close } = await openPage(browser, `${origin}/qr.html`);
  const socket = watchSocket(page);
  await call(page, 'drawQr', {
    baseUrl: origin,
    apiKey: tenant.apiKey,
    ...(delivery === 'socket' ? { socketUrl: tenant.socketUrl } : {}),
  });
  const result: RequestRun = { visible: 0, hidden: 0, socketVisible: 0, socketHidden: 0 };
  for (const phase of ['visible', 'hidden'] as const) {
    if (phase === 'hidden') await call(page, 'setHidden', true);
    // A call already in flight when the window opens is not the window's.
    await settled(tenant);
    const from = Date.now();
    const sentBefore = socket.sent;
    await sleep(windowMs);
    const to = Date.now();
    const perMinute = (count: number) => (count * 60_000) / (to - from);
    result[phase] = perMinute(apiCallsBetween(await tenant.requests(), from, to));
    result[phase === 'visible' ? 'socketVisible' : 'socketHidden'] = perMinute(socket.sent - sentBefore);
  }
  await close();
  return result;
}

export async function measureQr(
  browser: Browser,
  origin: string,
  options: QrOptions,
  log: Log,
): Promise<QrFigures> {
  const url = `${origin}/qr.html`;
  const figures: QrFigures = {
    draw: [],
    repeat: { polling: [], socket: [] },
    requests: { polling: [], socket: [] },
    windowMs: options.windowMs,
    pollIntervalMs: DEFAULT_POLL_MS,
    authStateIntervalMs: AUTH_STATE_MS,
  };

  for (let run = 0; run < options.drawRuns; run++) {
    const tenant = new BenchTenant(origin);
    const { page, close } = await openPage(browser, url);
    figures.draw.push(await call(page, 'drawQr', { baseUrl: origin, apiKey: tenant.apiKey }));
    await close();
  }
  log('  draw: done');

  for (let run = 0; run < options.repeatRuns; run++) {
    for (const delivery of ['polling', 'socket'] as const) {
      const tenant = new BenchTenant(origin);
      await tenant.scenario({ timings: { ...LONG_FIRST_CODE, authStateIntervalMs: AUTH_STATE_MS } });
      const { page, close } = await openPage(browser, url);
      const socket = watchSocket(page);
      await call(page, 'drawQr', {
        baseUrl: origin,
        apiKey: tenant.apiKey,
        // Polling: a status answer with the same code every 250 ms. Socket: the auth room's frames.
        ...(delivery === 'socket' ? { socketUrl: tenant.socketUrl } : { pollInterval: 250 }),
      });
      const code = await call(page, 'qrCode');
      if (!code) throw new Error('no code on screen');
      await call(page, 'watchQr');
      let repeats: number;
      let result;
      if (delivery === 'polling') {
        result = await call(page, 'qrRepeatResult', options.repeats, 0);
        repeats = result.statusAnswers;
      } else {
        const before = socket.authStates.get(code) ?? 0;
        await until(
          () => (socket.authStates.get(code) ?? 0) - before >= options.repeats,
          30_000,
          `${options.repeats} auth_state frames`,
        );
        result = await call(page, 'qrRepeatResult', 0, 0);
        repeats = (socket.authStates.get(code) ?? 0) - before + result.statusAnswers;
      }
      figures.repeat[delivery].push({ repeats, mutations: result.mutations, sameImage: result.sameImage });
      await close();
    }
  }
  log('  repeated code: done');

  // Waiting for a scan, visible then hidden: all runs at once, since they mostly wait.
  const runs = await Promise.all(
    Array.from({ length: options.requestRuns }, () =>
      Promise.all([
        requestRun(browser, origin, 'polling', options.windowMs),
        requestRun(browser, origin, 'socket', options.windowMs),
      ]),
    ),
  );
  for (const [polling, socket] of runs) {
    figures.requests.polling.push(polling);
    figures.requests.socket.push(socket);
  }
  log('  requests per minute: done');
  return figures;
}

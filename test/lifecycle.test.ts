/**
 * Elements added, removed and re-added many times against the sandbox: each comes back working, and
 * once gone nothing of it runs on: no requests, no timers, no page listeners, and the shared socket
 * closes when the last element that needs it leaves.
 */
import { expect, oneEvent } from '@open-wc/testing';
import '../src/index.js';
import { servicesFor } from '../src/config/services.js';
import type { SocketAdapter } from '../src/realtime/socket-adapter.js';
import './helpers/lit-warnings.js';
import { deepQuery, part, place, shadow, text, waitFor, type LitLike } from './helpers/elements.js';
import { fastTimings, SandboxTenant } from './helpers/sandbox.js';
import { trackPageFetches, type PageFetches } from './helpers/page-fetches.js';

const CYCLES = 5;
const POLL_MS = 200;
/** Long enough for several polls, had anything kept polling. */
const QUIET_MS = 6 * POLL_MS;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Counts the timers that are set and not yet run or cleared, and the listeners on `document` and
 * `window` not removed, from `install()` on.
 */
class LeakWatch {
  private readonly timers = new Map<number, string>();
  private readonly listeners: { target: EventTarget; type: string; listener: unknown; capture: boolean }[] =
    [];
  private restore: (() => void) | undefined;

  install(): void {
    type SetTimer = (handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => number;
    type ClearTimer = (id?: number) => void;
    const original = {
      setTimeout: window.setTimeout as unknown as SetTimer,
      clearTimeout: window.clearTimeout as ClearTimer,
      setInterval: window.setInterval as unknown as SetTimer,
      clearInterval: window.clearInterval as ClearTimer,
      add: EventTarget.prototype.addEventListener,
      remove: EventTarget.prototype.removeEventListener,
    };
    const timers = this.timers;
    const listeners = this.listeners;
    /** Where a timer comes from, when it is the library's (or its dependencies'); the test's own are not counted. */
    const ours = () => {
      const frames = new Error().stack?.split('\n').slice(2) ?? [];
      const mine = frames.filter((frame) =>
        /:\d+\/src\/|\/node_modules\/(phoenix|ky|nanostores)\//.test(frame),
      );
      return mine.length > 0 ? mine.slice(0, 3).join(' | ') : undefined;
    };
    const setTimeoutWatched: SetTimer = (handler, ms, ...args) => {
      const id = original.setTimeout.call(
        window,
        (...callArgs: unknown[]) => {
          timers.delete(id);
          handler(...callArgs);
        },
        ms,
        ...args,
      );
      const from = ours();
      if (from) timers.set(id, `timeout ${ms ?? 0}ms ${from}`);
      return id;
    };
    const setIntervalWatched: SetTimer = (handler, ms, ...args) => {
      const id = original.setInterval.call(window, handler, ms, ...args);
      const from = ours();
      if (from) timers.set(id, `interval ${ms ?? 0}ms ${from}`);
      return id;
    };
    const clearWatched =
      (clear: ClearTimer): ClearTimer =>
      (id) => {
        if (id !== undefined) timers.delete(id);
        clear.call(window, id);
      };
    Object.assign(window, {
      setTimeout: setTimeoutWatched,
      setInterval: setIntervalWatched,
      clearTimeout: clearWatched(original.clearTimeout),
      clearInterval: clearWatched(original.clearInterval),
    });
    const watched = (target: EventTarget) => target === document || target === window;
    const captureOf = (options: unknown) =>
      typeof options === 'boolean'
        ? options
        : Boolean((options as AddEventListenerOptions | undefined)?.capture);
    const find = (target: EventTarget, type: string, listener: unknown, capture: boolean) =>
      listeners.findIndex(
        (entry) =>
          entry.target === target &&
          entry.type === type &&
          entry.listener === listener &&
          entry.capture === capture,
      );
    EventTarget.prototype.addEventListener = function (
      this: EventTarget,
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: boolean | AddEventListenerOptions,
    ) {
      const capture = captureOf(options);
      if (watched(this) && listener && find(this, type, listener, capture) === -1) {
        listeners.push({ target: this, type, listener, capture });
      }
      original.add.call(this, type, listener, options);
    };
    EventTarget.prototype.removeEventListener = function (
      this: EventTarget,
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: boolean | EventListenerOptions,
    ) {
      const index = find(this, type, listener, captureOf(options));
      if (index !== -1) listeners.splice(index, 1);
      original.remove.call(this, type, listener, options);
    };
    this.restore = () => {
      Object.assign(window, {
        setTimeout: original.setTimeout,
        setInterval: original.setInterval,
        clearTimeout: original.clearTimeout,
        clearInterval: original.clearInterval,
      });
      EventTarget.prototype.addEventListener = original.add;
      EventTarget.prototype.removeEventListener = original.remove;
    };
  }

  uninstall(): void {
    this.restore?.();
    this.restore = undefined;
  }

  /** What is still pending: one line per timer and per listener. */
  pending(): { timers: string[]; listeners: string[] } {
    return {
      timers: [...this.timers.values()],
      listeners: this.listeners.map(
        (entry) => `${entry.target === document ? 'document' : 'window'} ${entry.type}`,
      ),
    };
  }
}

interface Subject {
  tag: string;
  attributes?: Record<string, string>;
  socket?: boolean;
  /** Sandbox set-up before the element is placed. */
  prepare?: (tenant: SandboxTenant) => Promise<Record<string, string> | void>;
  /** The element shows its working state. */
  ready: (el: LitLike) => unknown;
  /** Back on the page, it is running again; by default it talks to the backend (a poll, a reload, a join). */
  alive?: (el: LitLike) => Promise<void>;
  /** Proves that the re-added element still does its job; `ready` has passed. */
  works: (el: LitLike, tenant: SandboxTenant) => Promise<void>;
}

async function scanAndLink(el: LitLike, tenant: SandboxTenant): Promise<void> {
  const attempt = await tenant.attempt('whatsapp');
  const linked = oneEvent(el, 'inbox-connected');
  await tenant.scan(attempt!.account_id);
  await linked;
}

const subjects: Subject[] = [
  {
    tag: 'qr-scanner',
    attributes: { channel: 'whatsapp' },
    ready: (el) => deepQuery(el, 'svg[role="img"]'),
    works: scanAndLink,
  },
  {
    tag: 'qr-scanner',
    attributes: { channel: 'whatsapp' },
    socket: true,
    ready: (el) => deepQuery(el, 'svg[role="img"]'),
    works: scanAndLink,
  },
  {
    tag: 'instagram-2fa',
    prepare: async (tenant) => {
      const response = await fetch(`${tenant.baseUrl}/api/v1/channels/instagram/connect`, {
        method: 'POST',
        headers: { 'X-Api-Key': tenant.apiKey, 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'lifecycle_brand', password: 'secret' }),
      });
      const { data } = (await response.json()) as { data: { account_id: string } };
      return { 'account-id': data.account_id, 'resend-cooldown': '30' };
    },
    ready: (el) => part(el, 'input'),
    // It needs the backend only to submit; what runs is the countdown before a new code may be asked for.
    alive: async (el) => {
      const resend = () => text(deepQuery(el, '[part~="actions"] button:not([type="submit"])'));
      const before = resend();
      await waitFor(() => resend() !== before, 'the resend countdown did not go on');
    },
    works: async (el) => {
      const input = part<HTMLInputElement>(el, 'input')!;
      input.value = '123456';
      const linked = oneEvent(el, 'inbox-connected');
      deepQuery<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
      await linked;
    },
  },
  {
    tag: 'channel-connect',
    attributes: { channels: 'whatsapp' },
    socket: true,
    ready: (el) => deepQuery(el, 'svg[role="img"]'),
    works: scanAndLink,
  },
  {
    tag: 'accounts-list',
    socket: true,
    prepare: async (tenant) => {
      await tenant.addChannel({ type: 'telegram', username: '@lifecycle' });
    },
    ready: (el) => part(el, 'account'),
    works: async (el, tenant) => {
      await tenant.addChannel({ type: 'instagram', username: 'added_live' });
      await waitFor(
        () => text(shadow(el).querySelector('[part="base"]')).includes('added_live'),
        'no live update',
      );
    },
  },
  {
    tag: 'accounts-list',
    prepare: async (tenant) => {
      await tenant.addChannel({ type: 'telegram', username: '@lifecycle' });
    },
    ready: (el) => part(el, 'account'),
    works: async (el, tenant) => {
      await tenant.addChannel({ type: 'instagram', username: 'added_polled' });
      await waitFor(
        () => text(shadow(el).querySelector('[part="base"]')).includes('added_polled'),
        'no poll',
      );
    },
  },
  {
    tag: 'conversation-view',
    socket: true,
    prepare: async (tenant) => {
      const conversation = await tenant.createConversation({ messages: 3 });
      return { 'conversation-id': conversation.id };
    },
    ready: (el) => part(el, 'bubble'),
    works: async (el, tenant) => {
      const id = el.getAttribute('conversation-id')!;
      await tenant.incoming(id, { text: 'Still listening' });
      await waitFor(
        () => text(part(el, 'messages')).includes('Still listening'),
        'the message did not arrive',
      );
    },
  },
  {
    tag: 'conversation-view',
    prepare: async (tenant) => {
      await tenant.createConversation({ messages: 3 });
    },
    ready: (el) => part(el, 'conversation'),
    works: async (el, tenant) => {
      const { conversations } = await tenant.state();
      await tenant.incoming(conversations[0].id, { text: 'Polled in' });
      await waitFor(() => text(part(el, 'conversations')).includes('Polled in'), 'the poll did not bring it');
    },
  },
];

async function apiRequestCount(tenant: SandboxTenant): Promise<number> {
  return (await tenant.requests()).filter((request) => request.path.startsWith('/api/v1/')).length;
}

function socketOf(tenant: SandboxTenant): SocketAdapter {
  return servicesFor({ baseUrl: tenant.baseUrl, apiKey: tenant.apiKey, socketUrl: tenant.socketUrl })!
    .socket!;
}

/**
 * Fails if the page starts a call once those already on their way are settled. Counted in the page: a
 * call aborted at the removal can still reach the sandbox's log later, on a busy machine. Only a quiet
 * stretch can show that nothing more comes: `QUIET_MS` on the page's own timers, which run in the order
 * they fall due, so a slow machine only makes it longer.
 */
async function expectQuiet(fetches: PageFetches, what: string): Promise<void> {
  await waitFor(() => fetches.pending === 0, `${what}: a call stayed unsettled`);
  const started = fetches.started;
  await delay(QUIET_MS);
  expect(fetches.urls.slice(started), `${what}: calls started after removal`).to.deep.equal([]);
}

describe('lifecycle', () => {
  let tenant: SandboxTenant;
  let watch: LeakWatch;
  let fetches: PageFetches;

  beforeEach(async () => {
    fetches = trackPageFetches();
    tenant = new SandboxTenant();
    await tenant.scenario({
      timings: { ...fastTimings, whatsappFirstQrMs: 60_000 },
      multiple_accounts: true,
    });
    watch = new LeakWatch();
  });

  afterEach(() => {
    watch.uninstall();
    fetches.restore();
  });

  for (const subject of subjects) {
    const name = `<${subject.tag}>${subject.socket ? ' with the socket' : ' polling'}`;
    it(`${name} can be removed and re-added ${CYCLES} times, works after, and leaves nothing running`, async function () {
      this.timeout(60_000);
      const extra = (await subject.prepare?.(tenant)) ?? {};
      watch.install();
      const el = await place(subject.tag, tenant, {
        attributes: { ...subject.attributes, ...extra },
        properties: { pollInterval: POLL_MS },
        socket: subject.socket,
      });
      const wrapper = el.parentElement!;
      await waitFor(() => subject.ready(el), `${name} did not start`);
      // phoenix adds its page listeners once, when the shared socket is made (showing a code can come
      // first): the listeners left after the first removal are counted only once it is made.
      if (subject.socket) {
        await waitFor(() => socketOf(tenant).state.get() === 'open', `${name}: the socket did not open`);
      }

      let afterFirst: { timers: string[]; listeners: string[] } | undefined;
      for (let cycle = 1; cycle <= CYCLES; cycle++) {
        el.remove();
        await waitFor(() => fetches.pending === 0, `cycle ${cycle}: a call stayed unanswered`);
        if (subject.socket) {
          await waitFor(
            () => socketOf(tenant).state.get() === 'idle',
            `cycle ${cycle}: the socket stayed open`,
          );
        }
        if (cycle === 1) afterFirst = watch.pending();
        const requestsBefore = await apiRequestCount(tenant);
        wrapper.append(el);
        await el.updateComplete;
        await waitFor(() => subject.ready(el), `cycle ${cycle}: ${name} did not come back`);
        if (subject.alive) await subject.alive(el);
        else {
          await waitFor(
            async () =>
              (await apiRequestCount(tenant)) > requestsBefore ||
              (subject.socket === true && socketOf(tenant).state.get() === 'open'),
            `cycle ${cycle}: nothing happened after re-adding`,
          );
        }
      }

      await subject.works(el, tenant);
      el.remove();
      if (subject.socket) {
        await waitFor(() => socketOf(tenant).state.get() === 'idle', 'the socket stayed open at the end');
      }
      await expectQuiet(fetches, name);
      const left = watch.pending();
      expect(left.listeners, 'page listeners left').to.deep.equal(afterFirst!.listeners);
      expect(left.timers.length, `timers left:\n${left.timers.join('\n')}`).to.be.at.most(
        afterFirst!.timers.length,
      );
    });
  }

  it('closes the shared socket only when the last element that uses it is gone', async function () {
    this.timeout(30_000);
    const conversation = await tenant.createConversation({ messages: 3 });
    const socket = socketOf(tenant);
    const options = { socket: true, properties: { pollInterval: 60_000 } };
    const accounts = await place('accounts-list', tenant, options);
    const inbox = await place('conversation-view', tenant, {
      ...options,
      attributes: { 'conversation-id': conversation.id },
    });
    const scanner = await place('qr-scanner', tenant, { ...options, attributes: { channel: 'whatsapp' } });
    await waitFor(() => socket.state.get() === 'open', 'the socket did not open');
    await waitFor(() => deepQuery(scanner, 'svg[role="img"]'), 'no code');

    // Every state the socket passes through from here, so a close and reopen in between is seen too.
    const states: string[] = [];
    const unlisten = socket.state.listen((state) => states.push(state));
    accounts.remove();
    scanner.remove();
    // The one left still hears the socket: the message comes after anything the removals set off.
    await tenant.incoming(conversation.id, { text: 'Still shared' });
    await waitFor(() => text(part(inbox, 'messages')).includes('Still shared'), 'the socket went quiet');
    unlisten();
    expect(states, 'socket states after the first two left').to.deep.equal([]);
    expect(socket.state.get()).to.equal('open');

    inbox.remove();
    await waitFor(() => socket.state.get() === 'idle', 'the socket stayed open');
    await expectQuiet(fetches, 'after the last element');

    // And it opens again for the next element that needs it.
    document.body.querySelector('div')?.append(inbox);
    const again = await place('accounts-list', tenant, options);
    await waitFor(() => socket.state.get() === 'open', 'the socket did not open again');
    again.remove();
    inbox.remove();
    await waitFor(() => socket.state.get() === 'idle', 'the socket stayed open');
  });
});

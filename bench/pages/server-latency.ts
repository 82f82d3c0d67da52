/**
 * The server latency page: one `<conversation-view>` connected to inbox-elements-server through its session
 * token and socket; `watch(text)` tells when a message with that text reached the screen.
 */
import '../../src/elements/conversation-view/conversation-view.js';
import type { ServerLatencyTarget } from './api.js';
import { nextFrame, stage, waitFor } from './common.js';

declare global {
  interface Window {
    serverBench?: {
      mount(target: ServerLatencyTarget): Promise<void>;
      arm(text: string, timeoutMs: number): void;
      seenAt(text: string): Promise<number>;
    };
  }
}

let view: (HTMLElement & { getToken?: () => Promise<string>; pollInterval?: number }) | undefined;

function root(): ShadowRoot {
  const shadow = view?.shadowRoot;
  if (!shadow) throw new Error('no conversation-view is mounted');
  return shadow;
}

function shows(text: string): boolean {
  for (const row of root().querySelectorAll('.message-row')) {
    if (row.textContent?.includes(text)) return true;
  }
  return false;
}

async function mount(target: ServerLatencyTarget): Promise<void> {
  const element = document.createElement('conversation-view') as NonNullable<typeof view>;
  element.setAttribute('base-url', target.baseUrl);
  element.setAttribute('socket-url', target.socketUrl);
  element.setAttribute('conversation-id', target.conversationId);
  element.setAttribute('style', '--inbox-conversation-height: 600px; width: 900px');
  element.getToken = async () => {
    const response = await fetch(`${target.baseUrl}/inbox/session`, {
      method: 'POST',
      headers: { 'x-customer': target.customerId },
    });
    const body = (await response.json()) as { data: { token: string } };
    return body.data.token;
  };
  // Only the socket may bring a message: polling would blur what is measured.
  element.pollInterval = 3_600_000;
  view = element;
  stage().append(element);
  await waitFor(root(), () => root().querySelector('.message-row') !== null, 60_000, 'the first rows');
}

const watches = new Map<string, Promise<number>>();

/** The wall-clock time (ms since the epoch) of the first frame that has a row with `text` in it. */
async function watch(text: string, timeoutMs: number): Promise<number> {
  await waitFor(root(), () => shows(text), timeoutMs, `a row with "${text}"`);
  await nextFrame();
  return performance.timeOrigin + performance.now();
}

/** Starts watching before the webhook is posted, so no render can come before the watch. */
function arm(text: string, timeoutMs: number): void {
  const watching = watch(text, timeoutMs);
  watching.catch(() => undefined);
  watches.set(text, watching);
}

function seenAt(text: string): Promise<number> {
  const watching = watches.get(text);
  if (!watching) return Promise.reject(new Error(`"${text}" was not armed`));
  watches.delete(text);
  return watching;
}

window.serverBench = { mount, arm, seenAt };

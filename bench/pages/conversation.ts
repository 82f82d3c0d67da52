/**
 * The conversation page: mounts `<conversation-view>` or the naive list against the sandbox and measures
 * them from the outside (DOM, rAF, PerformanceObserver). One list per page.
 */
import '../../src/elements/conversation-view/conversation-view.js';
import { NaiveList } from '../naive-list.js';
import { VirtualizerThread } from '../virtualizer-thread.js';
import { VirtuosoThread } from '../virtuoso-thread.js';
import type { ListTarget, LongTaskResult, MovementResult, OpenResult, ScrollResult } from './api.js';
import { expose, idleFrames, nextFrame, nextPaint, poll, stage, waitFor } from './common.js';

customElements.define('naive-list', NaiveList);
customElements.define('virtualizer-thread', VirtualizerThread);
customElements.define('virtuoso-thread', VirtuosoThread);

const TAGS = {
  element: 'conversation-view',
  naive: 'naive-list',
  'naive-paging': 'naive-list',
  virtualizer: 'virtualizer-thread',
  virtuoso: 'virtuoso-thread',
} as const;
const HEIGHT_PROPERTIES = {
  element: '--inbox-conversation-height',
  naive: '--naive-height',
  'naive-paging': '--naive-height',
  virtualizer: '--peer-height',
  virtuoso: '--peer-height',
} as const;

let list: HTMLElement | undefined;

function root(): ShadowRoot {
  const shadow = list?.shadowRoot;
  if (!shadow) throw new Error('no list is mounted');
  return shadow;
}

function rows(): NodeListOf<HTMLElement> {
  return root().querySelectorAll<HTMLElement>('.message-row');
}

function firstRow(): HTMLElement | null {
  return root().querySelector<HTMLElement>('.message-row');
}

function scroller(): HTMLElement {
  const found = root().querySelector<HTMLElement>('.scroller');
  if (!found) throw new Error('the list has no scroller');
  return found;
}

function newestText(): string {
  const all = rows();
  return all[all.length - 1]?.querySelector('.text')?.textContent?.trim() ?? '';
}

function mount(target: ListTarget): ShadowRoot {
  const element = document.createElement(TAGS[target.kind]);
  element.setAttribute('base-url', target.baseUrl);
  element.setAttribute('api-key', target.apiKey);
  element.setAttribute('conversation-id', target.conversationId);
  if (target.socketUrl) element.setAttribute('socket-url', target.socketUrl);
  if (target.kind === 'naive-paging') element.setAttribute('paging', '');
  element.setAttribute('style', `${HEIGHT_PROPERTIES[target.kind]}: 600px; width: 900px`);
  list = element;
  stage().append(element);
  return root();
}

async function open(target: ListTarget): Promise<OpenResult> {
  const started = performance.now();
  const shadow = mount(target);
  await waitFor(
    shadow,
    () => {
      const row = firstRow();
      return row !== null && row.getBoundingClientRect().height > 0;
    },
    60_000,
    'message rows',
  );
  await nextPaint();
  return { ms: performance.now() - started, rows: rows().length };
}

async function openAtNewest(target: ListTarget, newestId: string): Promise<OpenResult> {
  const started = performance.now();
  const shadow = mount(target);
  await waitFor(
    shadow,
    () => {
      const row = [...rows()].find((candidate) => candidate.dataset['key'] === newestId);
      const view = shadow.querySelector<HTMLElement>('.scroller');
      if (!row || !view) return false;
      const box = row.getBoundingClientRect();
      const frame = view.getBoundingClientRect();
      return box.height > 0 && box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1;
    },
    30_000,
    'the newest message in view',
  );
  await nextPaint();
  return { ms: performance.now() - started, rows: rows().length };
}

function nodes() {
  return { messageRows: rows().length, elements: root().querySelectorAll('*').length };
}

function scrollThrough(stepPx: number, oldestId: string, maxSteps = Infinity): Promise<ScrollResult> {
  const shadow = root();
  const frames: number[] = [];
  let changed = false;
  const observer = new MutationObserver(() => {
    changed = true;
  });
  observer.observe(shadow, { childList: true, subtree: true });
  let maxRows = rows().length;
  let steps = 0;
  let last = -1;
  let waitingSince: number | undefined;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const frame = (now: number) => {
      if (last >= 0 && changed) frames.push(now - last);
      if (changed) maxRows = Math.max(maxRows, rows().length);
      changed = false;
      last = now;
      const view = scroller();
      if (steps >= maxSteps) {
        observer.disconnect();
        resolve({ frames, maxRows, steps, ms: performance.now() - started, reachedStart: false });
        return;
      }
      if (view.scrollTop > 0) {
        view.scrollTop = Math.max(0, view.scrollTop - stepPx);
        steps++;
        changed = true;
        waitingSince = undefined;
      } else if (firstRow()?.dataset['key'] === oldestId) {
        observer.disconnect();
        resolve({ frames, maxRows, steps, ms: performance.now() - started, reachedStart: true });
        return;
      } else {
        // At the top: the older page is on its way.
        waitingSince ??= now;
        if (now - waitingSince > 20_000) {
          observer.disconnect();
          reject(new Error(`no older rows arrived within 20 s after ${steps} steps`));
          return;
        }
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

async function movement(insertions: number, oldestId: string): Promise<MovementResult> {
  const shadow = root();
  const firstFrame: number[] = [];
  const settled: number[] = [];
  let lost = 0;
  for (let index = 0; index < insertions; index++) {
    const first = firstRow();
    if (!first || first.dataset['key'] === oldestId) break;
    const view = scroller();
    // To the top; a list left at 0 by the last insertion is nudged, so that it sees a scroll at all.
    view.scrollTop = view.scrollTop === 0 ? 1 : 0;
    // The reader's row: the first message row showing at the top of the list, as it is painted now.
    const top = view.getBoundingClientRect().top;
    const watched = [...rows()].find((row) => row.getBoundingClientRect().bottom > top);
    if (!watched) throw new Error('no message row is showing');
    const key = watched.dataset['key'];
    const before = watched.getBoundingClientRect().top;
    const firstKey = first.dataset['key'];
    await waitFor(shadow, () => firstRow()?.dataset['key'] !== firstKey, 20_000, 'rows inserted above');
    const measure = () => {
      const same = [...rows()].find((row) => row.dataset['key'] === key);
      return same ? Math.abs(same.getBoundingClientRect().top - before) : undefined;
    };
    await nextFrame();
    const painted = measure();
    await nextFrame();
    await nextFrame();
    const later = measure();
    if (painted === undefined || later === undefined) lost++;
    else {
      firstFrame.push(painted);
      settled.push(later);
    }
  }
  return { firstFrame, settled, lost };
}

/**
 * Answers to older-page requests (`before=`) of any list, counted; while `holdingOlder`, each waits in
 * `heldAnswers` until released, so a measurement can choose the row it watches before the page lands.
 */
let olderRequests = 0;
let olderAnswers = 0;
let holdingOlder = false;
const heldAnswers: (() => void)[] = [];
const pageFetch = window.fetch.bind(window);
window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const older = url.includes('/messages?') && url.includes('before=');
  if (older) olderRequests++;
  const response = await pageFetch(input, init);
  if (older && holdingOlder) await new Promise<void>((resolve) => heldAnswers.push(resolve));
  if (older) olderAnswers++;
  return response;
};

function releaseOlder(): void {
  holdingOlder = false;
  for (const release of heldAnswers.splice(0)) release();
}

/**
 * Like `movement`, for older pages only and fair to virtualized lists: at the top, the list gets three
 * frames to render what is there (the older page's answer held meanwhile) before the watched row is
 * chosen; a scroll to the top that asked for no page (a window moved instead) is not counted.
 */
async function pageMovement(insertions: number, oldestId: string): Promise<MovementResult> {
  const shadow = root();
  const firstFrame: number[] = [];
  const settled: number[] = [];
  let lost = 0;
  for (let attempt = 0; firstFrame.length + lost < insertions && attempt < insertions * 6; attempt++) {
    const first = firstRow();
    if (!first || first.dataset['key'] === oldestId) break;
    const view = scroller();
    const requested = olderRequests;
    holdingOlder = true;
    view.scrollTop = view.scrollTop === 0 ? 1 : 0;
    await nextFrame();
    await nextFrame();
    await nextFrame();
    if (olderRequests === requested) {
      releaseOlder();
      continue;
    }
    const top = view.getBoundingClientRect().top;
    const watched = [...rows()].find((row) => row.getBoundingClientRect().bottom > top);
    if (!watched) throw new Error('no message row is showing');
    const key = watched.dataset['key'];
    const before = watched.getBoundingClientRect().top;
    // Rows inserted above show as another first row, or (a list that renders only what is in view and
    // keeps it there) as a taller list.
    const firstKey = firstRow()?.dataset['key'];
    const height = view.scrollHeight;
    const answers = olderAnswers;
    releaseOlder();
    await waitFor(
      shadow,
      () =>
        olderAnswers > answers && (firstRow()?.dataset['key'] !== firstKey || view.scrollHeight !== height),
      20_000,
      'rows inserted above',
    );
    const measure = () => {
      const same = [...rows()].find((row) => row.dataset['key'] === key);
      return same ? Math.abs(same.getBoundingClientRect().top - before) : undefined;
    };
    await nextFrame();
    const painted = measure();
    await nextFrame();
    await nextFrame();
    const later = measure();
    if (painted === undefined || later === undefined) lost++;
    else {
      firstFrame.push(painted);
      settled.push(later);
    }
  }
  return { firstFrame, settled, lost };
}

async function waitForNewest(text: string, timeoutMs: number): Promise<number> {
  const started = performance.now();
  await poll(() => newestText() === text, timeoutMs, `a newest row reading "${text}"`);
  return performance.now() - started;
}

let longTaskObserver: PerformanceObserver | undefined;
let longTasks: number[] = [];
let burstStarted = 0;

function startLongTasks(): void {
  longTasks = [];
  longTaskObserver = new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries()) longTasks.push(entry.duration);
  });
  longTaskObserver.observe({ type: 'longtask' });
  burstStarted = performance.now();
}

async function finishLongTasks(lastText: string, timeoutMs: number): Promise<LongTaskResult> {
  await poll(() => newestText() === lastText, timeoutMs, `the last message "${lastText}"`);
  const lastShownMs = performance.now() - burstStarted;
  await nextPaint();
  await nextPaint();
  const observer = longTaskObserver;
  if (observer) {
    for (const entry of observer.takeRecords()) longTasks.push(entry.duration);
    observer.disconnect();
  }
  return { longTasks, lastShownMs };
}

expose({
  open,
  openAtNewest,
  nodes,
  scrollThrough,
  movement,
  pageMovement,
  waitForNewest,
  startLongTasks,
  finishLongTasks,
  idleFrames,
});

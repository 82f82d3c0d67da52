import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { measureModule, type EntrySize } from '../../scripts/sizes.js';
import type { ListKind, ListTarget } from '../pages/api.js';
import { call, heapAfterGc, openPage, type HeapUsage } from './browser.js';
import { max, percentile } from './stats.js';
import { BenchTenant } from './tenant.js';

export const PEER_SIZES = [1000, 10_000, 100_000] as const;
export type PeerSize = (typeof PEER_SIZES)[number];
export const PEER_KINDS = ['element', 'virtualizer', 'virtuoso', 'naive'] as const;
export type PeerKind = (typeof PEER_KINDS)[number];

export interface ScrollPlan {
  /** Pixels scrolled per frame. */
  stepPx: number;
  /** Steps at most (the scroll ends at the oldest message or here). */
  maxSteps: number;
}

export interface PeerOptions {
  openRuns: number;
  scrollRuns: number;
  movementRuns: number;
  burstRuns: number;
  /** Older-page insertions watched per movement run. */
  insertions: number;
  burstCount: number;
  burstWithinMs: number;
  /** Every so many messages of each conversation is a photo. */
  imageEvery: number;
  scroll: Record<PeerSize, ScrollPlan>;
  /** The longest history the naive list (which fetches and renders everything) is opened with. */
  naiveUpTo: number;
}

export interface PeerScroll {
  p95: number;
  p99: number;
  /** Share of frames longer than 1.5 idle frames. */
  missed: number;
  maxRows: number;
  frames: number;
  steps: number;
  ms: number;
  reachedStart: boolean;
}

export interface PeerMovement {
  firstFrame: number;
  settled: number;
  insertions: number;
  moved: number;
  lost: number;
}

export interface PeerResult {
  /** ms per run, to the newest message painted in view. */
  open: number[];
  /** Message rows in the DOM and elements in the list's shadow root, after the first opening. */
  rows?: number;
  elements?: number;
  heap?: { before: HeapUsage; after: HeapUsage };
  scroll: PeerScroll[];
  movement: PeerMovement[];
  /** ms from the start of the burst until its last message was in the DOM, per run. */
  burst: number[];
  /** Why the open, DOM, heap, scroll and burst figures were not measured. */
  notRun?: string;
  /** Why a measurement failed for this thread (the others keep theirs), by what was measured. */
  failed: Partial<Record<'open' | 'scroll' | 'movement' | 'burst', string>>;
}

export interface PeerFigures {
  /** Opening a 50-message conversation, per kind: the base of "open within 1.5× of 50". */
  open50: Record<PeerKind, number[]>;
  bySize: Record<PeerSize, Record<PeerKind, PeerResult>>;
  /** JavaScript each thread needs, bundled alone as a host app would. */
  bytes: Record<PeerKind, EntrySize>;
  versions: { virtualizer: string; virtuoso: string; react: string; reactDom: string };
  idleFrameMs: number;
}

type Log = (line: string) => void;

const PAGE_KIND: Record<PeerKind, ListKind> = {
  element: 'element',
  virtualizer: 'virtualizer',
  virtuoso: 'virtuoso',
  naive: 'naive',
};

/** Each thread's module alone, as a page that uses only it would load it. */
const THREAD_SOURCES: Record<PeerKind, string> = {
  element: "import './src/elements/conversation-view/conversation-view.ts';",
  virtualizer:
    "import { VirtualizerThread } from './bench/virtualizer-thread.ts'; customElements.define('virtualizer-thread', VirtualizerThread);",
  virtuoso:
    "import { VirtuosoThread } from './bench/virtuoso-thread.ts'; customElements.define('virtuoso-thread', VirtuosoThread);",
  naive: "import { NaiveList } from './bench/naive-list.ts'; customElements.define('naive-list', NaiveList);",
};

function versionOf(name: string): string {
  return (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string })
    .version;
}

/** Every kind in every run, the order turning by one each run, so none always runs on a warmer machine. */
function inTurn<T>(run: number, kinds: readonly T[]): T[] {
  const shift = run % kinds.length;
  return [...kinds.slice(shift), ...kinds.slice(0, shift)];
}

/** Waits until the list shows a message sent now: then its socket is joined. */
async function socketListening(tenant: BenchTenant, page: Page, conversationId: string): Promise<void> {
  for (let attempt = 1; attempt <= 20; attempt++) {
    const text = `warm-up ${attempt}`;
    await tenant.incoming(conversationId, text);
    try {
      await call(page, 'waitForNewest', text, 1000);
      return;
    } catch {
      // Not joined yet; try again.
    }
  }
  throw new Error('the list never showed a message sent over the socket');
}

function emptyResult(notRun?: string): PeerResult {
  return { open: [], scroll: [], movement: [], burst: [], failed: {}, ...(notRun ? { notRun } : {}) };
}

/**
 * conversation-view, the two peer threads and the naive list side by side: for each history length, a
 * conversation of that many messages (every `imageEvery`-th a photo, some replies), opened, scrolled,
 * paged and sent a burst, each thread in its own fresh browser context.
 */
export async function measurePeers(
  browser: Browser,
  origin: string,
  options: PeerOptions,
  log: Log,
): Promise<PeerFigures> {
  const url = `${origin}/conversation.html`;
  const tenant = new BenchTenant(origin);
  const target = (kind: ListKind, conversationId: string, socket = false): ListTarget => ({
    kind,
    baseUrl: tenant.origin,
    apiKey: tenant.apiKey,
    conversationId,
    ...(socket ? { socketUrl: tenant.socketUrl } : {}),
  });

  const bytes = {} as Record<PeerKind, EntrySize>;
  for (const kind of PEER_KINDS) bytes[kind] = await measureModule(THREAD_SOURCES[kind], `thread-${kind}`);

  let idleFrameMs: number;
  {
    const { page, close } = await openPage(browser, url);
    idleFrameMs = percentile(await call(page, 'idleFrames', 120), 50);
    await close();
  }

  const open50 = { element: [], virtualizer: [], virtuoso: [], naive: [] } as Record<PeerKind, number[]>;
  {
    const conversationId = await tenant.createConversation(50, options.imageEvery);
    const newestId = await tenant.newestMessageId(conversationId);
    for (let run = 0; run < options.openRuns; run++) {
      for (const kind of inTurn(run, PEER_KINDS)) {
        const { page, close } = await openPage(browser, url);
        try {
          open50[kind].push(
            (await call(page, 'openAtNewest', target(PAGE_KIND[kind], conversationId), newestId)).ms,
          );
        } catch (error) {
          log(
            `  peers 50: open ${kind} failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
          );
        } finally {
          await close();
        }
      }
    }
  }
  log('  peers: open 50 done');

  /**
   * Runs one measurement of a thread in a fresh page. A failure (a thread that never shows its newest
   * message or stops loading) is kept as the reason for that thread's figures, so the others keep theirs.
   */
  const attempt = async (
    result: PeerResult,
    what: keyof PeerResult['failed'],
    label: string,
    measure: (page: Page) => Promise<void>,
  ): Promise<void> => {
    const { page, close } = await openPage(browser, url);
    try {
      await measure(page);
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      result.failed[what] ??= `failed: ${reason}`;
      log(`  peers ${label} failed: ${reason}`);
    } finally {
      await close();
    }
  };

  const bySize = {} as Record<PeerSize, Record<PeerKind, PeerResult>>;
  for (const size of PEER_SIZES) {
    const naiveSkipped =
      size > options.naiveUpTo
        ? `not run: fetches and renders all ${size.toLocaleString('en')} rows at once`
        : undefined;
    const results = {} as Record<PeerKind, PeerResult>;
    for (const kind of PEER_KINDS) results[kind] = emptyResult(kind === 'naive' ? naiveSkipped : undefined);
    const measured = PEER_KINDS.filter((kind) => !results[kind].notRun);
    const conversationId = await tenant.createConversation(size, options.imageEvery);
    const newestId = await tenant.newestMessageId(conversationId);
    const oldestId = await tenant.oldestMessageId(conversationId);

    for (let run = 0; run < options.openRuns; run++) {
      for (const kind of inTurn(run, measured)) {
        await attempt(results[kind], 'open', `${size}: open ${kind}`, async (page) => {
          const before = run === 0 ? await heapAfterGc(page) : undefined;
          const opened = await call(page, 'openAtNewest', target(PAGE_KIND[kind], conversationId), newestId);
          results[kind].open.push(opened.ms);
          if (before) {
            const nodes = await call(page, 'nodes');
            results[kind].rows = nodes.messageRows;
            results[kind].elements = nodes.elements;
            results[kind].heap = { before, after: await heapAfterGc(page) };
          }
        });
      }
    }
    log(`  peers ${size}: open done`);

    const plan = options.scroll[size];
    for (let run = 0; run < options.scrollRuns; run++) {
      for (const kind of inTurn(run, measured)) {
        await attempt(results[kind], 'scroll', `${size}: scroll ${kind}`, async (page) => {
          await call(page, 'openAtNewest', target(PAGE_KIND[kind], conversationId), newestId);
          const result = await call(page, 'scrollThrough', plan.stepPx, oldestId, plan.maxSteps);
          results[kind].scroll.push({
            p95: percentile(result.frames, 95),
            p99: percentile(result.frames, 99),
            missed: result.frames.filter((frame) => frame > 1.5 * idleFrameMs).length / result.frames.length,
            maxRows: result.maxRows,
            frames: result.frames.length,
            steps: result.steps,
            ms: result.ms,
            reachedStart: result.reachedStart,
          });
          log(
            `  peers ${size}: scroll ${kind} run ${run + 1}: ${(result.ms / 1000).toFixed(1)} s, ${result.steps} steps${result.reachedStart ? ', reached the oldest' : ''}`,
          );
        });
      }
    }

    for (let run = 0; run < options.movementRuns; run++) {
      for (const kind of inTurn(run, PEER_KINDS)) {
        // The naive list pages here (its everything-at-once form never inserts above the reader).
        const listKind = kind === 'naive' ? 'naive-paging' : PAGE_KIND[kind];
        await attempt(results[kind], 'movement', `${size}: movement ${kind}`, async (page) => {
          await call(page, 'openAtNewest', target(listKind, conversationId), newestId);
          const result = await call(page, 'pageMovement', options.insertions, oldestId);
          results[kind].movement.push({
            firstFrame: max(result.firstFrame),
            settled: max(result.settled),
            insertions: result.firstFrame.length + result.lost,
            moved: result.firstFrame.filter((px) => px >= 1).length,
            lost: result.lost,
          });
        });
      }
    }
    log(`  peers ${size}: movement done`);

    for (let run = 0; run < options.burstRuns; run++) {
      for (const kind of inTurn(run, measured)) {
        const burstConversation = await tenant.createConversation(size, options.imageEvery);
        const burstNewest = await tenant.newestMessageId(burstConversation);
        await attempt(results[kind], 'burst', `${size}: burst ${kind}`, async (page) => {
          await call(page, 'openAtNewest', target(PAGE_KIND[kind], burstConversation, true), burstNewest);
          await socketListening(tenant, page, burstConversation);
          await call(page, 'startLongTasks');
          await tenant.burst(burstConversation, options.burstCount, options.burstWithinMs, 'Burst');
          const result = await call(page, 'finishLongTasks', `Burst ${options.burstCount}`, 120_000);
          results[kind].burst.push(result.lastShownMs);
          log(
            `  peers ${size}: burst ${kind} run ${run + 1}: last shown after ${Math.round(result.lastShownMs)} ms`,
          );
        });
      }
    }
    bySize[size] = results;
  }

  return {
    open50,
    bySize,
    bytes,
    versions: {
      virtualizer: versionOf('@lit-labs/virtualizer'),
      virtuoso: versionOf('react-virtuoso'),
      react: versionOf('react'),
      reactDom: versionOf('react-dom'),
    },
    idleFrameMs,
  };
}

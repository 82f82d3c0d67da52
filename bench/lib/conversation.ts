import type { Browser, Page } from 'playwright-core';
import type { ListKind, ListTarget, NodeCount } from '../pages/api.js';
import { call, heapAfterGc, openPage, type HeapUsage } from './browser.js';
import { max, percentile } from './stats.js';
import { BenchTenant } from './tenant.js';

export const HISTORY_LENGTHS = [50, 1000, 10_000] as const;
export type HistoryLength = (typeof HISTORY_LENGTHS)[number];
type Compared = 'element' | 'naive';

export interface ConversationOptions {
  openRuns: number;
  scrollRuns: number;
  movementRuns: number;
  burstRuns: number;
  /** Pixels scrolled per frame. */
  scrollStepPx: number;
  /** Older-page (or window) insertions watched per movement run. */
  insertions: number;
  burstCount: number;
  burstWithinMs: number;
  /** History of the conversation the burst arrives in. */
  burstHistory: number;
}

export interface ConversationFigures {
  /** ms per run, by history length and list. */
  open: Record<HistoryLength, Record<Compared, number[]>>;
  /** After opening 10,000 messages, per run. */
  nodes: Record<Compared, NodeCount[]>;
  heap: Record<Compared, { before: HeapUsage; after: HeapUsage }[]>;
  /** Per run; `missed` is the share of frames longer than 1.5 idle frames (a display frame skipped). */
  scroll: Record<Compared, { p95: number; missed: number; maxRows: number; frames: number; ms: number }[]>;
  /** Per run: the largest movement in the first painted frame and two frames later, and how many moved. */
  movement: Record<
    'element' | 'naive-paging',
    { firstFrame: number; settled: number; insertions: number; moved: number; lost: number }[]
  >;
  burst: Record<Compared, { longTasks: number[]; lastShownMs: number }[]>;
  /** rAF interval with nothing to do: the display's frame budget in this browser. */
  idleFrameMs: number;
}

type Log = (line: string) => void;

function target(tenant: BenchTenant, kind: ListKind, conversationId: string, socket = false): ListTarget {
  return {
    kind,
    baseUrl: tenant.origin,
    apiKey: tenant.apiKey,
    conversationId,
    ...(socket ? { socketUrl: tenant.socketUrl } : {}),
  };
}

/** Both lists in every run, the first one alternating, so neither always runs on a warmer machine. */
function inTurn<T>(run: number, kinds: readonly [T, T]): readonly T[] {
  return run % 2 === 0 ? kinds : [kinds[1], kinds[0]];
}

const COMPARED = ['element', 'naive'] as const;

/**
 * Waits until the list shows a message sent now: then its socket is joined. The naive list does not
 * catch up on what it missed before joining, so a message that came too early is followed by another.
 */
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

export async function measureConversation(
  browser: Browser,
  origin: string,
  options: ConversationOptions,
  log: Log,
): Promise<ConversationFigures> {
  const url = `${origin}/conversation.html`;
  const figures: ConversationFigures = {
    open: {
      50: { element: [], naive: [] },
      1000: { element: [], naive: [] },
      10000: { element: [], naive: [] },
    },
    nodes: { element: [], naive: [] },
    heap: { element: [], naive: [] },
    scroll: { element: [], naive: [] },
    movement: { element: [], 'naive-paging': [] },
    burst: { element: [], naive: [] },
    idleFrameMs: 0,
  };

  {
    const { page, close } = await openPage(browser, url);
    figures.idleFrameMs = percentile(await call(page, 'idleFrames', 120), 50);
    await close();
  }

  const tenant = new BenchTenant(origin);
  const conversations = {} as Record<HistoryLength, string>;
  for (const length of HISTORY_LENGTHS) conversations[length] = await tenant.createConversation(length);
  const longest = conversations[10_000];
  const oldest = await tenant.oldestMessageId(longest);

  // Time to the first rendered messages; at 10,000 also the DOM and the heap it leaves.
  for (const length of HISTORY_LENGTHS) {
    for (let run = 0; run < options.openRuns; run++) {
      for (const kind of inTurn(run, COMPARED)) {
        const { page, close } = await openPage(browser, url);
        const before = length === 10_000 ? await heapAfterGc(page) : undefined;
        const opened = await call(page, 'open', target(tenant, kind, conversations[length]));
        figures.open[length][kind].push(opened.ms);
        if (before) {
          figures.nodes[kind].push(await call(page, 'nodes'));
          figures.heap[kind].push({ before, after: await heapAfterGc(page) });
        }
        await close();
      }
    }
    log(`  open ${length}: done`);
  }

  // Scrolling the whole 10,000-message history from the newest message to the oldest.
  for (let run = 0; run < options.scrollRuns; run++) {
    for (const kind of inTurn(run, COMPARED)) {
      const { page, close } = await openPage(browser, url);
      await call(page, 'open', target(tenant, kind, longest));
      const result = await call(page, 'scrollThrough', options.scrollStepPx, oldest);
      if (!result.reachedStart) throw new Error(`${kind} did not reach the oldest message`);
      figures.scroll[kind].push({
        p95: percentile(result.frames, 95),
        missed:
          result.frames.filter((frame) => frame > 1.5 * figures.idleFrameMs).length / result.frames.length,
        maxRows: result.maxRows,
        frames: result.frames.length,
        ms: result.ms,
      });
      await close();
      log(
        `  scroll ${kind} run ${run + 1}: ${(result.ms / 1000).toFixed(1)} s, ${result.frames.length} frames`,
      );
    }
  }

  // Rows inserted above the reader while at the top of what is loaded.
  for (let run = 0; run < options.movementRuns; run++) {
    for (const kind of inTurn(run, ['element', 'naive-paging'] as const)) {
      const { page, close } = await openPage(browser, url);
      await call(page, 'open', target(tenant, kind, longest));
      const result = await call(page, 'movement', options.insertions, oldest);
      figures.movement[kind].push({
        firstFrame: max(result.firstFrame),
        settled: max(result.settled),
        insertions: result.firstFrame.length + result.lost,
        moved: result.firstFrame.filter((px) => px >= 1).length,
        lost: result.lost,
      });
      await close();
    }
  }
  log('  movement: done');

  // 1,000 messages arriving within one second over the socket, in a fresh conversation each time.
  for (let run = 0; run < options.burstRuns; run++) {
    for (const kind of inTurn(run, COMPARED)) {
      const conversationId = await tenant.createConversation(options.burstHistory);
      const { page, close } = await openPage(browser, url);
      await call(page, 'open', target(tenant, kind, conversationId, true));
      await socketListening(tenant, page, conversationId);
      await call(page, 'startLongTasks');
      await tenant.burst(conversationId, options.burstCount, options.burstWithinMs, 'Burst');
      const result = await call(page, 'finishLongTasks', `Burst ${options.burstCount}`, 120_000);
      figures.burst[kind].push(result);
      await close();
      log(
        `  burst ${kind} run ${run + 1}: ${result.longTasks.length} long tasks, last shown after ${Math.round(result.lastShownMs)} ms`,
      );
    }
  }
  return figures;
}

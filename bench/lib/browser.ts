import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import type { BenchApi } from '../pages/api.js';

export function launch(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}

export interface BenchPage {
  page: Page;
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A fresh context (no cache, storage or compiled code from earlier runs) with one page at `url`, once the
 * page's `window.bench` is there. Page errors fail the run rather than skewing it.
 */
export async function openPage(browser: Browser, url: string, waitForBench = true): Promise<BenchPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(url);
  if (waitForBench) await page.waitForFunction('window.bench && window.bench.ready === true');
  if (errors.length > 0) throw errors[0];
  return { page, context, close: () => context.close() };
}

type Api = Required<BenchApi>;

/** Calls `window.bench[name](...args)` in the page and returns what it resolves to. */
export async function call<K extends keyof Api>(
  page: Page,
  name: K,
  ...args: Parameters<Api[K]>
): Promise<Awaited<ReturnType<Api[K]>>> {
  const result: unknown = await page.evaluate(
    ([method, values]) => {
      const api = (globalThis as unknown as { bench: Record<string, (...input: unknown[]) => unknown> })
        .bench;
      return api[method](...values);
    },
    [name, args] as [string, unknown[]],
  );
  return result as Awaited<ReturnType<Api[K]>>;
}

export interface HeapUsage {
  /** V8's JavaScript heap in use. */
  jsBytes: number;
  /** Blink's garbage-collected heap in use (DOM nodes and other platform objects); 0 when not reported. */
  embedderBytes: number;
  /** DOM nodes alive in the page, shadow trees included. */
  domNodes: number;
}

/** The heaps after two full garbage collections, and the DOM's node count, through the DevTools protocol. */
export async function heapAfterGc(page: Page): Promise<HeapUsage> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.enable');
    await session.send('HeapProfiler.collectGarbage');
    await session.send('HeapProfiler.collectGarbage');
    const usage = (await session.send('Runtime.getHeapUsage')) as {
      usedSize: number;
      embedderHeapUsedSize?: number;
    };
    const counters = await session.send('Memory.getDOMCounters');
    return {
      jsBytes: usage.usedSize,
      embedderBytes: usage.embedderHeapUsedSize ?? 0,
      domNodes: counters.nodes,
    };
  } finally {
    await session.detach();
  }
}

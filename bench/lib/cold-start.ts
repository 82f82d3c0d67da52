import type { Browser } from 'playwright-core';
import type { ColdStartResult } from '../pages/api.js';
import { call, openPage } from './browser.js';

export type ColdScript = 'esm' | 'classic';

export type ColdStartFigures = Partial<Record<ColdScript, ColdStartResult[]>>;

/**
 * A page with one `<channel-connect>`, loaded in a fresh context each run (nothing cached, nothing
 * compiled): the channel-connect entry point as a bundler ships it (ES modules, split), and the classic
 * script-tag bundle when it was built.
 */
export async function measureColdStart(
  browser: Browser,
  origin: string,
  runs: number,
  classic: boolean,
): Promise<ColdStartFigures> {
  const figures: ColdStartFigures = {};
  const scripts: ColdScript[] = classic ? ['esm', 'classic'] : ['esm'];
  for (let run = 0; run < runs; run++) {
    for (const script of scripts) {
      const { page, close } = await openPage(browser, `${origin}/cold-${script}.html`);
      (figures[script] ??= []).push(await call(page, 'coldStart'));
      await close();
    }
  }
  return figures;
}

/**
 * `npm run bench`: builds the library, measures sizes, then runs every browser figure in headless Chromium
 * against the sandbox, and writes BENCHMARKS.md. See bench/README.md.
 *
 * BENCH_QUICK=1 takes one run of everything (to try the bench, not to quote); BENCH_SKIP_BUILD=1 skips
 * `npm run build` (the classic bundle is then measured only if dist/ already has it). BENCH_SERVER_ONLY=1
 * measures only inbox-elements-server and replaces its section in the BENCHMARKS.md already there;
 * BENCH_ONLY=peers likewise measures only conversation-view next to its peers (without a build), and
 * BENCH_ONLY=first-screen the bytes and requests to each page's first screen (with dist/ as it is).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSandbox } from '../sandbox/sandbox.js';
import { buildPages } from './lib/bundles.js';
import { launch } from './lib/browser.js';
import { measureColdStart } from './lib/cold-start.js';
import { addFirstScreenPages, measureFirstScreen } from './lib/first-screen.js';
import { firstScreenSection, spliceFirstScreenSection } from './lib/first-screen-report.js';
import { measureConversation, type ConversationOptions } from './lib/conversation.js';
import { describeMachine } from './lib/machine.js';
import { measurePeers, type PeerOptions } from './lib/peers.js';
import { peersSection, splicePeersSection } from './lib/peers-report.js';
import { measureQr, type QrOptions } from './lib/qr.js';
import { renderReport, type BuildNote } from './lib/report.js';
import { measureServer } from './server/measure.js';
import type { ServerBenchOptions } from './server/options.js';
import { serverSection, spliceServerSection } from './server/report.js';
import { startServer } from './lib/server.js';
import { packPackage, removePacked } from '../scripts/package-tarball.js';
import { CLASSIC_BUNDLE, classicLazyFiles, measureSizes } from './lib/sizes.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const quick = process.env['BENCH_QUICK'] === '1';
const conversationOptions: ConversationOptions = {
  openRuns: quick ? 1 : 5,
  scrollRuns: quick ? 1 : 3,
  movementRuns: quick ? 1 : 3,
  burstRuns: quick ? 1 : 3,
  scrollStepPx: 400,
  insertions: 12,
  burstCount: 1000,
  burstWithinMs: 1000,
  burstHistory: 1000,
};
const peerOptions: PeerOptions = {
  openRuns: quick ? 1 : 5,
  scrollRuns: 1,
  movementRuns: quick ? 1 : 2,
  burstRuns: quick ? 1 : 2,
  insertions: 12,
  burstCount: 1000,
  burstWithinMs: 1000,
  imageEvery: 20,
  // The whole history of 1,000 messages; of 10,000 and 100,000 the same 400,000 px for every thread.
  scroll: {
    1000: { stepPx: 400, maxSteps: 1000 },
    10_000: { stepPx: 400, maxSteps: 1000 },
    100_000: { stepPx: 400, maxSteps: 1000 },
  },
  naiveUpTo: 10_000,
};
const qrOptions: QrOptions = {
  drawRuns: quick ? 1 : 7,
  repeatRuns: quick ? 1 : 3,
  repeats: 10,
  requestRuns: quick ? 1 : 3,
  windowMs: quick ? 5000 : 20_000,
};
const coldRuns = quick ? 2 : 10;
const serverOptions: ServerBenchOptions = {
  webhooks: quick ? 300 : 2000,
  concurrency: 8,
  latencySamples: quick ? 20 : 200,
  loopLimitMs: 120_000,
};

const startedAt = Date.now();
function log(line: string): void {
  process.stdout.write(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);
}

function build(): BuildNote {
  if (process.env['BENCH_SKIP_BUILD'] === '1')
    return { ran: false, ok: true, detail: 'skipped (BENCH_SKIP_BUILD=1)' };
  log('npm run build');
  const result = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status === 0) return { ran: true, ok: true, detail: 'ok' };
  const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-8).join('\n');
  log(`npm run build failed; the classic bundle is measured only if an earlier build left it\n${output}`);
  return { ran: true, ok: false, detail: output };
}

if (process.env['BENCH_SERVER_ONLY'] === '1') {
  const browser = await launch();
  try {
    const figures = await measureServer(browser, serverOptions, log);
    const existing = existsSync('BENCHMARKS.md') ? readFileSync('BENCHMARKS.md', 'utf8') : '# Benchmarks\n';
    writeFileSync(
      'BENCHMARKS.md',
      spliceServerSection(existing, serverSection(figures, serverOptions, new Date())),
    );
    log('wrote the server section of BENCHMARKS.md');
  } finally {
    await browser.close();
  }
  process.exit(0);
}

if (process.env['BENCH_ONLY'] === 'peers') {
  log('bundling the bench pages');
  const sandbox = createSandbox();
  const server = await startServer(sandbox, await buildPages());
  const browser = await launch();
  try {
    const figures = await measurePeers(browser, server.origin, peerOptions, log);
    const existing = existsSync('BENCHMARKS.md') ? readFileSync('BENCHMARKS.md', 'utf8') : '# Benchmarks\n';
    writeFileSync('BENCHMARKS.md', splicePeersSection(existing, peersSection(figures, peerOptions)));
    log('wrote the peers section of BENCHMARKS.md');
  } finally {
    await browser.close();
    await server.close();
  }
  process.exit(0);
}

/** The served pages, with the classic script and its chunks when dist/ has them. */
async function benchFiles() {
  const files = await buildPages();
  if (existsSync(CLASSIC_BUNDLE)) {
    for (const path of [CLASSIC_BUNDLE, ...classicLazyFiles()]) files.set(`/${path}`, readFileSync(path));
  }
  const firstScreenPages = await addFirstScreenPages(files, existsSync(CLASSIC_BUNDLE));
  return { files, firstScreenPages };
}

if (process.env['BENCH_ONLY'] === 'first-screen') {
  log('bundling the bench pages');
  const { files, firstScreenPages } = await benchFiles();
  const server = await startServer(createSandbox(), files);
  const browser = await launch();
  try {
    const figures = await measureFirstScreen(browser, server.origin, files, firstScreenPages, [
      ...(existsSync(CLASSIC_BUNDLE) ? [CLASSIC_BUNDLE, ...classicLazyFiles()] : []),
    ]);
    const existing = existsSync('BENCHMARKS.md') ? readFileSync('BENCHMARKS.md', 'utf8') : '# Benchmarks\n';
    writeFileSync('BENCHMARKS.md', spliceFirstScreenSection(existing, firstScreenSection(figures)));
    log('wrote the first-screen section of BENCHMARKS.md');
  } finally {
    await browser.close();
    await server.close();
  }
  process.exit(0);
}

const buildNote = build();
log('sizes');
const sizes = await measureSizes();
log('package tarball');
const tarball = packPackage();
removePacked(tarball);

log('bundling the bench pages');
const { files, firstScreenPages } = await benchFiles();

const sandbox = createSandbox();
const server = await startServer(sandbox, files);
const browser = await launch();
try {
  const machine = describeMachine(browser.version());
  log(`conversation-view (Chromium ${machine.chromium}, ${server.origin})`);
  const conversation = await measureConversation(browser, server.origin, conversationOptions, log);
  log('conversation-view next to its peers');
  const peers = await measurePeers(browser, server.origin, peerOptions, log);
  log('qr-scanner');
  const qr = await measureQr(browser, server.origin, qrOptions, log);
  log('cold start');
  const cold = await measureColdStart(browser, server.origin, coldRuns, files.has(`/${CLASSIC_BUNDLE}`));
  log('bytes to the first screen');
  const firstScreen = await measureFirstScreen(browser, server.origin, files, firstScreenPages, [
    ...(files.has(`/${CLASSIC_BUNDLE}`) ? [CLASSIC_BUNDLE, ...classicLazyFiles()] : []),
  ]);
  const serverFigures = await measureServer(browser, serverOptions, log);
  const report = renderReport({
    date: new Date(),
    machine,
    quick,
    build: buildNote,
    durationMs: Date.now() - startedAt,
    sizes,
    tarball,
    conversation,
    conversationOptions,
    peers,
    peerOptions,
    qr,
    qrOptions,
    cold,
    coldRuns,
    firstScreen,
    server: serverFigures,
    serverOptions,
  });
  writeFileSync('BENCHMARKS.md', report);
  log(`wrote BENCHMARKS.md in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
} finally {
  await browser.close();
  await server.close();
}

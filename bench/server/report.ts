import { fixed, max, percentile } from '../lib/stats.js';
import type { Rate } from './load.js';
import type { Measured, ServerFigures } from './measure.js';
import type { ServerBenchOptions } from './options.js';

export const SERVER_HEADING = '## inbox-elements-server';

function cellTable(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, column) => (column === 0 ? '---' : '---:'))), ...rows.map(line)].join(
    '\n',
  );
}

function shown<T>(figure: Measured<T>, show: (value: T) => string): string {
  if ('value' in figure) return show(figure.value);
  return figure.missing.startsWith('not measured') ? 'not measured' : 'failed (below)';
}

/** Why each missing figure is missing, once each. */
function missingNotes(figures: ServerFigures): string {
  const named: [string, Measured<unknown>][] = [
    ['Webhooks stored, PGlite', figures.stored.pglite],
    ['Webhooks stored, PostgreSQL', figures.stored.postgres],
    ['PostgreSQL single-row inserts', figures.ceiling],
    ['Webhook to screen, PGlite', figures.latency.pgliteOne],
    ['Webhook to screen, PostgreSQL, one process', figures.latency.postgresOne],
    ['Webhook to screen, PostgreSQL, two processes', figures.latency.postgresTwo],
  ];
  const lines = named.flatMap(([name, figure]) =>
    'missing' in figure ? [`- ${name}: ${figure.missing}`] : [],
  );
  return lines.length === 0 ? '' : `\nMissing figures:\n\n${lines.join('\n')}\n`;
}

function perSecond(rate: Rate): string {
  return `**${fixed(rate.perSecond, 0)}**`;
}

function rateDetail(rate: Rate): string {
  const cut = rate.cut ? ', stopped at the time limit' : '';
  const failed = rate.failed > 0 ? `, ${rate.failed} failed` : '';
  return `${rate.count} in ${fixed(rate.ms / 1000, 1)} s${failed}${cut}`;
}

function latencyCell(samples: number[], p: number): string {
  return `**${fixed(percentile(samples, p), 0)}**`;
}

/** The server's part of BENCHMARKS.md. */
export function serverSection(figures: ServerFigures, options: ServerBenchOptions, aloneAt?: Date): string {
  const { stored, latency, ceiling } = figures;
  const share =
    'value' in stored.postgres && 'value' in ceiling
      ? `${fixed((stored.postgres.value.perSecond / ceiling.value.perSecond) * 100, 0)} % of the ceiling`
      : '—';
  const storedTable = cellTable(
    ['', 'PGlite (embedded)', 'PostgreSQL', 'PostgreSQL alone: single-row INSERTs (ceiling)'],
    [
      [
        'per second',
        shown(stored.pglite, perSecond),
        shown(stored.postgres, perSecond),
        shown(ceiling, perSecond),
      ],
      [
        'count, time',
        shown(stored.pglite, rateDetail),
        shown(stored.postgres, rateDetail),
        shown(ceiling, rateDetail),
      ],
      ['against the ceiling', '—', share, '100 %'],
    ],
  );
  const latencies = [latency.pgliteOne, latency.postgresOne, latency.postgresTwo];
  const row = (name: string, show: (samples: number[]) => string) => [
    name,
    ...latencies.map((figure) => shown(figure, show)),
  ];
  const latencyTable = cellTable(
    ['ms', 'PGlite, one process', 'PostgreSQL, one process', 'PostgreSQL, two processes (A → B)'],
    [
      row('p50', (samples) => latencyCell(samples, 50)),
      row('p99', (samples) => latencyCell(samples, 99)),
      row('max', (samples) => fixed(max(samples), 0)),
      row('samples', (samples) => String(samples.length)),
    ],
  );
  const alone = aloneAt
    ? `Measured alone (\`BENCH_SERVER_ONLY=1\`) at ${aloneAt
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC')}, on the machine above.\n\n`
    : '';
  return `${SERVER_HEADING}

${alone}The server package (\`server/\`) on each database it supports, in one run. The webhooks are the
server's own test provider's (one incoming text message each,
\`server/test/fixtures/webhook-provider.ts\`), so the figures are the server's path (HTTP, store, event
bus, socket), not a provider adapter's parsing.

PostgreSQL: ${figures.postgres}.

### Webhooks stored per second

${storedTable}

${options.webhooks} webhooks (after 100 to warm up), each a distinct incoming message spread over 10
conversations of one customer, posted over loopback with ${options.concurrency} in flight to one server
process of its own; a webhook counts once the server answered 200, which it does after the message is
stored. The ceiling is ten times that count (so it lasts long enough to time) of single-row \`INSERT\`s into a four-column table through \`pg\`,
${options.concurrency} connections, no server in between: what PostgreSQL does on this machine by itself.

### Webhook to screen

${latencyTable}

A \`<conversation-view>\` in headless Chromium, connected to the server with a session token and the
server's socket (polling off), shows one conversation; webhooks are posted one at a time. Each sample is
from just before the post (Node's clock) to the first animation frame after the message's row is in the
DOM (the page's clock; both are the machine's wall clock). One process: the webhook goes to the server the
page talks to. Two processes: the webhook goes to process A, the page talks to process B, both on the same
PostgreSQL, and the message reaches B through the database. The embedded database lives inside one
process and cannot be shared, so PGlite has no two-process column. The machine's load (other jobs
included) shows in the tail.
${missingNotes(figures)}`;
}

/** `markdown` with its server section replaced by `section` (or added before the methods, or at the end). */
export function spliceServerSection(markdown: string, section: string): string {
  const start = markdown.indexOf(`\n${SERVER_HEADING}\n`);
  if (start >= 0) {
    const next = markdown.slice(start + 1 + SERVER_HEADING.length).search(/\n## /);
    const end = next < 0 ? markdown.length : start + 1 + SERVER_HEADING.length + next;
    return `${markdown.slice(0, start + 1)}${section}${markdown.slice(end)}`;
  }
  const methods = markdown.indexOf('\n## How it is measured');
  if (methods >= 0) return `${markdown.slice(0, methods + 1)}${section}\n${markdown.slice(methods + 1)}`;
  return `${markdown.trimEnd()}\n\n${section}`;
}

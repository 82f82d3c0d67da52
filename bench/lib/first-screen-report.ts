import type { FirstScreenFigures } from './first-screen.js';
import { table } from './report.js';

const HEADING = '## Bytes to the first screen';
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
/** Issue 18's targets for a connect page: what it needs until its first QR code. */
const CONNECT_BUDGET = { brotli: 30 * 1024, requests: 3 };
/** Issue 18's target for everything the classic script may ever fetch. */
const CLASSIC_BUDGET = 60 * 1024;

export function firstScreenSection(figures: FirstScreenFigures): string {
  const rows = figures.rows.map((row) => [
    row.label,
    row.screen,
    kb(row.scriptBrotli),
    `${row.laterFiles.length}`,
    kb(row.laterBrotli),
    kb(row.scriptBrotli + row.laterBrotli),
    `${row.apiCalls}`,
    `${Math.round(row.ms)} ms`,
  ]);
  const connect = figures.rows.filter((row) => row.screen === 'first QR drawn');
  const connectLines = connect.map((row) => {
    const total = row.scriptBrotli + row.laterBrotli;
    const pass = total <= CONNECT_BUDGET.brotli && row.laterFiles.length <= CONNECT_BUDGET.requests;
    return `- ${row.label}: ${kb(total)} and ${row.laterFiles.length} requests after the script (target ${kb(CONNECT_BUDGET.brotli)} and ${CONNECT_BUDGET.requests}): ${pass ? '**pass**' : '**FAIL**'}`;
  });
  const everything = figures.classicEverything;
  const classicLine = everything
    ? `- Everything the classic script may ever fetch (${everything.files} files, it included): ${kb(everything.brotli)} (target ${kb(CLASSIC_BUDGET)}): ${everything.brotli <= CLASSIC_BUDGET ? '**pass**' : '**FAIL**'}`
    : '- The classic script was not built, so it is not measured.';
  const files = figures.rows
    .map((row) => `- ${row.label}: ${row.laterFiles.map((file) => `\`${file}\``).join(', ') || 'none'}`)
    .join('\n');
  return `${HEADING}

Each page kind loaded once in a fresh context against the sandbox (\`bench/lib/first-screen.ts\`), until its
first useful screen: the first QR code drawn (the probe picks WhatsApp as a user would), the account list
filled, the newest messages shown. JavaScript counted from the page's resource timing, each file brotli
(quality 11) as served; "after" is what the script fetched beside itself. ES module pages are each element's
entry bundled the way a host's bundler does (esbuild, minified, split at \`import()\`). Backend calls are
listed apart: they are not JavaScript.

${table(['page', 'screen', 'script', 'files after', 'after', 'JS total', 'API calls', 'time'], rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'])}

${connectLines.join('\n')}
${classicLine}

Files fetched after the script, in order:

${files}
`;
}

/** Puts `section` in place of the one in `markdown` (before "How it is measured" when there is none). */
export function spliceFirstScreenSection(markdown: string, section: string): string {
  const start = markdown.indexOf(`\n${HEADING}\n`);
  if (start >= 0) {
    const next = markdown.slice(start + 1 + HEADING.length).search(/\n## /);
    const end = next < 0 ? markdown.length : start + 1 + HEADING.length + next;
    return `${markdown.slice(0, start + 1)}${section}${markdown.slice(end)}`;
  }
  const methods = markdown.indexOf('\n## How it is measured');
  if (methods >= 0) return `${markdown.slice(0, methods + 1)}${section}\n${markdown.slice(methods + 1)}`;
  return `${markdown.trimEnd()}\n\n${section}`;
}

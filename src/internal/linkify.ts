import { safeUrl } from './safe-url.js';

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Closing punctuation that usually ends a sentence rather than the URL before it. */
const TRAILING = /[.,;:!?)\]}'"»]+$/;

/**
 * Splits message text into plain runs and links. Only `https:` URLs become links; everything else,
 * `http:` and `javascript:` included, stays text.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let rest = 0;
  for (const match of text.matchAll(/https:\/\/[^\s<>]+/gi)) {
    let candidate = match[0];
    const trailing = TRAILING.exec(candidate)?.[0] ?? '';
    candidate = candidate.slice(0, candidate.length - trailing.length);
    const href = safeUrl(candidate);
    if (!href || !href.startsWith('https:')) continue;
    if (match.index > rest) parts.push({ kind: 'text', text: text.slice(rest, match.index) });
    parts.push({ kind: 'link', text: candidate, href });
    rest = match.index + candidate.length;
  }
  if (rest < text.length) parts.push({ kind: 'text', text: text.slice(rest) });
  return parts;
}

import type { NativeEmoji } from 'emoji-picker-element/shared.js';
import { EMOJI_LINES } from './emoji-data.js';

/** The skin tone modifiers, light to dark (tones 1 to 5). */
const TONE_MODIFIERS = ['\u{1F3FB}', '\u{1F3FC}', '\u{1F3FD}', '\u{1F3FE}', '\u{1F3FF}'];

/** An emoji of the list bundled with the library, with the words a search matches. */
export interface BundledEmoji extends NativeEmoji {
  tokens: string[];
}

function withTone(emoji: string, modifier: string): string {
  const [first, ...rest] = [...emoji.replace(/\uFE0F/gu, '')];
  return [first, modifier, ...rest].join('');
}

function parse(line: string, order: number): BundledEmoji {
  const [unicode, name, group, keywords, toned] = line.split('|');
  const tags = keywords ? keywords.split(' ') : [];
  return {
    annotation: name,
    name,
    unicode,
    group: Number(group),
    order,
    tags,
    version: 0,
    tokens: [...name.split(' '), ...tags].map((token) => token.toLocaleLowerCase()),
    ...(toned
      ? {
          skins: TONE_MODIFIERS.map((modifier, index) => ({
            tone: index + 1,
            unicode: withTone(unicode, modifier),
            version: 0,
          })),
        }
      : {}),
  };
}

let parsed: readonly BundledEmoji[] | undefined;

/** The bundled emoji in the picker's order, parsed on first use. */
export function bundledEmoji(): readonly BundledEmoji[] {
  parsed ??= EMOJI_LINES.map(parse);
  return parsed;
}

/** The bundled emoji of which every word of `query` starts a word of the name or keywords. */
export function searchEmoji(query: string): BundledEmoji[] {
  const words = query
    .toLocaleLowerCase()
    .split(/[\s_]+/u)
    .filter(Boolean);
  return bundledEmoji().filter((emoji) =>
    words.every((word) => emoji.tokens.some((token) => token.startsWith(word))),
  );
}

/** Where a search's match lies in a text: `text.slice(start, end)` is what matched. */
export interface MatchRange {
  start: number;
  end: number;
}

/**
 * Where `query` first occurs in `text`, whatever the case, in indexes of `text` itself. Lower case can
 * change a character's length ("İ" becomes "i̇", two code units), so the search runs on a lower-cased copy
 * in which every code unit remembers the character of `text` it came from; a match that starts or ends
 * inside such a character takes the whole character.
 */
export function matchRange(text: string, query: string): MatchRange | undefined {
  const needle = lowerEachCharacter(query).folded;
  if (needle === '') return undefined;
  const { folded, origins } = lowerEachCharacter(text);
  const at = folded.indexOf(needle);
  if (at < 0) return undefined;
  const last = origins[at + needle.length - 1];
  return { start: origins[at], end: last + characterAt(text, last).length };
}

/** `text` lower-cased one character (code point) at a time, and where in `text` each code unit came from. */
function lowerEachCharacter(text: string): { folded: string; origins: number[] } {
  let folded = '';
  const origins: number[] = [];
  for (let index = 0; index < text.length;) {
    const character = characterAt(text, index);
    const lower = character.toLowerCase();
    folded += lower;
    for (let unit = 0; unit < lower.length; unit += 1) origins.push(index);
    index += character.length;
  }
  return { folded, origins };
}

function characterAt(text: string, index: number): string {
  return String.fromCodePoint(text.codePointAt(index)!);
}

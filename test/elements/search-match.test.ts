/** Where a search's match lies in a message's text, in the text's own indexes, whatever the case. */
import { expect } from '@open-wc/testing';
import { matchRange } from '../../src/elements/conversation-view/search-match.js';

function marked(text: string, query: string): string | undefined {
  const match = matchRange(text, query);
  return match && text.slice(match.start, match.end);
}

describe('matchRange', () => {
  it('finds the first match whatever the case', () => {
    expect(marked('The parcel code is ZEBRA-42', 'zebra-42')).to.equal('ZEBRA-42');
    expect(marked('zebra Zebra', 'ZEBRA')).to.equal('zebra');
    expect(matchRange('zebra', 'zebra')).to.deep.equal({ start: 0, end: 5 });
  });

  it('keeps to the original text where lower case is longer than the letter ("İ" becomes "i̇")', () => {
    expect(marked('İstanbul zebra', 'zebra')).to.equal('zebra');
    expect(marked('İİİ İstanbul ZEBRA-77 now', 'zebra-77')).to.equal('ZEBRA-77');
    expect(marked('Visit İSTANBUL', 'i̇stanbul')).to.equal('İSTANBUL');
    // A query that matches only part of such a letter's lower case takes the whole letter.
    expect(marked('İzmir', 'i')).to.equal('İ');
  });

  it('counts letters outside the basic plane as one, never splitting their surrogates', () => {
    expect(marked('𝐀𝐁 😀 Zebra', 'zebra')).to.equal('Zebra');
    expect(marked('𐐀 Deseret', '𐐨')).to.equal('𐐀');
  });

  it('finds nothing for an empty query or a text without the query', () => {
    expect(matchRange('zebra', '')).to.equal(undefined);
    expect(matchRange('zebra', 'lion')).to.equal(undefined);
    expect(matchRange('', 'lion')).to.equal(undefined);
  });
});

import { expect } from '@open-wc/testing';
import type { Message } from '../../src/api/types.js';
import { checkAttachment, MAX_FILE_BYTES } from '../../src/elements/conversation-view/attachments.js';
import { buildRows } from '../../src/elements/conversation-view/thread-rows.js';
import { linkify } from '../../src/internal/linkify.js';
import { createOwnBlobUrl, revokeOwnBlobUrl, safeUrl } from '../../src/internal/safe-url.js';
import { laterStatus, mergeMessages } from '../../src/stores/message-merge.js';

function message(id: string, minute: number, changes: Partial<Message> = {}): Message {
  return {
    id,
    conversation_id: 'c1',
    external_id: null,
    direction: 'incoming',
    type: 'text',
    text: id,
    file: null,
    sender: { id: 'contact', name: 'Ana' },
    timestamp: new Date(Date.UTC(2026, 10, 20, 10, minute)).toISOString(),
    status: null,
    error: null,
    reply_to_message_id: null,
    deleted: false,
    ...changes,
  };
}

describe('mergeMessages', () => {
  it('keeps one copy of a message reported twice, by id', () => {
    const merged = mergeMessages([message('a', 1)], [message('a', 1), message('b', 2)]);
    expect(merged.map((item) => item.id)).to.deep.equal(['a', 'b']);
  });

  it("replaces the local copy with the server's by external_id, whichever arrives first", () => {
    const local = message('local:x', 5, { external_id: 'x', direction: 'outgoing', status: 'pending' });
    const server = message('srv-1', 5, { external_id: 'x', direction: 'outgoing', status: 'sent' });
    const merged = mergeMessages([local], [server, server]);
    expect(merged).to.have.length(1);
    expect(merged[0].id).to.equal('srv-1');
  });

  it('never moves a status back, and keeps a deletion', () => {
    const read = message('a', 1, { direction: 'outgoing', status: 'read' });
    const stale = message('a', 1, { direction: 'outgoing', status: 'sent' });
    expect(mergeMessages([read], [stale])[0].status).to.equal('read');
    const deleted = message('a', 1, { deleted: true, text: null });
    expect(mergeMessages([deleted], [message('a', 1)])[0].deleted).to.equal(true);
    expect(laterStatus('delivered', 'failed')).to.equal('failed');
  });

  it('orders an older page before what is loaded and returns the same array when nothing changed', () => {
    const current = [message('c', 3), message('d', 4)];
    const merged = mergeMessages(current, [message('a', 1), message('b', 2)]);
    expect(merged.map((item) => item.id)).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(mergeMessages(current, [message('c', 3)]) === current).to.equal(true);
  });
});

describe('buildRows', () => {
  it('separates days, groups runs from one sender and places the new-messages marker', () => {
    const rows = buildRows(
      [
        message('a', 1),
        message('b', 2),
        message('c', 3, { direction: 'outgoing', sender: { id: 'me', name: null } }),
        message('d', 4),
      ],
      'd',
    );
    expect(rows.map((row) => row.kind)).to.deep.equal([
      'day',
      'message',
      'message',
      'message',
      'marker',
      'message',
    ]);
    const messages = rows.filter((row) => row.kind === 'message');
    expect(messages.map((row) => [row.opensGroup, row.closesGroup])).to.deep.equal([
      [true, false],
      [false, true],
      [true, true],
      [true, true],
    ]);
  });
});

describe('linkify', () => {
  it('links https URLs only, without the sentence punctuation after them', () => {
    const parts = linkify('See https://example.com/a?b=1. Not http://example.com or javascript:alert(1)');
    const links = parts.filter((part) => part.kind === 'link');
    expect(links.map((part) => part.text)).to.deep.equal(['https://example.com/a?b=1']);
    expect(parts.map((part) => part.text).join('')).to.equal(
      'See https://example.com/a?b=1. Not http://example.com or javascript:alert(1)',
    );
  });
});

describe('safeUrl', () => {
  it('allows https, loopback http and blob URLs made here; refuses the rest', () => {
    expect(safeUrl('https://cdn.example.com/x.png')).to.equal('https://cdn.example.com/x.png');
    expect(safeUrl('http://localhost:8000/f')).to.equal('http://localhost:8000/f');
    expect(safeUrl('http://example.com/f')).to.equal(undefined);
    expect(safeUrl('javascript:alert(1)')).to.equal(undefined);
    expect(safeUrl('data:text/html,<b>x</b>')).to.equal(undefined);
    const foreign = URL.createObjectURL(new Blob(['x']));
    expect(safeUrl(foreign)).to.equal(undefined);
    const own = createOwnBlobUrl(new Blob(['x']));
    expect(safeUrl(own)).to.equal(own);
    revokeOwnBlobUrl(own);
    expect(safeUrl(own)).to.equal(undefined);
    URL.revokeObjectURL(foreign);
  });
});

describe('checkAttachment', () => {
  it("accepts the provider's types up to 100 MB and refuses others before any upload", () => {
    expect(checkAttachment({ name: 'a.png', type: 'image/png', size: 10 })).to.deep.equal({
      ok: true,
      mimeType: 'image/png',
    });
    expect(checkAttachment({ name: 'report.docx', type: '', size: 10 })).to.deep.include({ ok: true });
    expect(checkAttachment({ name: 'setup.exe', type: 'application/x-msdownload', size: 10 })).to.deep.equal({
      ok: false,
      reason: 'type',
    });
    expect(checkAttachment({ name: 'big.mp4', type: 'video/mp4', size: MAX_FILE_BYTES + 1 })).to.deep.equal({
      ok: false,
      reason: 'size',
    });
    expect(checkAttachment({ name: 'scan.pdf', type: 'application/pdf', size: 0 })).to.deep.equal({
      ok: false,
      reason: 'empty',
    });
  });
});

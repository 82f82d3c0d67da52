import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import type { Backend } from '../../src/api/backend.js';
import type { Message, MessagePage, MessageQuery } from '../../src/api/types.js';
import { Thread } from '../../src/stores/inbox.js';

function message(seq: number | undefined, id = `m${seq}`, changes: Partial<Message> = {}): Message {
  return {
    id,
    conversation_id: 'c1',
    external_id: null,
    direction: 'incoming',
    type: 'text',
    text: id,
    file: null,
    sender: { id: 'contact', name: 'Ana' },
    timestamp: new Date(Date.UTC(2026, 10, 20, 10, 0, seq ?? 0)).toISOString(),
    status: null,
    error: null,
    reply_to_message_id: null,
    deleted: false,
    ...(seq === undefined ? {} : { seq }),
    ...changes,
  };
}

/** A conversation on a server: answers `listMessages` as the contract does, and logs each query. */
class ServerThread {
  readonly queries: MessageQuery[] = [];
  constructor(public messages: Message[]) {}

  readonly backend = {
    listMessages: (_conversationId: string, query: MessageQuery = {}): Promise<MessagePage> => {
      this.queries.push({ ...query, signal: undefined });
      const limit = query.limit ?? 50;
      let start = Math.max(0, this.messages.length - limit);
      let end = this.messages.length;
      if (query.after !== undefined) {
        start = this.messages.findIndex((item) => item.id === query.after) + 1;
        end = Math.min(this.messages.length, start + limit);
      }
      return Promise.resolve({
        items: this.messages.slice(start, end),
        has_more: query.after !== undefined ? end < this.messages.length : start > 0,
      });
    },
  } as Pick<Backend, 'listMessages'> as Backend;
}

const ids = (thread: Thread) => thread.state.get().messages.map((item) => item.id);

describe('Thread catch-up', () => {
  it('resumes after the last message the server confirmed, not after our newer own message', async () => {
    const server = new ServerThread([message(1), message(2)]);
    const thread = new Thread('c1', server.backend);
    await thread.catchUp();
    // The contact's 3 is stored but its frame is lost; our own 4 comes back from the send.
    server.messages.push(message(3), message(4, 'm4', { direction: 'outgoing', status: 'sent' }));
    thread.apply([server.messages[3]]);
    await waitUntil(() => ids(thread).join() === 'm1,m2,m3,m4', 'the gap was not filled at once');
    expect(server.queries.at(-1)?.after).to.equal('m2');
  });

  it('follows messages that come without a gap, asking nothing', async () => {
    const server = new ServerThread([message(1)]);
    const thread = new Thread('c1', server.backend);
    await thread.catchUp();
    server.messages.push(message(2), message(3));
    thread.apply([server.messages[1]]);
    thread.apply([server.messages[2]]);
    expect(server.queries).to.have.length(1);
    await thread.catchUp();
    expect(server.queries.at(-1)?.after).to.equal('m3');
  });

  it('without seq, resumes after the last message of the last page the server answered', async () => {
    const server = new ServerThread([message(undefined, 'a'), message(undefined, 'b')]);
    const thread = new Thread('c1', server.backend);
    await thread.catchUp();
    server.messages.push(message(undefined, 'c'), message(undefined, 'd'));
    thread.apply([server.messages[3]]);
    await thread.catchUp();
    expect(server.queries.at(-1)?.after).to.equal('b');
    expect(ids(thread)).to.deep.equal(['a', 'b', 'c', 'd']);
  });

  it('keeps a receipt and a deletion that came before their message, and applies them when it arrives', async () => {
    const server = new ServerThread([message(1)]);
    const thread = new Thread('c1', server.backend);
    await thread.catchUp();
    thread.applyStatuses([
      { id: 'm2', external_id: 'x', conversation_id: 'c1', status: 'read', error: null },
    ]);
    thread.applyDeletion('m3');
    thread.apply([
      message(2, 'm2', { direction: 'outgoing', status: 'sent' }),
      message(3, 'm3', { direction: 'outgoing', status: 'sent' }),
    ]);
    const [, second, third] = thread.state.get().messages;
    expect(second.status).to.equal('read');
    expect(third).to.include({ deleted: true, text: null });
  });
});

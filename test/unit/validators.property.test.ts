import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { SkippedRecord } from '../../src/api/skipped-records.js';
import type { Message } from '../../src/api/types.js';
import {
  parseChannelList,
  parseErrorEnvelope,
  parseInstagramConnectResult,
  parseQrAttemptStatus,
  parseQrConnectStart,
  parseSuccessEnvelope,
} from '../../src/api/validate-answers.js';
import { ShapeError, parseChannel } from '../../src/api/validate.js';
import {
  parseConversation,
  parseConversationPage,
  parseMessage,
  parseMessagePage,
} from '../../src/api/validate-inbox.js';
import { channelOfFrame } from '../../src/realtime/channel-frame.js';
import {
  conversationOfFrame,
  deletionOfFrame,
  messageOfFrame,
  statusOfFrame,
} from '../../src/realtime/inbox-frames.js';
import { createChannelsStore } from '../../src/stores/channels.js';
import { mergeMessages } from '../../src/stores/message-merge.js';

const RUNS = { numRuns: 300 };

const channel = {
  id: 5,
  type: 'whatsapp',
  username: '+966501234567',
  is_connected: true,
  sync_status: 'OK',
  last_synced_at: '2026-03-11T10:00:00Z',
};

const message = {
  id: 'm1',
  conversation_id: 'c1',
  external_id: null,
  direction: 'incoming',
  type: 'text',
  text: 'hello',
  file: null,
  sender: { id: 'contact', name: 'Ana' },
  timestamp: '2026-03-11T10:00:00Z',
  status: null,
  error: null,
  reply_to_message_id: null,
  deleted: false,
};

const conversation = {
  id: 'c1',
  channel: 'whatsapp',
  channel_id: 5,
  contact: { id: 'k1', name: 'Ana', phone: null, username: null, avatar_url: null },
  last_message: message,
  unread_count: 0,
  updated_at: '2026-03-11T10:00:00Z',
};

const qrStatus = {
  id: null,
  type: 'whatsapp',
  username: null,
  is_connected: false,
  sync_status: 'CONNECTING',
  last_synced_at: null,
  completed: false,
  in_progress: true,
  qr_code: '2@abc',
  qr_expires_at: '2026-03-11T10:00:30Z',
  qr_index: 1,
  qr_total: 6,
};

/** Values that break things: wrong types, bad dates, huge and odd strings, prototypes. */
const hostileValue = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    'yesterday',
    '',
    'NaN',
    '2026-13-45T99:99:99Z',
    '+275761-01-01T00:00:00Z',
    '__proto__',
    '\uD800',
  ),
  fc.double(),
  fc.string({ unit: 'binary', maxLength: 50 }),
);

/** A valid record with one field replaced by a hostile value, or removed; nested records too. */
function mutated(record: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(record);
  return fc.oneof(
    fc.record({ key: fc.constantFrom(...keys), value: hostileValue }).map(({ key, value }) => ({
      ...record,
      [key]: value,
    })),
    fc.constantFrom(...keys).map((key) => {
      const copy = { ...record };
      delete copy[key];
      return copy;
    }),
    hostileValue,
  );
}

const formatter = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** Every date the elements format reads as one: a bad date never reaches the renderer. */
function expectRenderableDates(...dates: (string | null | undefined)[]): void {
  for (const date of dates) if (typeof date === 'string') formatter.format(new Date(date));
}

/** Runs `parse` and returns its result; anything thrown but a `ShapeError` fails the property. */
function parsedOrShapeError<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    return undefined;
  }
}

describe('response validators, against arbitrary and mutated input', () => {
  it('parseChannel and parseChannelList: a channel or a ShapeError, never another error or a bad date', () => {
    fc.assert(
      fc.property(mutated(channel), (value) => {
        const parsed = parsedOrShapeError(() => parseChannel(value));
        if (parsed) expectRenderableDates(parsed.last_synced_at);
      }),
      RUNS,
    );
  });

  it('parseMessage and parseConversation keep only renderable dates', () => {
    fc.assert(
      fc.property(mutated(message), mutated(conversation), (rawMessage, rawConversation) => {
        const parsedMessage = parsedOrShapeError(() => parseMessage(rawMessage));
        if (parsedMessage) expectRenderableDates(parsedMessage.timestamp);
        const parsed = parsedOrShapeError(() => parseConversation(rawConversation, () => undefined));
        if (parsed) expectRenderableDates(parsed.updated_at, parsed.last_message?.timestamp);
      }),
      RUNS,
    );
  });

  it('the QR, Instagram and envelope readers throw nothing but ShapeError', () => {
    fc.assert(
      fc.property(mutated(qrStatus), hostileValue, hostileValue, (status, raw, text) => {
        const parsed = parsedOrShapeError(() => parseQrAttemptStatus(status));
        if (parsed) expectRenderableDates(parsed.qr_expires_at, parsed.last_synced_at);
        parsedOrShapeError(() => parseQrConnectStart(raw));
        parsedOrShapeError(() =>
          parseInstagramConnectResult(raw, typeof text === 'string' ? text : undefined),
        );
        parsedOrShapeError(() => parseSuccessEnvelope(raw));
        const error = parseErrorEnvelope(raw);
        if (error.message !== undefined) expect(error.message).to.be.a('string');
      }),
      RUNS,
    );
  });

  it('page readers keep every good record, report every bad one once, and never throw for an item', () => {
    const item = (record: Record<string, unknown>) =>
      fc.oneof(
        fc.constant(record).map((value) => ({ good: true, value })),
        mutated(record).map((value) => ({ good: false, value })),
      );
    fc.assert(
      fc.property(
        fc.array(item(channel), { maxLength: 12 }),
        fc.array(item(conversation), { maxLength: 12 }),
        fc.array(item(message), { maxLength: 12 }),
        (channels, conversations, messages) => {
          const reported = (): [SkippedRecord[], (record: SkippedRecord) => void] => {
            const records: SkippedRecord[] = [];
            return [records, (record) => records.push(record)];
          };
          const [channelSkips, onChannelSkip] = reported();
          const [conversationSkips, onConversationSkip] = reported();
          const [messageSkips, onMessageSkip] = reported();
          const list = parseChannelList(
            channels.map(({ value }) => value),
            onChannelSkip,
          );
          const page = parseConversationPage(
            { items: conversations.map(({ value }) => value), next_cursor: null },
            onConversationSkip,
          );
          const thread = parseMessagePage(
            { items: messages.map(({ value }) => value), has_more: false },
            onMessageSkip,
          );
          const goodCount = (items: { good: boolean }[]) => items.filter(({ good }) => good).length;
          expect(list.length).to.be.at.least(goodCount(channels));
          expect(page.items.length).to.be.at.least(goodCount(conversations));
          expect(thread.items.length).to.be.at.least(goodCount(messages));
          const conversationsLeftOut = conversationSkips.filter(({ kind }) => kind === 'conversation');
          expect(list.length + channelSkips.length).to.equal(channels.length);
          expect(page.items.length + conversationsLeftOut.length).to.equal(conversations.length);
          expect(thread.items.length + messageSkips.length).to.equal(messages.length);
          for (const record of [...channelSkips, ...conversationSkips, ...messageSkips]) {
            expect(record.reason).to.be.a('string').and.not.equal('');
          }
        },
      ),
      RUNS,
    );
  });

  it('socket frame readers never throw, and what they keep never corrupts the stores', () => {
    const frame = fc.oneof(
      hostileValue,
      mutated(message).map((value) => ({ message: value })),
      mutated(conversation).map((value) => ({ conversation: value })),
      mutated(channel).map((value) => ({ channel: value })),
      fc.record({
        id: hostileValue,
        conversation_id: hostileValue,
        status: hostileValue,
        external_id: hostileValue,
      }),
    );
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 20 }), (frames) => {
        const store = createChannelsStore();
        let thread: readonly Message[] = [];
        for (const payload of frames) {
          const channelFrame = channelOfFrame(payload);
          if (channelFrame) store.upsert(channelFrame, { broadcast: false });
          const newMessage = messageOfFrame(payload);
          if (newMessage) thread = mergeMessages(thread, [newMessage]);
          conversationOfFrame(payload);
          statusOfFrame(payload);
          deletionOfFrame(payload);
        }
        for (const known of Object.values(store.channels.get())) {
          expect(Number.isInteger(known.id)).to.equal(true);
          expectRenderableDates(known.last_synced_at);
        }
        const ids = thread.map(({ id }) => id);
        expect(new Set(ids).size, 'each message once').to.equal(ids.length);
        for (const kept of thread) expectRenderableDates(kept.timestamp);
      }),
      RUNS,
    );
  });
});

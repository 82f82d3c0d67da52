import { expect } from '@open-wc/testing';
import {
  parseChannelList,
  parseErrorEnvelope,
  parseInstagramConnectResult,
  parsePairingCodeStart,
  parseQrAttemptStatus,
  parseQrConnectStart,
  parseSuccessEnvelope,
  type SuccessAnswer,
} from '../../src/api/validate-answers.js';
import { parseChannel } from '../../src/api/validate.js';
import {
  parseConversationPage,
  parseMessage,
  parseMessagePage,
  parseMessageSearchPage,
  parseStartedConversation,
} from '../../src/api/validate-inbox.js';
import { channelOfFrame } from '../../src/realtime/channel-frame.js';
import {
  conversationOfFrame,
  deletionOfFrame,
  messageOfFrame,
  presenceOfFrame,
  statusOfFrame,
  typingOfFrame,
} from '../../src/realtime/inbox-frames.js';

/** test/contract/spec-examples.json, written by `scripts/check-spec.ts` from docs/openapi.yaml and docs/asyncapi.yaml. */
interface SpecExamples {
  rest: { operationId: string; status: string; name: string; body: unknown }[];
  socket: { message: string; name: string; frame: unknown[] }[];
}

const examples = (await (
  await fetch(new URL('./spec-examples.json', import.meta.url))
).json()) as SpecExamples;

const lengthOf = (value: unknown, key: string): number => {
  const list = key === '' ? value : (value as Record<string, unknown>)[key];
  return Array.isArray(list) ? list.length : -1;
};

/**
 * How the client reads each call's success answer (as src/api/contract-backend.ts and
 * conversation-calls.ts do); lists must come through whole.
 */
const successReaders: Record<string, (answer: SuccessAnswer) => void> = {
  listChannels: ({ data }) => expect(parseChannelList(data)).to.have.length(lengthOf(data, '')),
  connectQr: ({ data }) => parseQrConnectStart(data),
  requestWhatsAppPairingCode: ({ data }) => parsePairingCodeStart(data),
  getChannelStatus: ({ data }) => {
    const fields = data as Record<string, unknown>;
    // With `account_id` the client reads an attempt; without it, the linked account.
    if ('completed' in fields) parseQrAttemptStatus(data);
    if (fields.id !== null) parseChannel(data);
  },
  refreshChannel: ({ data }) => parseChannel(data),
  connectInstagram: ({ data, message }) => parseInstagramConnectResult(data, message),
  submitInstagramCode: ({ data, message }) => parseInstagramConnectResult(data, message),
  resendInstagramCode: ({ message }) => expect(message).to.be.a('string'),
  sendMaxPhone: ({ message }) => expect(message).to.be.a('string'),
  sendMaxCode: ({ data }) => parseChannel(data),
  listConversations: ({ data }) =>
    expect(parseConversationPage(data).items).to.have.length(lengthOf(data, 'items')),
  listMessages: ({ data }) => expect(parseMessagePage(data).items).to.have.length(lengthOf(data, 'items')),
  searchMessages: ({ data }) =>
    expect(parseMessageSearchPage(data).items).to.have.length(lengthOf(data, 'items')),
  startConversation: ({ data }) => {
    const { conversation, message } = parseStartedConversation(data);
    expect(message.conversation_id).to.equal(conversation.id);
  },
  sendMessage: ({ data }) => parseMessage(data),
  sendFile: ({ data }) => parseMessage(data),
  reactToMessage: ({ data }) =>
    expect(parseMessage(data).reactions).to.have.length(lengthOf(data, 'reactions')),
  editMessage: ({ data }) => expect(parseMessage(data).edited_at).to.be.a('string'),
  forwardMessage: ({ data }) => parseMessage(data),
};

/** How the client reads each `inbox` event (src/realtime/). */
const frameReaders: Record<string, (payload: unknown) => unknown> = {
  messageNew: messageOfFrame,
  messageStatus: statusOfFrame,
  messageDeleted: deletionOfFrame,
  conversationUpdated: conversationOfFrame,
  channelStatus: channelOfFrame,
  messageReaction: messageOfFrame,
  messageEdited: messageOfFrame,
  typing: typingOfFrame,
  presence: presenceOfFrame,
};

/** Frames the phoenix client handles itself, and pushes the client sends rather than reads. */
const framesWithoutReader = new Set([
  'heartbeat',
  'heartbeatReply',
  'inboxJoin',
  'inboxJoinOk',
  'whatsappAuthJoin',
  'whatsappAuthJoinOk',
  'whatsappAuthJoinRefused',
  'whatsappAuthState',
  'telegramAuthJoin',
  'telegramAuthJoinOk',
  'telegramAuthState',
  'telegramSendPhone',
  'telegramSendCode',
  'telegramSendPassword',
  'telegramReset',
  'telegramPushOk',
  'telegramPushRefused',
]);

describe('the client accepts every example of docs/openapi.yaml and docs/asyncapi.yaml', () => {
  it('has the examples', () => {
    expect(examples.rest.length).to.be.above(0);
    expect(examples.socket.length).to.be.above(0);
  });

  for (const { operationId, status, name, body } of examples.rest) {
    if (status.startsWith('2')) {
      it(`${operationId} ${status} ${name}`, () => {
        const read = successReaders[operationId];
        expect(read, `no reader for ${operationId}`).to.be.a('function');
        read(parseSuccessEnvelope(body));
      });
    } else {
      it(`${operationId} ${status} ${name}: the error envelope`, () => {
        const { message, errors, attempts_left } = body as {
          message: string;
          errors?: Record<string, string[]>;
          attempts_left?: number;
        };
        expect(parseErrorEnvelope(body)).to.deep.equal({
          message,
          fieldErrors: errors,
          ...(attempts_left === undefined ? {} : { attemptsLeft: attempts_left }),
        });
      });
    }
  }

  for (const { message, name, frame } of examples.socket) {
    it(`socket ${message} ${name}`, () => {
      const read = frameReaders[message];
      if (read) expect(read(frame[4]), 'the reader dropped the frame').to.not.equal(undefined);
      else expect(framesWithoutReader.has(message), `no reader for ${message}`).to.equal(true);
    });
  }
});

describe('the sandbox in the test runner', () => {
  it('checks its API answers against docs/openapi.yaml', async () => {
    const response = await fetch('/api/v1/channels', { headers: { 'X-Api-Key': 'contract-check' } });
    expect(response.status).to.equal(200);
    expect(response.headers.get('X-Checked-Against')).to.equal('docs/openapi.yaml');
  });
});

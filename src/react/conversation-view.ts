// Generated from custom-elements.json by scripts/generate-framework-bindings.ts: run `npm run bindings`.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { ConversationView as ConversationViewElement } from '../elements/conversation-view/conversation-view.js';
import type {
  ConversationOpenDetail,
  DataSkippedDetail,
  MessageSentDetail,
  SendFailedDetail,
  SignedOutDetail,
  UnreadChangeDetail,
} from '../events/index.js';

/** `<conversation-view>` for React 18: Conversations, message history, composer and live updates. Events are `on` props, e.g. `onInboxConversationOpen`. */
export const ConversationView = createComponent({
  react: React,
  tagName: 'conversation-view',
  elementClass: ConversationViewElement,
  displayName: 'ConversationView',
  events: {
    /** The user opened a conversation; `detail.conversation`. */
    onInboxConversationOpen: 'inbox-conversation-open' as EventName<CustomEvent<ConversationOpenDetail>>,
    /** A message written here reached the server; `detail.message` is the server's copy. */
    onInboxMessageSent: 'inbox-message-sent' as EventName<CustomEvent<MessageSentDetail>>,
    /** The server refused a message written here; `detail.conversationId`, `detail.externalId`, `detail.reason`, `detail.message`. */
    onInboxSendFailed: 'inbox-send-failed' as EventName<CustomEvent<SendFailedDetail>>,
    /** The unread total across the inbox changed; `detail.total`. */
    onInboxUnreadChange: 'inbox-unread-change' as EventName<CustomEvent<UnreadChangeDetail>>,
    /** A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`. */
    onInboxDataSkipped: 'inbox-data-skipped' as EventName<CustomEvent<DataSkippedDetail>>,
    /** The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again. */
    onInboxSignedOut: 'inbox-signed-out' as EventName<CustomEvent<SignedOutDetail>>,
  },
});

import type {
  CallOptions,
  Channel,
  ChannelCallOptions,
  ChannelType,
  ConversationPage,
  ConversationQuery,
  InstagramConnectResult,
  Message,
  MessagePage,
  MessageQuery,
  MessageSearchPage,
  MessageSearchQuery,
  NewConversation,
  OutgoingFile,
  OutgoingText,
  UploadOptions,
  InstagramCredentials,
  PairingCodeRequest,
  PairingCodeStart,
  QrAttemptStatus,
  StartedConversation,
  QrChannelType,
  QrConnectStart,
} from './types.js';

/**
 * What the elements ask of a backend. The contract of docs/openapi.yaml is the default
 * implementation; other providers plug in as further implementations without touching the elements.
 * Every method rejects with an `ApiError`.
 */
export interface Backend {
  listChannels(options?: CallOptions): Promise<Channel[]>;
  /** Starts a QR login; with `options.id`, one that links that channel again in place (docs/providers.md#linking-an-account-again). */
  connectQr(channel: QrChannelType, options?: ChannelCallOptions): Promise<QrConnectStart>;
  /**
   * WhatsApp by phone number: a pairing code for a new attempt, or for the unfinished one named; the
   * attempt is then followed as a QR attempt is. Optional: without it the elements offer the QR code only.
   */
  requestWhatsAppPairingCode?(pairing: PairingCodeRequest, options?: CallOptions): Promise<PairingCodeStart>;
  getQrStatus(channel: QrChannelType, accountId: string, options?: CallOptions): Promise<QrAttemptStatus>;
  getChannelStatus(channel: ChannelType, options?: CallOptions): Promise<Channel>;
  /** Refreshes the channel `options.id` of that type, or the backend's default one (docs/providers.md#one-account-per-call). */
  refreshChannel(channel: ChannelType, options?: ChannelCallOptions): Promise<Channel>;
  /** Disconnects the channel `options.id` of that type, or the backend's default one (docs/providers.md#one-account-per-call). */
  disconnectChannel(channel: ChannelType, options?: ChannelCallOptions): Promise<void>;
  /** Signs in; with `options.id`, links that Instagram channel again in place (docs/providers.md#linking-an-account-again). */
  connectInstagram(
    credentials: InstagramCredentials,
    options?: ChannelCallOptions,
  ): Promise<InstagramConnectResult>;
  submitInstagramCode(
    accountId: string,
    code: string,
    options?: CallOptions,
  ): Promise<InstagramConnectResult>;
  resendInstagramCode(accountId: string, options?: CallOptions): Promise<{ message: string }>;
  /** MAX: asks for an SMS code to `phone` (international digits); a new call replaces the pending one. */
  sendMaxPhone(phone: string, options?: CallOptions): Promise<void>;
  /** MAX: confirms the SMS code of the pending sign-in; resolves with the linked channel. */
  sendMaxCode(code: string, options?: CallOptions): Promise<Channel>;
  /** MAX: abandons the pending sign-in; a 422 means there was none. */
  closeMaxSession(options?: CallOptions): Promise<void>;
  listConversations(query?: ConversationQuery): Promise<ConversationPage>;
  /** Messages whose text contains `query.q`, newest first. Optional: a backend without it (or answering 404) is searched by conversation only. */
  searchMessages?(query: MessageSearchQuery): Promise<MessageSearchPage>;
  listMessages(conversationId: string, query?: MessageQuery): Promise<MessagePage>;
  /**
   * Sends a first text to a phone number or a username from a linked account; resolves with the
   * conversation (the existing one with that contact, if any) and the message. Idempotent on
   * `externalId`. Left out by backends that cannot start conversations; a 501 says the same of the
   * contract's backend.
   */
  startConversation?(conversation: NewConversation, options?: CallOptions): Promise<StartedConversation>;
  /** Idempotent on `external_id`: repeating it never sends a second message. */
  sendMessage(conversationId: string, message: OutgoingText, options?: CallOptions): Promise<Message>;
  /** Idempotent on `external_id`, like `sendMessage`. */
  sendFile(conversationId: string, file: OutgoingFile, options?: UploadOptions): Promise<Message>;
  markRead(conversationId: string, upToMessageId: string, options?: CallOptions): Promise<void>;
  deleteMessage(messageId: string, options?: CallOptions): Promise<void>;
  /**
   * Sets the customer's reaction to a message (`''` takes it back) and resolves with the message. Left
   * out by backends that cannot react; a 501 says the same of the contract's backend.
   */
  reactToMessage?(
    conversationId: string,
    messageId: string,
    emoji: string,
    options?: CallOptions,
  ): Promise<Message>;
  /** Changes the text of a sent text message; resolves with the message. Left out by backends that cannot edit. */
  editMessage?(
    conversationId: string,
    messageId: string,
    text: string,
    options?: CallOptions,
  ): Promise<Message>;
  /**
   * Sends a text message's text again as a new message in `toConversationId`; idempotent on `externalId`.
   * Resolves with the new message. Left out by backends that cannot forward.
   */
  forwardMessage?(
    conversationId: string,
    messageId: string,
    forward: { toConversationId: string; externalId: string },
    options?: CallOptions,
  ): Promise<Message>;
}

// Generated from custom-elements.json by scripts/generate-framework-bindings.ts: run `npm run bindings`.
/**
 * Typings for the tags in Vue 3 templates (with `isCustomElement` set for them). Load once, e.g. with
 * `/// <reference types="inbox-elements/vue" />` in `env.d.ts`.
 */
import type { DefineComponent } from 'vue';
import type { AccountsList } from './elements/accounts-list/accounts-list.component.js';
import type { ChannelConnect } from './elements/channel-connect/channel-connect.component.js';
import type { ConversationView } from './elements/conversation-view/conversation-view.component.js';
import type { InstagramTwoFactor } from './elements/instagram-2fa/instagram-2fa.component.js';
import type { PhoneLogin } from './elements/phone-login/phone-login.component.js';
import type { QrScanner } from './elements/qr-scanner/qr-scanner.component.js';
import type {
  ActionFailedDetail,
  AddRequestDetail,
  ConnectFailedDetail,
  ConnectedDetail,
  ConversationOpenDetail,
  DataSkippedDetail,
  DisconnectedDetail,
  ManageRequestDetail,
  MessageSentDetail,
  ReconnectRequestDetail,
  RefreshedDetail,
  SendFailedDetail,
  SignedOutDetail,
  StepChangeDetail,
  TwoFactorChallengeDetail,
  UnreadChangeDetail,
} from './events/index.js';

/** Props of `<accounts-list>`, and its events for `@inbox-refreshed` and the like. */
interface AccountsListProps {
  /** Which channel types to show and offer, space-separated (default all three). */
  channels?: AccountsList['channels'];
  /** `status` composes the list from the three `GET /channels/{type}/status` calls, for backends without `GET /channels`. */
  source?: AccountsList['source'];
  /** Milliseconds between list reloads when there is no socket; only while the page is visible. */
  pollInterval?: AccountsList['pollInterval'];
  /** How many accounts of a type show at first, and how many more each "Show more" adds. */
  pageSize?: AccountsList['pageSize'];
  /** Origin of the backend; the element calls `{base-url}/api/v1/...`. */
  baseUrl?: AccountsList['baseUrl'];
  /** Phoenix socket endpoint; without it the element polls. */
  socketUrl?: AccountsList['socketUrl'];
  /** API key for server-rendered back offices; prefer `getToken` on public pages. */
  apiKey?: AccountsList['apiKey'];
  /** Returns a short-lived token minted by the host's backend; called again once on a 401. */
  getToken?: AccountsList['getToken'];
  /** Another backend than the contract's, e.g. an adapter for a provider's own API. */
  backend?: AccountsList['backend'];
  /** Who is signed in (the host's user id); what is kept on this browser is kept for them alone, hashed. */
  identity?: AccountsList['identity'];
  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  theme?: AccountsList['theme'];
  /** An account was refreshed; `detail.channel` is the updated channel. */
  onInboxRefreshed?: (event: CustomEvent<RefreshedDetail>) => void;
  /** An account was disconnected and removed; `detail.channel` is the removed channel. */
  onInboxDisconnected?: (event: CustomEvent<DisconnectedDetail>) => void;
  /** The user asked to reconnect `detail.channel`; cancelable: cancel it to handle reconnecting yourself. */
  onInboxReconnectRequest?: (event: CustomEvent<ReconnectRequestDetail>) => void;
  /** The user asked to link another account; cancelable: cancel it to handle linking yourself. */
  onInboxAddRequest?: (event: CustomEvent<AddRequestDetail>) => void;
  /** Loading the list, or refreshing or disconnecting an account, failed; `detail.action`, `detail.channel`, `detail.reason`, `detail.message`. */
  onInboxActionFailed?: (event: CustomEvent<ActionFailedDetail>) => void;
  /** A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`. */
  onInboxDataSkipped?: (event: CustomEvent<DataSkippedDetail>) => void;
  /** The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again. */
  onInboxSignedOut?: (event: CustomEvent<SignedOutDetail>) => void;
}

/** Props of `<channel-connect>`, and its events for `@inbox-connected` and the like. */
interface ChannelConnectProps {
  /** Which channels to offer, space-separated: `whatsapp telegram instagram max` (default all four). */
  channels?: ChannelConnect['channels'];
  /** Start on this channel instead of the picker (e.g. to reconnect it). */
  channel?: ChannelConnect['channel'];
  /** A linked account to link again in place (Reconnect): starts on its channel, its username filled in, its `id` kept. */
  relink?: ChannelConnect['relink'];
  /** Country sent with an Instagram sign-in (ISO 3166-1 alpha-2); also the country of a WhatsApp number typed without its code. */
  defaultCountry?: ChannelConnect['defaultCountry'];
  /** How to link WhatsApp at first: `qr`, `phone` (a pairing code) or `auto` (phone on narrow touch screens). */
  linkMethod?: ChannelConnect['linkMethod'];
  /** Origin of the backend; the element calls `{base-url}/api/v1/...`. */
  baseUrl?: ChannelConnect['baseUrl'];
  /** Phoenix socket endpoint; without it the element polls. */
  socketUrl?: ChannelConnect['socketUrl'];
  /** API key for server-rendered back offices; prefer `getToken` on public pages. */
  apiKey?: ChannelConnect['apiKey'];
  /** Returns a short-lived token minted by the host's backend; called again once on a 401. */
  getToken?: ChannelConnect['getToken'];
  /** Another backend than the contract's, e.g. an adapter for a provider's own API. */
  backend?: ChannelConnect['backend'];
  /** Who is signed in (the host's user id); what is kept on this browser is kept for them alone, hashed. */
  identity?: ChannelConnect['identity'];
  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  theme?: ChannelConnect['theme'];
  /** A channel was linked; `detail.channel` is the channel object. */
  onInboxConnected?: (event: CustomEvent<ConnectedDetail>) => void;
  /** Linking failed; `detail.reason` and `detail.message` say why. */
  onInboxConnectFailed?: (event: CustomEvent<ConnectFailedDetail>) => void;
  /** The user cancelled. */
  onInboxCancelled?: (event: CustomEvent<Record<string, never>>) => void;
  /** The flow moved to another step; `detail.step` and `detail.channel`. */
  onInboxStepChange?: (event: CustomEvent<StepChangeDetail>) => void;
  /** The user asked to manage an already linked channel. */
  onInboxManageRequest?: (event: CustomEvent<ManageRequestDetail>) => void;
  /** Instagram asked for another verification code (from the nested instagram-2fa). */
  onInbox2faChallenge?: (event: CustomEvent<TwoFactorChallengeDetail>) => void;
  /** A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`. */
  onInboxDataSkipped?: (event: CustomEvent<DataSkippedDetail>) => void;
  /** The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again. */
  onInboxSignedOut?: (event: CustomEvent<SignedOutDetail>) => void;
}

/** Props of `<conversation-view>`, and its events for `@inbox-conversation-open` and the like. */
interface ConversationViewProps {
  /** Shows only this conversation, without the list: a host embedding a single chat. */
  conversationId?: ConversationView['conversationId'];
  /** Shows only the conversations of this linked account (its channel `id`). */
  channelId?: ConversationView['channelId'];
  /** Milliseconds between checks for new messages when there is no socket; only while the page is visible. */
  pollInterval?: ConversationView['pollInterval'];
  /** Offers a switch that turns on browser notifications of messages arriving while the page is hidden. */
  notificationsOffered?: ConversationView['notificationsOffered'];
  /** The notifications chime too. */
  notificationSound?: ConversationView['notificationSound'];
  /** Saved replies (`{ id, title, text }`) that `/` at the start of the composer searches. */
  quickReplies?: ConversationView['quickReplies'];
  /** Origin of the backend; the element calls `{base-url}/api/v1/...`. */
  baseUrl?: ConversationView['baseUrl'];
  /** Phoenix socket endpoint; without it the element polls. */
  socketUrl?: ConversationView['socketUrl'];
  /** API key for server-rendered back offices; prefer `getToken` on public pages. */
  apiKey?: ConversationView['apiKey'];
  /** Returns a short-lived token minted by the host's backend; called again once on a 401. */
  getToken?: ConversationView['getToken'];
  /** Another backend than the contract's, e.g. an adapter for a provider's own API. */
  backend?: ConversationView['backend'];
  /** Who is signed in (the host's user id); what is kept on this browser is kept for them alone, hashed. */
  identity?: ConversationView['identity'];
  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  theme?: ConversationView['theme'];
  /** The user opened a conversation; `detail.conversation`. */
  onInboxConversationOpen?: (event: CustomEvent<ConversationOpenDetail>) => void;
  /** A message written here reached the server; `detail.message` is the server's copy. */
  onInboxMessageSent?: (event: CustomEvent<MessageSentDetail>) => void;
  /** The server refused a message written here; `detail.conversationId`, `detail.externalId`, `detail.reason`, `detail.message`. */
  onInboxSendFailed?: (event: CustomEvent<SendFailedDetail>) => void;
  /** The unread total across the inbox changed; `detail.total`. */
  onInboxUnreadChange?: (event: CustomEvent<UnreadChangeDetail>) => void;
  /** A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`. */
  onInboxDataSkipped?: (event: CustomEvent<DataSkippedDetail>) => void;
  /** The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again. */
  onInboxSignedOut?: (event: CustomEvent<SignedOutDetail>) => void;
}

/** Props of `<instagram-2fa>`, and its events for `@inbox-connected` and the like. */
interface InstagramTwoFactorProps {
  /** The `account_id` of the connect answer that asked for verification. */
  accountId?: InstagramTwoFactor['accountId'];
  /** What Instagram asks for (`OTP`, `2FA`, `SMS`, `EMAIL`, `IN_APP_VALIDATION`, …); updated on each round. */
  checkpointType?: InstagramTwoFactor['checkpointType'];
  /** The Instagram username being linked, shown in the heading. */
  username?: InstagramTwoFactor['username'];
  /** Seconds before "Send a new code" is offered, after the first code and after each new one. */
  resendCooldown?: InstagramTwoFactor['resendCooldown'];
  /** Leaves out the Cancel button, for flows (like channel-connect) that offer their own. */
  hideCancel?: InstagramTwoFactor['hideCancel'];
  /** Origin of the backend; the element calls `{base-url}/api/v1/...`. */
  baseUrl?: InstagramTwoFactor['baseUrl'];
  /** Phoenix socket endpoint; without it the element polls. */
  socketUrl?: InstagramTwoFactor['socketUrl'];
  /** API key for server-rendered back offices; prefer `getToken` on public pages. */
  apiKey?: InstagramTwoFactor['apiKey'];
  /** Returns a short-lived token minted by the host's backend; called again once on a 401. */
  getToken?: InstagramTwoFactor['getToken'];
  /** Another backend than the contract's, e.g. an adapter for a provider's own API. */
  backend?: InstagramTwoFactor['backend'];
  /** Who is signed in (the host's user id); what is kept on this browser is kept for them alone, hashed. */
  identity?: InstagramTwoFactor['identity'];
  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  theme?: InstagramTwoFactor['theme'];
  /** The account is linked; `detail.channel` is the channel the backend returned. */
  onInboxConnected?: (event: CustomEvent<ConnectedDetail>) => void;
  /** Instagram asked for another code; `detail` has `checkpointType`, `round` and `message`. */
  onInbox2faChallenge?: (event: CustomEvent<TwoFactorChallengeDetail>) => void;
  /** The sign-in attempt is gone (404); `detail.reason` is `not-found`: start again. */
  onInboxConnectFailed?: (event: CustomEvent<ConnectFailedDetail>) => void;
  /** The user chose Cancel. */
  onInboxCancelled?: (event: CustomEvent<Record<string, never>>) => void;
  /** A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`. */
  onInboxDataSkipped?: (event: CustomEvent<DataSkippedDetail>) => void;
  /** The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again. */
  onInboxSignedOut?: (event: CustomEvent<SignedOutDetail>) => void;
}

/** Props of `<phone-login>`, and its events for `@inbox-connected` and the like. */
interface PhoneLoginProps {
  /** The app to link: `telegram` (needs a `socket-url`) or `max`. */
  channel?: PhoneLogin['channel'];
  /** Leaves out the Cancel button, for flows (like channel-connect) that offer their own. */
  hideCancel?: PhoneLogin['hideCancel'];
  /** Origin of the backend; the element calls `{base-url}/api/v1/...`. */
  baseUrl?: PhoneLogin['baseUrl'];
  /** Phoenix socket endpoint; without it the element polls. */
  socketUrl?: PhoneLogin['socketUrl'];
  /** API key for server-rendered back offices; prefer `getToken` on public pages. */
  apiKey?: PhoneLogin['apiKey'];
  /** Returns a short-lived token minted by the host's backend; called again once on a 401. */
  getToken?: PhoneLogin['getToken'];
  /** Another backend than the contract's, e.g. an adapter for a provider's own API. */
  backend?: PhoneLogin['backend'];
  /** Who is signed in (the host's user id); what is kept on this browser is kept for them alone, hashed. */
  identity?: PhoneLogin['identity'];
  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  theme?: PhoneLogin['theme'];
  /** The account is linked; `detail.channel` is the channel. */
  onInboxConnected?: (event: CustomEvent<ConnectedDetail>) => void;
  /** Linking cannot go on (`detail.reason`: `conflict`, or the error kind); `detail.message` is what the user was told. */
  onInboxConnectFailed?: (event: CustomEvent<ConnectFailedDetail>) => void;
  /** An account was already linked and the user asked to manage it. */
  onInboxManageRequest?: (event: CustomEvent<ManageRequestDetail>) => void;
  /** The user chose Cancel. */
  onInboxCancelled?: (event: CustomEvent<Record<string, never>>) => void;
  /** A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`. */
  onInboxDataSkipped?: (event: CustomEvent<DataSkippedDetail>) => void;
  /** The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again. */
  onInboxSignedOut?: (event: CustomEvent<SignedOutDetail>) => void;
}

/** Props of `<qr-scanner>`, and its events for `@inbox-connected` and the like. */
interface QrScannerProps {
  /** The app to link: `whatsapp` or `telegram`. */
  channel?: QrScanner['channel'];
  /** The `id` of a linked channel to link again in place (Reconnect), instead of linking a new account. */
  relinkId?: QrScanner['relinkId'];
  /** Milliseconds between status polls; the provider asks for 2–3 s. */
  pollInterval?: QrScanner['pollInterval'];
  /** How long codes live when the backend does not say; by default what the channel's app is known to do. */
  codeLifetimes?: QrScanner['codeLifetimes'];
  /** Milliseconds to wait, once the code was scanned, for the backend to report the account linked. */
  finishTimeout?: QrScanner['finishTimeout'];
  /** How to link WhatsApp at first, where the backend links by phone number too: `qr`, `phone` or `auto` (phone on narrow touch screens). */
  linkMethod?: QrScanner['linkMethod'];
  /** The country of a phone number typed without its country code (ISO 3166-1 alpha-2), e.g. `SA`. */
  defaultCountry?: QrScanner['defaultCountry'];
  /** An attempt to follow instead of starting one, e.g. after a page reload (`channel-connect` sets it). */
  resume?: QrScanner['resume'];
  /** Origin of the backend; the element calls `{base-url}/api/v1/...`. */
  baseUrl?: QrScanner['baseUrl'];
  /** Phoenix socket endpoint; without it the element polls. */
  socketUrl?: QrScanner['socketUrl'];
  /** API key for server-rendered back offices; prefer `getToken` on public pages. */
  apiKey?: QrScanner['apiKey'];
  /** Returns a short-lived token minted by the host's backend; called again once on a 401. */
  getToken?: QrScanner['getToken'];
  /** Another backend than the contract's, e.g. an adapter for a provider's own API. */
  backend?: QrScanner['backend'];
  /** Who is signed in (the host's user id); what is kept on this browser is kept for them alone, hashed. */
  identity?: QrScanner['identity'];
  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  theme?: QrScanner['theme'];
  /** The account was linked; `detail.channel` is the channel object. */
  onInboxConnected?: (event: CustomEvent<ConnectedDetail>) => void;
  /** The codes ran out (`reason: 'qr-expired'`), a call failed, or the scan never finished (`reason: 'timeout'`); `detail.message` is what the user was told. */
  onInboxConnectFailed?: (event: CustomEvent<ConnectFailedDetail>) => void;
  /** After a 409 the user asked to manage the already linked account. */
  onInboxManageRequest?: (event: CustomEvent<ManageRequestDetail>) => void;
  /** A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`. */
  onInboxDataSkipped?: (event: CustomEvent<DataSkippedDetail>) => void;
  /** The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again. */
  onInboxSignedOut?: (event: CustomEvent<SignedOutDetail>) => void;
}

declare module 'vue' {
  interface GlobalComponents {
    /** Linked messaging accounts, their live status, and refresh, reconnect and disconnect. */
    'accounts-list': DefineComponent<AccountsListProps>;
    /** Pick a messaging channel and link it. */
    'channel-connect': DefineComponent<ChannelConnectProps>;
    /** Conversations, message history, composer and live updates. */
    'conversation-view': DefineComponent<ConversationViewProps>;
    /** Asks for the code Instagram sends while linking an account, round after round, until it is linked. */
    'instagram-2fa': DefineComponent<InstagramTwoFactorProps>;
    /** Link Telegram or MAX with a phone number and the code sent to it. */
    'phone-login': DefineComponent<PhoneLoginProps>;
    /** Scan a QR code with your phone to link WhatsApp or Telegram. */
    'qr-scanner': DefineComponent<QrScannerProps>;
  }
}

// Generated from custom-elements.json by scripts/generate-framework-bindings.ts: run `npm run bindings`.
/**
 * The elements as React 19 JSX tags, which set properties and listen to events by themselves. Load once,
 * e.g. `import type {} from 'inbox-elements/jsx';`.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
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

/** An element's own props over what React offers on any element (`ref`, `className`, `style`…). */
type Tag<E extends HTMLElement, Own> = Omit<DetailedHTMLProps<HTMLAttributes<E>, E>, keyof Own> & Own;

/** Props of `<accounts-list>`: properties by name, the attributes named otherwise, events as `on` + the event's name. */
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
  /** How many accounts of a type show at first, and how many more each "Show more" adds. */
  'page-size'?: string;
  /** Origin of the backend; the element calls `{base-url}/api/v1/...`. */
  'base-url'?: string;
  /** Phoenix socket endpoint; without it the element polls. */
  'socket-url'?: string;
  /** API key for server-rendered back offices; prefer `getToken` on public pages. */
  'api-key'?: string;
  /** An account was refreshed; `detail.channel` is the updated channel. */
  'oninbox-refreshed'?: (event: CustomEvent<RefreshedDetail>) => void;
  /** An account was disconnected and removed; `detail.channel` is the removed channel. */
  'oninbox-disconnected'?: (event: CustomEvent<DisconnectedDetail>) => void;
  /** The user asked to reconnect `detail.channel`; cancelable: cancel it to handle reconnecting yourself. */
  'oninbox-reconnect-request'?: (event: CustomEvent<ReconnectRequestDetail>) => void;
  /** The user asked to link another account; cancelable: cancel it to handle linking yourself. */
  'oninbox-add-request'?: (event: CustomEvent<AddRequestDetail>) => void;
  /** Loading the list, or refreshing or disconnecting an account, failed; `detail.action`, `detail.channel`, `detail.reason`, `detail.message`. */
  'oninbox-action-failed'?: (event: CustomEvent<ActionFailedDetail>) => void;
  /** A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`. */
  'oninbox-data-skipped'?: (event: CustomEvent<DataSkippedDetail>) => void;
  /** The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again. */
  'oninbox-signed-out'?: (event: CustomEvent<SignedOutDetail>) => void;
}

/** Props of `<channel-connect>`: properties by name, the attributes named otherwise, events as `on` + the event's name. */
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
  /** Country sent with an Instagram sign-in (ISO 3166-1 alpha-2); also the country of a WhatsApp number typed without its code. */
  'default-country'?: string;
  /** How to link WhatsApp at first: `qr`, `phone` (a pairing code) or `auto` (phone on narrow touch screens). */
  'link-method'?: string;
  /** Origin of the backend; the element calls `{base-url}/api/v1/...`. */
  'base-url'?: string;
  /** Phoenix socket endpoint; without it the element polls. */
  'socket-url'?: string;
  /** API key for server-rendered back offices; prefer `getToken` on public pages. */
  'api-key'?: string;
  /** A channel was linked; `detail.channel` is the channel object. */
  'oninbox-connected'?: (event: CustomEvent<ConnectedDetail>) => void;
  /** Linking failed; `detail.reason` and `detail.message` say why. */
  'oninbox-connect-failed'?: (event: CustomEvent<ConnectFailedDetail>) => void;
  /** The user cancelled. */
  'oninbox-cancelled'?: (event: CustomEvent<Record<string, never>>) => void;
  /** The flow moved to another step; `detail.step` and `detail.channel`. */
  'oninbox-step-change'?: (event: CustomEvent<StepChangeDetail>) => void;
  /** The user asked to manage an already linked channel. */
  'oninbox-manage-request'?: (event: CustomEvent<ManageRequestDetail>) => void;
  /** Instagram asked for another verification code (from the nested instagram-2fa). */
  'oninbox-2fa-challenge'?: (event: CustomEvent<TwoFactorChallengeDetail>) => void;
  /** A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`. */
  'oninbox-data-skipped'?: (event: CustomEvent<DataSkippedDetail>) => void;
  /** The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again. */
  'oninbox-signed-out'?: (event: CustomEvent<SignedOutDetail>) => void;
}

/** Props of `<conversation-view>`: properties by name, the attributes named otherwise, events as `on` + the event's name. */
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
  /** Shows only this conversation, without the list: a host embedding a single chat. */
  'conversation-id'?: string;
  /** Shows only the conversations of this linked account (its channel `id`). */
  'channel-id'?: string | number;
  /** Offers a switch that turns on browser notifications of messages arriving while the page is hidden. */
  notifications?: boolean;
  /** The notifications chime too. */
  'notification-sound'?: boolean;
  /** Origin of the backend; the element calls `{base-url}/api/v1/...`. */
  'base-url'?: string;
  /** Phoenix socket endpoint; without it the element polls. */
  'socket-url'?: string;
  /** API key for server-rendered back offices; prefer `getToken` on public pages. */
  'api-key'?: string;
  /** The user opened a conversation; `detail.conversation`. */
  'oninbox-conversation-open'?: (event: CustomEvent<ConversationOpenDetail>) => void;
  /** A message written here reached the server; `detail.message` is the server's copy. */
  'oninbox-message-sent'?: (event: CustomEvent<MessageSentDetail>) => void;
  /** The server refused a message written here; `detail.conversationId`, `detail.externalId`, `detail.reason`, `detail.message`. */
  'oninbox-send-failed'?: (event: CustomEvent<SendFailedDetail>) => void;
  /** The unread total across the inbox changed; `detail.total`. */
  'oninbox-unread-change'?: (event: CustomEvent<UnreadChangeDetail>) => void;
  /** A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`. */
  'oninbox-data-skipped'?: (event: CustomEvent<DataSkippedDetail>) => void;
  /** The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again. */
  'oninbox-signed-out'?: (event: CustomEvent<SignedOutDetail>) => void;
}

/** Props of `<instagram-2fa>`: properties by name, the attributes named otherwise, events as `on` + the event's name. */
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
  /** The `account_id` of the connect answer that asked for verification. */
  'account-id'?: string;
  /** What Instagram asks for (`OTP`, `2FA`, `SMS`, `EMAIL`, `IN_APP_VALIDATION`, …); updated on each round. */
  'checkpoint-type'?: string;
  /** Seconds before "Send a new code" is offered, after the first code and after each new one. */
  'resend-cooldown'?: string | number;
  /** Leaves out the Cancel button, for flows (like channel-connect) that offer their own. */
  'hide-cancel'?: boolean;
  /** Origin of the backend; the element calls `{base-url}/api/v1/...`. */
  'base-url'?: string;
  /** Phoenix socket endpoint; without it the element polls. */
  'socket-url'?: string;
  /** API key for server-rendered back offices; prefer `getToken` on public pages. */
  'api-key'?: string;
  /** The account is linked; `detail.channel` is the channel the backend returned. */
  'oninbox-connected'?: (event: CustomEvent<ConnectedDetail>) => void;
  /** Instagram asked for another code; `detail` has `checkpointType`, `round` and `message`. */
  'oninbox-2fa-challenge'?: (event: CustomEvent<TwoFactorChallengeDetail>) => void;
  /** The sign-in attempt is gone (404); `detail.reason` is `not-found`: start again. */
  'oninbox-connect-failed'?: (event: CustomEvent<ConnectFailedDetail>) => void;
  /** The user chose Cancel. */
  'oninbox-cancelled'?: (event: CustomEvent<Record<string, never>>) => void;
  /** A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`. */
  'oninbox-data-skipped'?: (event: CustomEvent<DataSkippedDetail>) => void;
  /** The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again. */
  'oninbox-signed-out'?: (event: CustomEvent<SignedOutDetail>) => void;
}

/** Props of `<phone-login>`: properties by name, the attributes named otherwise, events as `on` + the event's name. */
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
  /** Leaves out the Cancel button, for flows (like channel-connect) that offer their own. */
  'hide-cancel'?: boolean;
  /** Origin of the backend; the element calls `{base-url}/api/v1/...`. */
  'base-url'?: string;
  /** Phoenix socket endpoint; without it the element polls. */
  'socket-url'?: string;
  /** API key for server-rendered back offices; prefer `getToken` on public pages. */
  'api-key'?: string;
  /** The account is linked; `detail.channel` is the channel. */
  'oninbox-connected'?: (event: CustomEvent<ConnectedDetail>) => void;
  /** Linking cannot go on (`detail.reason`: `conflict`, or the error kind); `detail.message` is what the user was told. */
  'oninbox-connect-failed'?: (event: CustomEvent<ConnectFailedDetail>) => void;
  /** An account was already linked and the user asked to manage it. */
  'oninbox-manage-request'?: (event: CustomEvent<ManageRequestDetail>) => void;
  /** The user chose Cancel. */
  'oninbox-cancelled'?: (event: CustomEvent<Record<string, never>>) => void;
  /** A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`. */
  'oninbox-data-skipped'?: (event: CustomEvent<DataSkippedDetail>) => void;
  /** The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again. */
  'oninbox-signed-out'?: (event: CustomEvent<SignedOutDetail>) => void;
}

/** Props of `<qr-scanner>`: properties by name, the attributes named otherwise, events as `on` + the event's name. */
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
  /** The `id` of a linked channel to link again in place (Reconnect), instead of linking a new account. */
  'relink-id'?: string | number;
  /** How to link WhatsApp at first, where the backend links by phone number too: `qr`, `phone` or `auto` (phone on narrow touch screens). */
  'link-method'?: string;
  /** The country of a phone number typed without its country code (ISO 3166-1 alpha-2), e.g. `SA`. */
  'default-country'?: string;
  /** Origin of the backend; the element calls `{base-url}/api/v1/...`. */
  'base-url'?: string;
  /** Phoenix socket endpoint; without it the element polls. */
  'socket-url'?: string;
  /** API key for server-rendered back offices; prefer `getToken` on public pages. */
  'api-key'?: string;
  /** The account was linked; `detail.channel` is the channel object. */
  'oninbox-connected'?: (event: CustomEvent<ConnectedDetail>) => void;
  /** The codes ran out (`reason: 'qr-expired'`), a call failed, or the scan never finished (`reason: 'timeout'`); `detail.message` is what the user was told. */
  'oninbox-connect-failed'?: (event: CustomEvent<ConnectFailedDetail>) => void;
  /** After a 409 the user asked to manage the already linked account. */
  'oninbox-manage-request'?: (event: CustomEvent<ManageRequestDetail>) => void;
  /** A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`. */
  'oninbox-data-skipped'?: (event: CustomEvent<DataSkippedDetail>) => void;
  /** The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again. */
  'oninbox-signed-out'?: (event: CustomEvent<SignedOutDetail>) => void;
}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React declares its JSX types as a namespace.
  namespace JSX {
    interface IntrinsicElements {
      /** Linked messaging accounts, their live status, and refresh, reconnect and disconnect. */
      'accounts-list': Tag<AccountsList, AccountsListProps>;
      /** Pick a messaging channel and link it. */
      'channel-connect': Tag<ChannelConnect, ChannelConnectProps>;
      /** Conversations, message history, composer and live updates. */
      'conversation-view': Tag<ConversationView, ConversationViewProps>;
      /** Asks for the code Instagram sends while linking an account, round after round, until it is linked. */
      'instagram-2fa': Tag<InstagramTwoFactor, InstagramTwoFactorProps>;
      /** Link Telegram or MAX with a phone number and the code sent to it. */
      'phone-login': Tag<PhoneLogin, PhoneLoginProps>;
      /** Scan a QR code with your phone to link WhatsApp or Telegram. */
      'qr-scanner': Tag<QrScanner, QrScannerProps>;
    }
  }
}

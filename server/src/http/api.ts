import type { ChannelScope } from '../auth/channel-scope.js';
import type { FieldErrors, InstagramCredentials, Recipient } from '../contract.js';
import { publicConversation, type SqlStore } from '../db/sql-store.js';
import {
  ProviderError,
  type CustomerContext,
  type InboxProvider,
  type ChannelTarget,
  type NewConversation,
  type ProviderAnswer,
} from '../providers/provider.js';
import type { Outbox } from '../sends/outbox.js';
import { readForm, readJsonObject } from './body.js';
import { HttpError, noContent, notFound, ok, okMessage, validation } from './envelope.js';
import { Router, type Params } from './router.js';

export interface ApiContext {
  ctx: CustomerContext;
  request: Request;
  url: URL;
}

const MAX_TEXT_LENGTH = 4096;
const MAX_ID_LENGTH = 200;
/** Longest search query (`q`), as docs/openapi.yaml bounds it. */
const MAX_QUERY_LENGTH = 200;
const QR_TYPES = 'whatsapp|telegram';
/** A phone number as a pairing-code request carries it (docs/openapi.yaml). */
const E164 = /^\+[1-9]\d{6,14}$/;
/** A Telegram username, the `@` optional (docs/openapi.yaml `startConversation`). */
const USERNAME = /^@?[A-Za-z][A-Za-z0-9_]{4,31}$/;
/** Channel types as a path segment: letters only, so nothing else can reach a provider. */
const CHANNEL_TYPE = /^[a-z]{2,24}$/;

class Fields {
  private readonly errors: FieldErrors = {};

  constructor(private readonly body: Readonly<Record<string, unknown>>) {}

  string(name: string, { required = true, max = MAX_ID_LENGTH } = {}): string | undefined {
    const value = this.body[name];
    if (value === undefined || value === null || value === '') {
      if (required) this.fail(name, `The ${name.replace(/_/g, ' ')} field is required.`);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.fail(name, `The ${name.replace(/_/g, ' ')} must be a string.`);
      return undefined;
    }
    if (value.length > max)
      this.fail(name, `The ${name.replace(/_/g, ' ')} may not be longer than ${max} characters.`);
    return value;
  }

  fail(name: string, message: string): void {
    (this.errors[name] ??= []).push(message);
  }

  check(): void {
    if (Object.keys(this.errors).length > 0) throw validation(this.errors);
  }
}

function limitOf(url: URL, fallback: number): number {
  const raw = url.searchParams.get('limit');
  if (raw === null) return fallback;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw) || limit < 1 || limit > 100) {
    throw validation({ limit: ['The limit must be an integer from 1 to 100.'] });
  }
  return limit;
}

function optionalParam(url: URL, name: string): string | undefined {
  const value = url.searchParams.get(name);
  if (value === null || value === '') return undefined;
  if (value.length > MAX_ID_LENGTH) throw validation({ [name]: [`The ${name} is too long.`] });
  return value;
}

/** `channel_id` as an integer the session may read, or undefined without one. */
function channelIdParam(ctx: CustomerContext, url: URL): number | undefined {
  const channelParam = optionalParam(url, 'channel_id');
  const channelId = channelParam === undefined ? undefined : Number(channelParam);
  if (channelParam !== undefined && (!/^\d{1,15}$/.test(channelParam) || !Number.isSafeInteger(channelId))) {
    throw validation({ channel_id: ['The channel id must be an integer.'] });
  }
  if (channelId !== undefined && !allows(ctx, channelId))
    throw new HttpError(403, 'This session may not read that channel.');
  return channelId;
}

function searchParam(url: URL, { required }: { required: boolean }): string | undefined {
  const q = url.searchParams.get('q');
  if (q === null || q === '') {
    if (required) throw validation({ q: ['The q field is required.'] });
    return undefined;
  }
  if (q.length > MAX_QUERY_LENGTH)
    throw validation({ q: [`The q may not be longer than ${MAX_QUERY_LENGTH} characters.`] });
  return q;
}

/** The conversation list's filters besides the account: channel type, unread only and the search. */
function conversationFilters(url: URL): { channel?: string; unread?: boolean; q?: string } {
  const channel = url.searchParams.get('channel');
  if (channel !== null && !CHANNEL_TYPE.test(channel))
    throw validation({ channel: ['The channel must be a channel type.'] });
  const unread = url.searchParams.get('unread');
  if (unread !== null && unread !== 'true' && unread !== 'false')
    throw validation({ unread: ['The unread must be true or false.'] });
  const q = searchParam(url, { required: false });
  return {
    ...(channel === null ? {} : { channel }),
    ...(unread === 'true' ? { unread: true } : {}),
    ...(q === undefined ? {} : { q }),
  };
}

function channelType(params: Params): string {
  const type = params['type'];
  if (!CHANNEL_TYPE.test(type)) throw notFound();
  return type;
}

function allows(ctx: CustomerContext, channelId: number): boolean {
  return ctx.channelIds === undefined || ctx.channelIds.includes(channelId);
}

/** The channel a refresh or disconnect names; a session limited to some channels must name one of them. */
async function channelTarget(api: ApiContext): Promise<ChannelTarget> {
  const body = await readJsonObject(api.request);
  const accountId = optionalParam(api.url, 'account_id');
  const id = body['id'];
  if (id !== undefined && !Number.isSafeInteger(id)) throw validation({ id: ['The id must be an integer.'] });
  const target: ChannelTarget = {
    ...(accountId ? { accountId } : {}),
    ...(id !== undefined ? { id: id as number } : {}),
  };
  if (api.ctx.channelIds !== undefined && (target.id === undefined || !allows(api.ctx, target.id))) {
    throw new HttpError(403, 'This session may not change that channel.');
  }
  return target;
}

/** `to` of `POST /conversations`: exactly one of `phone` (E.164) and `username`; problems under `to.*`. */
function recipientOf(fields: Fields, value: unknown): Recipient | undefined {
  const to = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  const { phone, username } = to as Record<string, unknown>;
  if (Object.keys(to).length !== 1) {
    fields.fail('to', 'The to field must be {"phone": …} or {"username": …}.');
  } else if (typeof phone === 'string') {
    if (E164.test(phone)) return { phone };
    fields.fail('to.phone', 'The phone number must be in international form, e.g. +966501234567.');
  } else if (typeof username === 'string') {
    if (USERNAME.test(username)) return { username: username.replace(/^@/, '') };
    fields.fail('to.username', 'A username has 5 to 32 letters, digits or underscores, from a letter.');
  } else {
    fields.fail('to', 'The to field must be {"phone": …} or {"username": …}.');
  }
  return undefined;
}

/** The checked body of `POST /conversations`. */
async function newConversationOf(ctx: CustomerContext, request: Request): Promise<NewConversation> {
  const body = await readJsonObject(request);
  const fields = new Fields(body);
  const channelId = body['channel_id'];
  if (!Number.isSafeInteger(channelId) || (channelId as number) < 1)
    fields.fail('channel_id', 'The channel id must be an integer.');
  const to = recipientOf(fields, body['to']);
  const text = fields.string('text', { max: MAX_TEXT_LENGTH });
  const externalId = fields.string('external_id');
  fields.check();
  if (!allows(ctx, channelId as number)) throw notFound('No such account.');
  return { channel_id: channelId as number, to: to!, text: text!, external_id: externalId! };
}

/** A provider's refusal of a recipient under the contract's field names (`phone` is `to.phone`). */
function recipientRefusal(error: unknown): never {
  if (error instanceof ProviderError && error.status === 422 && error.errors) {
    const errors: FieldErrors = {};
    for (const [field, messages] of Object.entries(error.errors)) {
      errors[field === 'phone' || field === 'username' ? `to.${field}` : field] = messages;
    }
    throw new ProviderError(422, error.message, errors);
  }
  throw error;
}

function answer(result: ProviderAnswer): Response {
  if (result.status === 204) return noContent();
  return ok(result.data ?? null, result.status ?? 200, result.message);
}

/** The contract's calls under `/api/v1/`, each run for the session's customer only. */
export function apiRouter(
  provider: InboxProvider,
  store: SqlStore,
  outbox: Outbox,
  scope: ChannelScope,
): Router<ApiContext> {
  const router = new Router<ApiContext>();
  const { channels, conversations } = provider;
  /** An upstream's conversation within the session's channels; 404 for one of another channel. */
  const upstreamConversation = async (ctx: CustomerContext, id: string) => {
    if (!(await scope.allowsConversation(ctx, id))) throw notFound('No such conversation.');
  };

  router
    .add('GET', 'channels', async ({ ctx }) => {
      const list = await channels.list(ctx);
      return ok(list.filter((channel) => allows(ctx, channel.id)));
    })
    .add('POST', `channels/:type(${QR_TYPES})/connect`, async ({ ctx }, params) =>
      ok(await channels.connectQr(ctx, params['type'] as 'whatsapp' | 'telegram')),
    )
    .add('GET', 'channels/:type/status', async ({ ctx, url }, params) => {
      const status = await channels.status(ctx, channelType(params), optionalParam(url, 'account_id'));
      if (status.id !== null && !allows(ctx, status.id)) throw notFound();
      return ok(status);
    })
    .add('POST', 'channels/:type/refresh', async (api, params) =>
      ok(await channels.refresh(api.ctx, channelType(params), await channelTarget(api))),
    )
    .add('POST', 'channels/:type/disconnect', async (api, params) => {
      await channels.disconnect(api.ctx, channelType(params), await channelTarget(api));
      return noContent();
    })
    .add('POST', 'channels/whatsapp/pairing-code', async ({ ctx, request }) => {
      if (!channels.requestWhatsAppPairingCode) {
        throw new HttpError(501, 'Linking WhatsApp by phone number is not supported.');
      }
      const fields = new Fields(await readJsonObject(request));
      const phone = fields.string('phone_number', { max: 16 });
      const accountId = fields.string('account_id', { required: false });
      if (phone !== undefined && !E164.test(phone)) {
        fields.fail('phone_number', 'The phone number must be in international form, e.g. +966501234567.');
      }
      fields.check();
      return ok(
        await channels.requestWhatsAppPairingCode(ctx, {
          phone_number: phone!,
          ...(accountId ? { account_id: accountId } : {}),
        }),
      );
    })
    .add('POST', 'channels/instagram/connect', async ({ ctx, request }) => {
      if (!channels.connectInstagram) throw notFound();
      const fields = new Fields(await readJsonObject(request));
      const username = fields.string('username');
      const password = fields.string('password', { max: 1024 });
      const country = fields.string('country', { required: false, max: 2 });
      fields.check();
      const credentials: InstagramCredentials = {
        username: username!,
        password: password!,
        ...(country ? { country } : {}),
      };
      return ok(await channels.connectInstagram(ctx, credentials));
    })
    .add('POST', 'channels/instagram/2fa', async ({ ctx, request }) => {
      if (!channels.submitInstagramCode) throw notFound();
      const fields = new Fields(await readJsonObject(request));
      const accountId = fields.string('account_id');
      const code = fields.string('code', { max: 32 });
      fields.check();
      return ok(await channels.submitInstagramCode(ctx, accountId!, code!));
    })
    .add('POST', 'channels/instagram/2fa/resend', async ({ ctx, request }) => {
      if (!channels.resendInstagramCode) throw notFound();
      const fields = new Fields(await readJsonObject(request));
      const accountId = fields.string('account_id');
      fields.check();
      return okMessage((await channels.resendInstagramCode(ctx, accountId!)).message);
    });

  router
    .add('GET', 'conversations', async ({ ctx, url }) => {
      const channelId = channelIdParam(ctx, url);
      const cursor = optionalParam(url, 'cursor');
      const query = {
        limit: limitOf(url, 30),
        ...(channelId === undefined ? {} : { channelId }),
        ...conversationFilters(url),
        ...(cursor ? { cursor } : {}),
      };
      if (conversations.kind === 'upstream') {
        const { unread_total: unreadTotal, ...page } = await conversations.list(ctx, query);
        const items = page.items.filter((item) => allows(ctx, item.channel_id));
        await scope.rememberConversations(ctx, items);
        // The upstream counts every channel of its account; a session limited to some must not see that.
        const total =
          ctx.channelIds === undefined && unreadTotal !== undefined ? { unread_total: unreadTotal } : {};
        return ok({ ...page, items, ...total });
      }
      const page = await store.conversationPage(ctx.customerId, ctx.channelIds, query);
      if (page === 'bad-cursor') throw validation({ cursor: ['The cursor is invalid.'] });
      return ok(page);
    })
    .add('POST', 'conversations', async ({ ctx, request }) => {
      const start = await newConversationOf(ctx, request);
      if (conversations.kind === 'upstream') {
        if (!conversations.startConversation) throw notSupported();
        const started = await conversations.startConversation(ctx, start);
        await scope.rememberConversations(ctx, [started.conversation]);
        await scope.rememberSent(ctx, started.message);
        return ok(started);
      }
      if (!conversations.newChat) throw notSupported();
      const channel = await store.channelById(ctx.customerId, start.channel_id);
      if (!channel) throw notFound('No such account.');
      if (!channel.is_connected)
        throw new HttpError(409, 'This account is not connected. Link it again first.');
      const chat = conversations.newChat(channel, start.to);
      const conversation =
        (await store.conversationWithContact(ctx.customerId, channel.id, {
          providerConversationId: chat.providerConversationId,
          phone: chat.contact.phone,
          username: chat.contact.username,
        })) ??
        (await store.upsertConversation(ctx.customerId, {
          channelId: channel.id,
          providerConversationId: chat.providerConversationId,
          contact: chat.contact,
        }));
      const message = await outbox
        .sendText(ctx, conversation.id, { text: start.text, external_id: start.external_id })
        .catch(recipientRefusal);
      const now = (await store.conversation(ctx.customerId, conversation.id)) ?? conversation;
      return ok({ conversation: publicConversation(now), message });
    })
    .add('GET', 'messages/search', async ({ ctx, url }) => {
      const channelId = channelIdParam(ctx, url);
      const cursor = optionalParam(url, 'cursor');
      const query = {
        q: searchParam(url, { required: true })!,
        limit: limitOf(url, 20),
        ...(channelId === undefined ? {} : { channelId }),
        ...(cursor ? { cursor } : {}),
      };
      if (conversations.kind === 'upstream') {
        if (!conversations.searchMessages) throw notFound('This backend cannot search messages.');
        const page = await conversations.searchMessages(ctx, query);
        const items = page.items.filter((hit) => allows(ctx, hit.conversation.channel_id));
        await scope.rememberConversations(
          ctx,
          items.map((hit) => hit.conversation),
        );
        return ok({ ...page, items });
      }
      const page = await store.searchMessages(ctx.customerId, ctx.channelIds, query);
      if (page === 'bad-cursor') throw validation({ cursor: ['The cursor is invalid.'] });
      return ok(page);
    })
    .add('GET', 'conversations/:id/messages', async ({ ctx, url }, params) => {
      const before = optionalParam(url, 'before');
      const after = optionalParam(url, 'after');
      if (before && after) throw validation({ before: ['Give before or after, not both.'] });
      const query = { limit: limitOf(url, 50), ...(before ? { before } : {}), ...(after ? { after } : {}) };
      if (conversations.kind === 'upstream') {
        await upstreamConversation(ctx, params['id']);
        return ok(await conversations.messages(ctx, params['id'], query));
      }
      const conversation = await storedConversation(store, ctx, params['id']);
      const page = await store.messagePage(conversation, query);
      if (page === 'unknown-message')
        throw validation({ [before ? 'before' : 'after']: ['No such message in this conversation.'] });
      return ok(page);
    })
    .add('POST', 'conversations/:id/messages', async ({ ctx, request }, params) => {
      const fields = new Fields(await readJsonObject(request));
      const text = fields.string('text', { max: MAX_TEXT_LENGTH });
      const externalId = fields.string('external_id');
      const replyTo = fields.string('reply_to_message_id', { required: false });
      fields.check();
      if (conversations.kind === 'stored') await storedReplyTarget(store, ctx, params['id'], replyTo);
      else await upstreamConversation(ctx, params['id']);
      const message = await outbox.sendText(ctx, params['id'], {
        text: text!,
        external_id: externalId!,
        ...(replyTo ? { reply_to_message_id: replyTo } : {}),
      });
      await scope.rememberSent(ctx, message);
      return ok(message);
    })
    .add('POST', 'conversations/:id/files', async ({ ctx, request }, params) => {
      const form = await readForm(request);
      const file = form.get('file');
      const externalId = form.get('external_id');
      const caption = form.get('caption');
      const replyTo = form.get('reply_to_message_id');
      const errors: FieldErrors = {};
      if (!(file instanceof File) || file.size === 0) errors['file'] = ['The file field is required.'];
      if (typeof externalId !== 'string' || externalId === '' || externalId.length > MAX_ID_LENGTH) {
        errors['external_id'] = ['The external id field is required.'];
      }
      if (caption !== null && (typeof caption !== 'string' || caption.length > MAX_TEXT_LENGTH)) {
        errors['caption'] = ['The caption must be a text of at most 4096 characters.'];
      }
      if (replyTo !== null && (typeof replyTo !== 'string' || replyTo.length > MAX_ID_LENGTH)) {
        errors['reply_to_message_id'] = ['The message replied to must be a message id.'];
      }
      if (Object.keys(errors).length > 0) throw validation(errors);
      if (conversations.kind === 'stored')
        await storedReplyTarget(store, ctx, params['id'], typeof replyTo === 'string' ? replyTo : undefined);
      else await upstreamConversation(ctx, params['id']);
      const upload = file as File;
      const message = await outbox.sendFile(ctx, params['id'], {
        bytes: new Uint8Array(await upload.arrayBuffer()),
        name: upload.name || 'file',
        mime_type: upload.type || 'application/octet-stream',
        external_id: externalId as string,
        ...(typeof caption === 'string' && caption !== '' ? { caption } : {}),
        ...(typeof replyTo === 'string' && replyTo !== '' ? { reply_to_message_id: replyTo } : {}),
      });
      await scope.rememberSent(ctx, message);
      return ok(message);
    })
    .add('POST', 'conversations/:id/read', async ({ ctx, request }, params) => {
      const fields = new Fields(await readJsonObject(request));
      const upTo = fields.string('up_to_message_id');
      fields.check();
      if (conversations.kind === 'upstream') {
        await upstreamConversation(ctx, params['id']);
        await conversations.markRead(ctx, params['id'], upTo!);
        return noContent();
      }
      const conversation = await storedConversation(store, ctx, params['id']);
      const message = await store.message(ctx.customerId, { id: upTo! });
      if (!message || message.conversation_id !== conversation.id) {
        throw validation({ up_to_message_id: ['No such message in this conversation.'] });
      }
      await store.markRead(ctx.customerId, conversation, message);
      await conversations.markRead?.(ctx, conversation, message);
      return noContent();
    })
    .add('DELETE', 'messages/:id', async ({ ctx }, params) => {
      if (conversations.kind === 'upstream') {
        if (!(await scope.allowsMessage(ctx, params['id'])))
          throw validation({ delivery: ['delivery not found'] });
        await conversations.deleteMessage(ctx, params['id']);
        return noContent();
      }
      const message = await store.message(ctx.customerId, { id: params['id'] });
      if (!message || message.deleted || message.direction !== 'outgoing') {
        throw validation({ delivery: ['delivery not found'] });
      }
      const conversation = await storedConversation(store, ctx, message.conversation_id);
      await conversations.deleteMessage(ctx, message, conversation);
      await store.markDeleted(ctx.customerId, { id: message.id });
      return noContent();
    })
    // None of the providers reacts, edits or forwards (docs/openapi.yaml): the elements hide those actions.
    .add('POST', 'conversations/:id/messages/:message_id/reactions', () => {
      throw new HttpError(501, 'Reactions are not supported.');
    })
    .add('PATCH', 'conversations/:id/messages/:message_id', () => {
      throw new HttpError(501, 'Editing messages is not supported.');
    })
    .add('POST', 'conversations/:id/messages/:message_id/forward', () => {
      throw new HttpError(501, 'Forwarding messages is not supported.');
    });

  for (const route of provider.routes ?? []) {
    router.add(route.method, route.path, async ({ ctx, request, url }, params) => {
      const body = route.method === 'GET' ? {} : await readJsonObject(request);
      return answer(await route.handle(ctx, { params, query: url.searchParams, body }));
    });
  }
  return router;
}

function notSupported(): HttpError {
  return new HttpError(501, 'Starting conversations is not supported.');
}

/** The conversation a send goes to, and the message it answers, which must be one of that conversation's (422). */
async function storedReplyTarget(
  store: SqlStore,
  ctx: CustomerContext,
  id: string,
  replyTo: string | undefined,
) {
  const conversation = await storedConversation(store, ctx, id);
  if (!replyTo) return;
  const replied = await store.message(ctx.customerId, { id: replyTo });
  if (!replied || replied.conversation_id !== conversation.id) {
    throw validation({ reply_to_message_id: ['The message replied to is not in this conversation.'] });
  }
}

/** The customer's conversation, within the session's channels; 404 for anyone else's. */
async function storedConversation(store: SqlStore, ctx: CustomerContext, id: string) {
  const conversation = await store.conversation(ctx.customerId, id);
  if (!conversation || !allows(ctx, conversation.channel_id)) throw notFound('No such conversation.');
  return conversation;
}

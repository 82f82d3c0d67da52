import type { FieldErrors, Reply, Route } from '../http.js';
import { route } from '../http.js';
import { FILE_TYPES } from '../inbox-api.js';
import { chategyStatus } from '../../server/src/providers/chategy/status-list.js';
import { checksumMatches, checksumOf } from './checksum.js';
import { requireInstance, type ChategyContext } from './context.js';
import { ChategyError, success, unprocessable } from './envelope.js';
import { accountJson } from './instance.js';
import { booleanParam, listParam, stringParam, type Params } from './params.js';
import { MAX_SEND_FILE_BYTES, ROUTINGS, type AttachedFile, type Delivery, type Routing } from './world.js';

const MINUTE_MS = 60_000;
const MONTH_MS = 31 * 24 * 3600 * 1000;
const PRIORITIES = ['high', 'medium', 'low'];
const PHONE_DIGITS = /^\d{8,15}$/;

/** `dispatch_routing[]`: unique, known channels only, in the given order. */
function routingParam(params: Params): Routing[] {
  const given = listParam(params, 'dispatch_routing') ?? [];
  return [...new Set(given.map((item) => item.toLowerCase()))].filter((item): item is Routing =>
    (ROUTINGS as readonly string[]).includes(item),
  );
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, between a minute and a month ahead; the wait until then. */
function scheduledDelay(params: Params, now: number, errors: FieldErrors): number {
  const text = stringParam(params, 'scheduled_at');
  if (text === undefined) return 0;
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  const at = match
    ? Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5], +match[6])
    : Number.NaN;
  if (!(at - now >= MINUTE_MS && at - now <= MONTH_MS)) {
    errors['scheduled_at'] = ['must be from 1 minute to 1 month ahead, as YYYY-MM-DD HH:MM:SS in UTC'];
    return 0;
  }
  return at - now;
}

/** The idempotency check: 400 for a wrong `checksum`, 409 for an `external_id` already sent. */
function checkIdempotency(context: ChategyContext): void {
  const instance = requireInstance(context);
  if (context.checksum !== undefined) {
    const expected = checksumOf(context.params, instance.idempotency_key);
    if (!checksumMatches(context.checksum, expected)) throw new ChategyError(400, 'Invalid checksum');
  }
}

function rejectRepeat(context: ChategyContext, externalId: string | undefined): void {
  if (externalId !== undefined && requireInstance(context).external_ids.has(externalId)) {
    throw new ChategyError(409, 'Request with current params has already been received');
  }
}

function deliveryJson(delivery: Delivery): Record<string, unknown> {
  return {
    callback_url: delivery.callback_url,
    dispatch_routing: [delivery.routing],
    external_id: delivery.external_id,
    id: delivery.id,
    phone: `+${delivery.contact.phone}`,
    priority: delivery.fields['priority'] ?? 'low',
    scheduled_at: delivery.fields['scheduled_at'] ?? null,
    sender_name: delivery.fields['sender_name'] ?? 'CHATEGY.IO',
    reply_to_message_id: delivery.reply_to_message_id,
    simulate_typing: delivery.fields['simulate_typing'] ?? true,
    status_description: chategyStatus(delivery.status_id)?.explanation ?? 'Accepted',
    status_id: delivery.status_id,
    sum: '0.0',
    total_sms: 1,
    traffic_category: 0,
    utm_mark: delivery.fields['utm_mark'] ?? null,
  };
}

/** The shared part of `delivery` and `send_file`: recipient, routing, schedule and the echoed fields. */
function createDelivery(
  context: ChategyContext,
  errors: FieldErrors,
  content: { text: string | null; file: AttachedFile | null },
): Reply {
  const { params, world, now } = context;
  const instance = requireInstance(context);
  const to = {
    phone: stringParam(params, 'phone'),
    username: stringParam(params, 'username'),
    tdlib_user_id: stringParam(params, 'tdlib_user_id'),
    whatsapp_lid: stringParam(params, 'whatsapp_lid'),
  };
  if (Object.values(to).every((value) => value === undefined))
    errors['phone'] = ['the phone cannot be empty'];
  const startAfterMs = scheduledDelay(params, now, errors);
  if (Object.keys(errors).length > 0) throw unprocessable(errors);
  const externalId = stringParam(params, 'external_id');
  rejectRepeat(context, externalId);
  const contact = world.deliveryContact(to);
  const lid = to.whatsapp_lid?.replace(/@lid$/, '');
  const recipient = contact ?? world.contact(lid ?? to.tdlib_user_id ?? '0');
  const priority = stringParam(params, 'priority');
  const delivery = world.createDelivery(
    instance,
    {
      routing: routingParam(params),
      contact: recipient,
      phoneValid: PHONE_DIGITS.test(recipient.phone),
      text: content.text,
      file: content.file,
      external_id: externalId ?? null,
      callback_url: stringParam(params, 'callback_url') ?? null,
      reply_to_message_id: stringParam(params, 'reply_to_message_id') ?? null,
      startAfterMs,
      fields: {
        priority: priority && PRIORITIES.includes(priority) ? priority : 'low',
        scheduled_at: stringParam(params, 'scheduled_at') ?? null,
        sender_name: stringParam(params, 'sender_name') ?? 'CHATEGY.IO',
        utm_mark: stringParam(params, 'utm_mark') ?? null,
        simulate_typing: booleanParam(params, 'simulate_typing') ?? true,
      },
    },
    context.origin,
    now,
  );
  return success({ delivery: deliveryJson(delivery) });
}

function postDelivery(context: ChategyContext): Reply {
  checkIdempotency(context);
  const errors: FieldErrors = {};
  const text = stringParam(context.params, 'text');
  if (text === undefined) errors['text'] = ['the text cannot be empty'];
  return createDelivery(context, errors, { text: text ?? null, file: null });
}

/** The MIME type of an upload, by its own type or else its file name's extension. */
function mimeOf(file: File, fileName: string): string {
  const given = file.type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (given !== '' && given !== 'application/octet-stream') return given;
  const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
  const byExtension: Record<string, string> = {
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
    webp: 'image/webp',
    pdf: 'application/pdf',
    mp4: 'video/mp4',
    mp3: 'audio/mpeg',
    ogg: 'audio/ogg',
    vcf: 'text/x-vcard',
    zip: 'application/zip',
  };
  return byExtension[extension] ?? given;
}

async function postFile(context: ChategyContext): Promise<Reply> {
  checkIdempotency(context);
  const errors: FieldErrors = {};
  const file = context.form?.get('file');
  const fileName = stringParam(context.params, 'file_name');
  if (fileName === undefined || !/\.[A-Za-z0-9]+$/.test(fileName)) {
    errors['file_name'] = ['must contain the file extension'];
  }
  if (!(file instanceof File) || file.size === 0) {
    throw unprocessable({ ...errors, base: ['file is required'] });
  }
  const mime = mimeOf(file, fileName ?? file.name);
  if (FILE_TYPES[mime] === undefined) throw unprocessable({ base: ['invalid mime type'] });
  if (file.size > MAX_SEND_FILE_BYTES) throw unprocessable({ base: ['file is too large'] });
  const name = fileName ?? file.name;
  const bytes = Buffer.from(await file.arrayBuffer());
  const fileId = context.files.add({ bytes, mime_type: mime, name });
  return createDelivery(context, errors, {
    text: null,
    file: {
      file_id: fileId,
      mime_type: mime,
      name,
      size: bytes.length,
      caption: stringParam(context.params, 'caption') ?? null,
    },
  });
}

function deliveryOf(context: ChategyContext, id: string | undefined): Delivery {
  const delivery = context.world.deliveries.get(Number(id));
  if (!delivery || delivery.instance !== context.instance) throw new ChategyError(404, 'Not found');
  return delivery;
}

function getDelivery(context: ChategyContext, id: string | undefined): Reply {
  const delivery = deliveryOf(context, id);
  const json = deliveryJson(delivery);
  return success({
    delivery: {
      callback_url: json['callback_url'],
      external_id: json['external_id'],
      id: delivery.id,
      operator: { brand_name: 'Sandbox', country: 'Sandbox', id: 1, name: 'Sandbox', slug: 'sandbox' },
      phone: json['phone'],
      scheduled_at: json['scheduled_at'],
      sender_name: json['sender_name'],
      status: { description: json['status_description'], status_id: delivery.status_id },
      sum: '0.00',
      total_sms: 1,
      traffic_category: 0,
      utm_mark: json['utm_mark'],
    },
  });
}

/** Chategy's `/api/v1` calls, made with an instance's token. */
export const apiRoutes: readonly Route<ChategyContext>[] = [
  route('POST', '/api/v1/delivery', postDelivery),
  route('GET', '/api/v1/delivery/:id', (context, params) => getDelivery(context, params['id'])),
  route('DELETE', '/api/v1/delivery/:id', (context, params) => {
    context.world.deleteDelivery(requireInstance(context), Number(params['id']));
    return success();
  }),
  route('POST', '/api/v1/send_file', postFile),
  route('GET', '/api/v1/account', (context) =>
    success({ account: accountJson(requireInstance(context), context.now) }),
  ),
  route('POST', '/api/v1/max/send_phone', (context) => {
    context.world.maxSendPhone(requireInstance(context), stringParam(context.params, 'phone'));
    return success();
  }),
  route('POST', '/api/v1/max/send_code', (context) => {
    context.world.maxSendCode(requireInstance(context), stringParam(context.params, 'code'));
    return success();
  }),
  route('POST', '/api/v1/max/close_session', (context) => {
    context.world.maxCloseSession(requireInstance(context));
    return success();
  }),
];

import type { Reply, Route } from '../http.js';
import { isRecord, route } from '../http.js';
import { mediaFixtures } from '../media.js';
import { chategyStatus } from '../../server/src/providers/chategy/status-list.js';
import type { ChategyContext } from './context.js';
import { ChategyError, success, unprocessable } from './envelope.js';
import { instanceJson, type Instance } from './instance.js';
import { mergeChategyScenario } from './scenario.js';
import type { Contact } from './webhook-bodies.js';
import type { IncomingDraft } from './world.js';

const SAMPLE_FILES = ['image', 'document', 'audio', 'video', 'contact'] as const;
const WHATSAPP_STATUSES = [
  'sent',
  'received',
  'read',
  'played',
  'failed',
  'expired',
  'content_gone',
  'content_too_big',
  'content_unuploadable',
  'inactive',
];

/** The instance a control body names by `customer_id` or `external_id`. */
function instanceOf(context: ChategyContext): Instance {
  const instance = context.world.findInstance(context.body);
  if (!instance) throw new ChategyError(404, 'Not found');
  return instance;
}

function channelOf(context: ChategyContext): 'whatsapp' | 'tdlib' {
  const channel = context.body['channel'] ?? 'whatsapp';
  if (channel !== 'whatsapp' && channel !== 'tdlib')
    throw unprocessable({ channel: ['must be whatsapp or tdlib'] });
  return channel;
}

/** `from: {phone?, username?, name?}`; a new simulated contact when left out. */
function contactOf(context: ChategyContext): Contact {
  const from = context.body['from'];
  if (from === undefined) return context.world.newContact();
  if (!isRecord(from)) throw unprocessable({ from: ['must be an object {phone?, username?, name?}'] });
  const name = typeof from['name'] === 'string' ? from['name'] : undefined;
  if (typeof from['phone'] === 'string') return context.world.contact(from['phone'], name);
  if (typeof from['username'] === 'string') return context.world.contactByUsername(from['username'], name);
  return context.world.newContact(name);
}

function fileOf(context: ChategyContext): IncomingDraft['file'] {
  const file = context.body['file'];
  if (file === undefined || file === null) return null;
  if (typeof file === 'string') {
    if (!(SAMPLE_FILES as readonly string[]).includes(file))
      throw unprocessable({
        file: [`must be one of ${SAMPLE_FILES.join(', ')}, or {name, mime_type, base64}`],
      });
    return mediaFixtures()[file as (typeof SAMPLE_FILES)[number]];
  }
  if (
    !isRecord(file) ||
    typeof file['name'] !== 'string' ||
    typeof file['mime_type'] !== 'string' ||
    typeof file['base64'] !== 'string'
  ) {
    throw unprocessable({ file: ['must be a sample name or {name, mime_type, base64}'] });
  }
  return { name: file['name'], mime_type: file['mime_type'], bytes: Buffer.from(file['base64'], 'base64') };
}

function message(context: ChategyContext): Reply {
  const instance = instanceOf(context);
  const { body } = context;
  const direction = body['direction'] ?? 'incoming';
  if (direction !== 'incoming' && direction !== 'outgoing')
    throw unprocessable({ direction: ['must be incoming or outgoing'] });
  const reply = body['reply_to_message_id'];
  const draft: IncomingDraft = {
    channel: channelOf(context),
    direction,
    contact: contactOf(context),
    text: typeof body['text'] === 'string' ? body['text'] : 'Hello from the sandbox',
    file: fileOf(context),
    caption: typeof body['caption'] === 'string' ? body['caption'] : null,
    reply_to_message_id: typeof reply === 'string' || typeof reply === 'number' ? reply : null,
  };
  return success({ webhook: context.world.message(instance, draft, context.origin, context.now) });
}

/** Test and demo controls of the Chategy flavour, under `/__chategy/`, with the developer's key. */
export const controlRoutes: readonly Route<ChategyContext>[] = [
  route('GET', '/__chategy/state', (context) =>
    success({
      instances: context.world.instances.map((instance) => ({
        ...instanceJson(instance, context.now),
        telegram_status: instance.telegram.status,
        max_session: instance.max.session,
        whatsapp_state: instance.whatsapp?.state(context.now) ?? null,
      })),
      webhooks: context.world.webhooks,
      scenario: context.world.scenario,
    }),
  ),
  route('POST', '/__chategy/scenario', (context) => {
    context.world.scenario = mergeChategyScenario(context.world.scenario, context.body);
    return success({ scenario: context.world.scenario });
  }),
  route('POST', '/__chategy/whatsapp/scan', (context) => {
    const instance = instanceOf(context);
    const phone =
      typeof context.body['phone'] === 'string' ? context.body['phone'].replace(/\D/g, '') : '966500000001';
    if (context.world.scanWhatsapp(instance, phone, context.now) === 'no_code')
      throw new ChategyError(409, 'No QR code is waiting for a scan: join the WhatsApp room first');
    return success();
  }),
  route('POST', '/__chategy/whatsapp/expire', (context) => {
    const instance = instanceOf(context);
    if (instance.whatsapp?.state(context.now) !== 'waiting')
      throw new ChategyError(409, 'No QR code is on screen: join the WhatsApp room first');
    // To the room the codes running out and an interrupted container look the same.
    context.world.interruptWhatsapp(instance, context.now);
    return success();
  }),
  route('POST', '/__chategy/whatsapp/log_out', (context) => {
    if (!context.world.logOutWhatsapp(instanceOf(context), context.now))
      throw new ChategyError(409, 'WhatsApp is not authorized');
    return success();
  }),
  route('POST', '/__chategy/telegram/log_out', (context) => {
    context.world.logOutTelegram(instanceOf(context));
    return success();
  }),
  route('POST', '/__chategy/messages', message),
  route('POST', '/__chategy/calls', (context) => {
    const instance = instanceOf(context);
    const video = context.body['video'] === true;
    return success({
      webhook: context.world.call(instance, channelOf(context), contactOf(context), video, context.now),
    });
  }),
  route('POST', '/__chategy/statuses', (context) => {
    const instance = instanceOf(context);
    const { message_id: messageId, status } = context.body;
    if (typeof messageId !== 'string') throw unprocessable({ message_id: ["can't be blank"] });
    if (typeof status !== 'string' || !WHATSAPP_STATUSES.includes(status))
      throw unprocessable({ status: [`must be one of ${WHATSAPP_STATUSES.join(', ')}`] });
    return success({ webhook: context.world.statusOf(instance, messageId, status) });
  }),
  route('POST', '/__chategy/deliveries/:id/status', (context, params) => {
    const delivery = context.world.deliveries.get(Number(params['id']));
    if (!delivery) throw new ChategyError(404, 'Not found');
    const statusId = context.body['status_id'];
    if (typeof statusId !== 'number' || chategyStatus(statusId) === undefined)
      throw unprocessable({ status_id: ['must be a status_id of the status list'] });
    context.world.finish(delivery, statusId);
    return success();
  }),
  route('POST', '/__chategy/files/expire', (context) => {
    context.files.expireAll();
    return success();
  }),
  route('GET', '/__chategy/webhooks', (context) => success({ deliveries: context.world.sender.list() })),
  route('POST', '/__chategy/webhooks/:id/repeat', (context, params) => {
    const delivery = context.world.sender.repeat(Number(params['id']));
    if (!delivery) throw new ChategyError(404, 'Not found');
    return success({ delivery });
  }),
  route('GET', '/__chategy/requests', (context) => success({ requests: context.world.requests })),
];

import { isRecord, type FieldErrors } from '../http.js';
import { parseFailure, type Failure } from '../scenario.js';
import { chategyStatus } from '../../server/src/providers/chategy/status-list.js';
import { unprocessable } from './envelope.js';

export const STATUS_WEBHOOK_TYPES = ['whatsapp_status_msg', 'message_status'] as const;
export type StatusWebhookType = (typeof STATUS_WEBHOOK_TYPES)[number];

/** Switches that steer the simulated Chategy of one developer key. */
export interface ChategyScenario {
  /** Telegram asks for the cloud password after the code. */
  telegram_password: boolean;
  /** A joined WhatsApp room gets `{auth: false, qr_code: null}` at once: the container was not created. */
  whatsapp_container_fails: boolean;
  /** New deliveries end with this `status_id` instead of "delivered"; null: they arrive. */
  final_status_id: number | null;
  /** The `type` in the body of a WhatsApp status webhook (the docs use both names). */
  status_webhook_type: StatusWebhookType;
  /** Canned answers for matching requests, as in the main sandbox. */
  failures: Failure[];
}

export function defaultChategyScenario(): ChategyScenario {
  return {
    telegram_password: false,
    whatsapp_container_fails: false,
    final_status_id: null,
    status_webhook_type: 'whatsapp_status_msg',
    failures: [],
  };
}

/** The scenario with the given switches changed; throws a 422 naming every invalid one. */
export function mergeChategyScenario(current: ChategyScenario, patch: unknown): ChategyScenario {
  const next: ChategyScenario = { ...current };
  const errors: FieldErrors = {};
  for (const [name, value] of Object.entries(isRecord(patch) ? patch : {})) {
    switch (name) {
      case 'telegram_password':
      case 'whatsapp_container_fails':
        if (typeof value === 'boolean') next[name] = value;
        else errors[name] = ['must be true or false'];
        break;
      case 'final_status_id':
        if (value === null || (typeof value === 'number' && chategyStatus(value)?.final === true))
          next.final_status_id = value;
        else errors[name] = ['must be a final status_id of the status list, or null'];
        break;
      case 'status_webhook_type':
        if ((STATUS_WEBHOOK_TYPES as readonly unknown[]).includes(value))
          next.status_webhook_type = value as StatusWebhookType;
        else errors[name] = [`must be one of: ${STATUS_WEBHOOK_TYPES.join(', ')}`];
        break;
      case 'failures':
        if (Array.isArray(value))
          next.failures = value.flatMap(
            (item, index) => parseFailure(item, `failures.${index}`, errors) ?? [],
          );
        else errors[name] = ['must be a list of failures'];
        break;
      default:
        errors[name] = ['unknown scenario switch'];
    }
  }
  if (Object.keys(errors).length > 0) throw unprocessable(errors);
  return next;
}

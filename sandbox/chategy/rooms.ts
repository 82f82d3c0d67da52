import type { ChannelReply, Push, TopicChannel, TopicRouter } from '../../server/src/realtime/phoenix.js';
import type { Instance } from './instance.js';
import type { ChategyWorld } from './world.js';

const WHATSAPP_AUTH_TOPIC = /^room:v1:whats_app:auth:(.+)$/;
const TELEGRAM_AUTH_TOPIC = 'room:v1:telegram:auth';

/**
 * `room:v1:whats_app:auth:{customer_id}`: `auth_state` every `authStateIntervalMs` while a code is
 * shown (`{auth: false, qr_code}`), `{auth: false, qr_code: null, in_progress: true}` after the scan,
 * then `{auth: true}` once; `{auth: false, qr_code: null}` once when the container failed, was
 * interrupted or ran out of codes.
 */
function whatsappAuthChannel(world: ChategyWorld, instance: Instance, push: Push): TopicChannel {
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe = () => {};
  const stop = () => {
    clearInterval(timer);
    unsubscribe();
  };
  const tick = () => {
    const attempt = instance.whatsapp;
    const state = attempt?.state(Date.now()) ?? 'failed';
    if (state === 'waiting')
      push('auth_state', { auth: false, qr_code: attempt?.currentCode(Date.now()) ?? null });
    else if (state === 'scanned') push('auth_state', { auth: false, qr_code: null, in_progress: true });
    else {
      push('auth_state', state === 'completed' ? { auth: true } : { auth: false, qr_code: null });
      stop();
    }
  };
  return {
    start() {
      if (!world.whatsappContainer(instance, Date.now())) {
        push('auth_state', { auth: false, qr_code: null });
        return;
      }
      unsubscribe = world.onWhatsappChange(instance, tick);
      timer = setInterval(tick, world.timings.authStateIntervalMs);
      tick();
    },
    stop,
  };
}

/** `room:v1:telegram:auth`: the instance's login state on join and on every change; the four pushes. */
function telegramAuthChannel(world: ChategyWorld, instance: Instance, push: Push): TopicChannel {
  const unsubscribe = world.onTelegramStatus(instance, (status) => push('auth_state', { status }));
  return {
    start() {
      push('auth_state', { status: instance.telegram.status });
    },
    handleIn(event, payload): ChannelReply {
      const errors = world.telegramPush(instance, event, payload);
      if (!errors) return { status: 'ok', response: {} };
      // The docs' error reply, word for word, "Raw object" included.
      return {
        status: 'error',
        response: {
          meta: { code: 422, errors, connection: 'Raw object', status: 'failed', status_id: null },
        },
      };
    },
    stop: unsubscribe,
  };
}

/** The rooms a socket opened with an instance's token may join. */
export function chategyTopics(world: ChategyWorld, instance: Instance): TopicRouter {
  return (topic, push) => {
    if (topic === TELEGRAM_AUTH_TOPIC) return { channel: telegramAuthChannel(world, instance, push) };
    const roomId = WHATSAPP_AUTH_TOPIC.exec(topic)?.[1];
    if (roomId === undefined) return undefined;
    if (roomId !== String(instance.customer_id)) return { refusal: { reason: 'unauthorized' } };
    return { channel: whatsappAuthChannel(world, instance, push) };
  };
}

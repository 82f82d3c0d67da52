import type { Reply, Route } from '../http.js';
import { route } from '../http.js';
import type { ChategyContext } from './context.js';
import { ChategyError, success, unprocessable } from './envelope.js';
import { instanceJson, type Instance } from './instance.js';
import { booleanParam, listParam, stringParam } from './params.js';
import { ROUTINGS, WEBHOOK_TYPES, type WebhookSubscription } from './world.js';

const MAX_PER_PAGE = 100;

function pageParam(value: string | undefined, fallback: number, max: number): number {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 ? Math.min(number, max) : fallback;
}

function listInstances(context: ChategyContext): Reply {
  const externalId = stringParam(context.params, 'external_id');
  const matching = context.world.instances.filter(
    (instance) => externalId === undefined || instance.external_id === externalId,
  );
  const perPage = pageParam(stringParam(context.params, 'per_page'), MAX_PER_PAGE, MAX_PER_PAGE);
  const page = pageParam(stringParam(context.params, 'page'), 1, Number.MAX_SAFE_INTEGER);
  const instances = matching
    .slice((page - 1) * perPage, page * perPage)
    .map((instance) => instanceJson(instance, context.now));
  return success({ instances }, { page, total_count: matching.length, per_page: perPage });
}

function instanceById(context: ChategyContext, id: string | undefined): Instance {
  const instance = context.world.instances.find((item) => item.id === Number(id));
  if (!instance) throw new ChategyError(404, 'Not found');
  return instance;
}

function updateInstance(context: ChategyContext, id: string | undefined): Reply {
  const instance = instanceById(context, id);
  const renew = booleanParam(context.params, 'renew_subscription');
  if (renew === undefined) throw unprocessable({ renew_subscription: ["can't be blank"] });
  instance.renew_subscription = renew;
  const externalId = stringParam(context.params, 'external_id');
  if (externalId !== undefined) instance.external_id = externalId;
  const routing = listParam(context.params, 'dispatch_routing')?.filter((item) =>
    (ROUTINGS as readonly string[]).includes(item),
  );
  if (routing && routing.length > 0) instance.dispatch_routing = routing;
  const email = stringParam(context.params, 'email');
  if (email !== undefined) instance.email = email;
  const phone = stringParam(context.params, 'phone');
  if (phone !== undefined) instance.phone = phone.replace(/\D/g, '');
  return success({
    instance: {
      customer_id: instance.customer_id,
      id: instance.id,
      renew_subscription: instance.renew_subscription,
    },
  });
}

function webhookFields(context: ChategyContext): { url: string; types: string[] } {
  const url = stringParam(context.params, 'url');
  const types = listParam(context.params, 'types') ?? [];
  if (url === undefined) throw unprocessable({ url: ["can't be blank"] });
  if (types.length === 0 || !types.every((type) => (WEBHOOK_TYPES as readonly string[]).includes(type))) {
    throw unprocessable({ types: ['types invalid'] });
  }
  return { url, types: [...new Set(types)] };
}

function webhookById(context: ChategyContext, id: string | undefined): WebhookSubscription {
  const webhook = context.world.webhooks.find((item) => item.id === Number(id));
  if (!webhook) throw new ChategyError(404, 'Not found');
  return webhook;
}

/** Chategy's developer calls ("Instance Management", "Webhooks"), made with the developer's api_key. */
export const developerRoutes: readonly Route<ChategyContext>[] = [
  route('POST', '/api/tmp/instances', (context) => {
    const instance = context.world.createInstance(context.body, context.now);
    return success({
      instance: {
        id: instance.id,
        customer_id: instance.customer_id,
        token: instance.token,
        idempotency_key: instance.idempotency_key,
        renew_subscription: instance.renew_subscription,
        external_id: instance.external_id,
      },
    });
  }),
  route('GET', '/developer/v1/instances', listInstances),
  route('GET', '/developer/v1/instances/:customer_id', (context, params) => {
    const instance = context.world.findInstance({ customer_id: params['customer_id'] });
    if (!instance) throw new ChategyError(404, 'Not found');
    return success({ instance: instanceJson(instance, context.now) });
  }),
  route('PUT', '/developer/v1/instances/:id', (context, params) => updateInstance(context, params['id'])),
  route('POST', '/developer/v1/instances/:id/renew_subscription', (context, params) => {
    const instance = instanceById(context, params['id']);
    const paidUntil = new Date(Date.parse(instance.subscription_paid_until) + 30 * 24 * 3600 * 1000);
    instance.subscription_paid_until = paidUntil.toISOString().slice(0, 10);
    return success({
      instance: { id: instance.id, subscription_paid_until: instance.subscription_paid_until },
    });
  }),
  route('DELETE', '/developer/v1/instances/:id/delete_container_session', (context, params) => {
    context.world.interruptWhatsapp(instanceById(context, params['id']), context.now);
    return success();
  }),
  route('POST', '/developer/v1/webhooks', (context) => {
    const id = Math.max(0, ...context.world.webhooks.map((item) => item.id)) + 1;
    const webhook = { id, ...webhookFields(context) };
    context.world.webhooks.push(webhook);
    return success({ webhook });
  }),
  route('GET', '/developer/v1/webhooks', (context) => success({ webhooks: context.world.webhooks })),
  route('GET', '/developer/v1/webhooks/:id', (context, params) =>
    success({ webhook: webhookById(context, params['id']) }),
  ),
  route('PUT', '/developer/v1/webhooks/:id', (context, params) => {
    const webhook = webhookById(context, params['id']);
    Object.assign(webhook, webhookFields(context));
    return success({ webhook });
  }),
  route('DELETE', '/developer/v1/webhooks/:id', (context, params) => {
    const webhook = webhookById(context, params['id']);
    context.world.webhooks.splice(context.world.webhooks.indexOf(webhook), 1);
    return success();
  }),
];

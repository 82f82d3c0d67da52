import { createContext } from '@lit/context';
import type { Backend } from '../api/backend.js';
import { createContractBackend } from '../api/contract-backend.js';
import { SocketAdapter } from '../realtime/socket-adapter.js';
import { createChannelsStore, type ChannelsStore } from '../stores/channels.js';
import type { InboxConfig } from './config.js';

/** What elements share: one backend client, one socket and one store per configuration. */
export interface InboxServices {
  readonly backend: Backend;
  /** `null` when no `socketUrl` is configured: elements poll instead. */
  readonly socket: SocketAdapter | null;
  readonly channels: ChannelsStore;
}

export const servicesContext = createContext<InboxServices | undefined>(Symbol('inbox-services'));

const servicesByKey = new Map<string, InboxServices>();
const tokenSourceIds = new WeakMap<() => Promise<string>, number>();
let lastTokenSourceId = 0;

function tokenSourceId(getToken: (() => Promise<string>) | undefined): number {
  if (!getToken) return 0;
  let id = tokenSourceIds.get(getToken);
  if (id === undefined) {
    id = ++lastTokenSourceId;
    tokenSourceIds.set(getToken, id);
  }
  return id;
}

function keyOf(config: InboxConfig): string {
  return JSON.stringify([config.baseUrl, config.socketUrl, config.apiKey, tokenSourceId(config.getToken)]);
}

/** The shared services for a configuration, or `undefined` when it has no `baseUrl`. */
export function servicesFor(config: InboxConfig): InboxServices | undefined {
  if (config.baseUrl === undefined) return undefined;
  const key = keyOf(config);
  let services = servicesByKey.get(key);
  if (!services) {
    const credentials = { apiKey: config.apiKey, getToken: config.getToken };
    services = {
      backend: createContractBackend({ baseUrl: config.baseUrl, ...credentials }),
      socket: config.socketUrl ? new SocketAdapter({ socketUrl: config.socketUrl, ...credentials }) : null,
      channels: createChannelsStore(),
    };
    servicesByKey.set(key, services);
  }
  return services;
}

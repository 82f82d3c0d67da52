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
  /** Names this configuration's data kept across reloads; `undefined` when it must not be kept. */
  readonly storageKey: string | undefined;
}

// Symbol.for, so that two copies of the library loaded on one page still share their services.
export const servicesContext = createContext<InboxServices | undefined>(
  Symbol.for('inbox-elements.services'),
);

interface SharedServices extends InboxServices {
  /** The latest `getToken` given for this configuration; hosts may hand a new closure on every render. */
  tokenSource: (() => Promise<string>) | undefined;
}

const servicesByKey = new Map<string, SharedServices>();
const backendIds = new WeakMap<Backend, number>();
let lastBackendId = 0;

function backendId(backend: Backend | undefined): number {
  if (!backend) return 0;
  let id = backendIds.get(backend);
  if (id === undefined) {
    id = ++lastBackendId;
    backendIds.set(backend, id);
  }
  return id;
}

function keyOf(config: InboxConfig): string {
  return JSON.stringify([
    config.baseUrl,
    config.socketUrl,
    config.apiKey,
    config.getToken !== undefined,
    backendId(config.backend),
  ]);
}

/** FNV-1a, so that a channel name does not spell out an API key; not a security measure. */
function hash(text: string): string {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return (value >>> 0).toString(16).padStart(8, '0');
}

/**
 * What names this configuration's data across tabs and reloads (a hash of the backend and credential);
 * `undefined` for a host-supplied backend, which another tab cannot be shown to share.
 */
export function storageKeyOf(config: InboxConfig): string | undefined {
  if (config.backend !== undefined || config.baseUrl === undefined) return undefined;
  const origin = new URL(config.baseUrl, document.baseURI).href;
  const credential = config.apiKey ?? (config.getToken ? 'token' : '');
  return hash(JSON.stringify([origin, credential]));
}

/** The `BroadcastChannel` name by which the tabs of one configuration keep their channel lists in step. */
export function channelsSyncName(config: InboxConfig): string | undefined {
  const key = storageKeyOf(config);
  return key === undefined ? undefined : `inbox-elements:channels:${key}`;
}

/**
 * The shared services for a configuration: the given `backend`, or the contract's client for `baseUrl`.
 * `undefined` when there is neither.
 */
export function servicesFor(config: InboxConfig): InboxServices | undefined {
  if (config.baseUrl === undefined && config.backend === undefined) return undefined;
  const key = keyOf(config);
  const existing = servicesByKey.get(key);
  if (existing) {
    existing.tokenSource = config.getToken ?? existing.tokenSource;
    return existing;
  }
  const getToken = config.getToken ? () => services.tokenSource!() : undefined;
  const credentials = { apiKey: config.apiKey, getToken };
  const services: SharedServices = {
    tokenSource: config.getToken,
    backend: config.backend ?? createContractBackend({ baseUrl: config.baseUrl!, ...credentials }),
    socket: config.socketUrl ? new SocketAdapter({ socketUrl: config.socketUrl, ...credentials }) : null,
    channels: createChannelsStore({ syncName: channelsSyncName(config) }),
    storageKey: storageKeyOf(config),
  };
  servicesByKey.set(key, services);
  return services;
}

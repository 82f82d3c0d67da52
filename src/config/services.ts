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

/** Each signed-in identity gets services of its own: nothing one user's elements hold reaches another's. */
function keyOf(config: InboxConfig): string {
  return JSON.stringify([
    config.baseUrl,
    config.socketUrl,
    config.apiKey,
    config.getToken !== undefined,
    backendId(config.backend),
    config.identity === undefined ? null : hash(config.identity),
  ]);
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const SIXTY_FOUR_BITS = (1n << 64n) - 1n;

/**
 * FNV-1a, 64 bits, so that a stored name spells out neither an API key nor a user's identity and two
 * identities practically never share one; not a security measure.
 */
function hash(text: string): string {
  let value = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    value = ((value ^ BigInt(byte)) * FNV_PRIME) & SIXTY_FOUR_BITS;
  }
  return value.toString(16).padStart(16, '0');
}

/**
 * What names this configuration's data across tabs and reloads: a hash of the backend, the credential and
 * the signed-in identity. `undefined` (kept in memory only) for a host-supplied backend, which another tab
 * cannot be shown to share, and for a token without an identity, which does not say whose data it is.
 */
export function storageKeyOf(config: InboxConfig): string | undefined {
  if (config.backend !== undefined || config.baseUrl === undefined) return undefined;
  if (config.apiKey === undefined && config.identity === undefined) return undefined;
  const origin = new URL(config.baseUrl, document.baseURI).href;
  return hash(JSON.stringify([origin, config.apiKey ?? null, config.identity ?? null]));
}

/** The `BroadcastChannel` name by which the tabs of one configuration keep their channel lists in step. */
export function channelsSyncName(config: InboxConfig): string | undefined {
  const key = storageKeyOf(config);
  return key === undefined ? undefined : `inbox-elements:channels:${key}`;
}

/** Forgets every configuration's services, so elements that resolve theirs again start afresh; returns them. */
export function forgetServices(): InboxServices[] {
  const forgotten = [...servicesByKey.values()];
  servicesByKey.clear();
  return forgotten;
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

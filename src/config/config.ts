import { atom } from 'nanostores';
import type { Backend } from '../api/backend.js';

/** How the widget reaches its backend. */
export interface InboxConfig {
  /** Origin (and optional path) of the backend; calls go to `{baseUrl}/api/v1/...`. */
  baseUrl?: string;
  /** Phoenix socket endpoint, e.g. `wss://example.com/socket`; without it the elements poll. */
  socketUrl?: string;
  /** A key for server-rendered back offices; public pages should use `getToken`. */
  apiKey?: string;
  /** Returns a short-lived session token minted by the host's backend; called again once on a 401. */
  getToken?: () => Promise<string>;
  /** Another backend than the contract's, e.g. an adapter for a provider's own API. */
  backend?: Backend;
  /**
   * Who is signed in, as the host names them (a user id): what the elements keep on this browser is kept
   * for them alone, under a hash of it. Without it, a `getToken` configuration keeps unsent messages in
   * memory only, since a token does not say whose it is.
   */
  identity?: string;
}

/** Page-wide defaults set by `configure()`. */
export const pageConfig = atom<InboxConfig>({});

/** Sets page-wide defaults for every element that does not carry its own attributes. */
export function configure(config: InboxConfig): void {
  pageConfig.set({ ...pageConfig.get(), ...config });
}

/** `override` over `base`, ignoring unset fields. */
export function mergeConfig(base: InboxConfig, override: InboxConfig): InboxConfig {
  const merged: InboxConfig = { ...base };
  for (const key of ['baseUrl', 'socketUrl', 'apiKey', 'getToken', 'backend', 'identity'] as const) {
    if (override[key] !== undefined && override[key] !== null) {
      (merged as Record<string, unknown>)[key] = override[key];
    }
  }
  return merged;
}

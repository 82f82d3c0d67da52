import { chategyProvider } from './chategy/chategy-provider.js';
import type { InboxProvider } from './provider.js';
import { sandboxProvider } from './sandbox/sandbox-provider.js';
import { skylightProvider } from './skylight/skylight-provider.js';

/** What the command line gives a provider. */
export interface ProviderSettings {
  apiKey: string | undefined;
  /** The upstream's base URL, when not the provider's public one. */
  upstreamUrl: string | undefined;
}

function requireKey(settings: ProviderSettings, name: string): string {
  if (!settings.apiKey) throw new Error(`--provider ${name} needs --api-key (or INBOX_PROVIDER_API_KEY).`);
  return settings.apiKey;
}

/** The providers the command line can start, by name. */
export const PROVIDERS: Readonly<Record<string, (settings: ProviderSettings) => InboxProvider>> = {
  sandbox: (settings) => sandboxProvider({ url: settings.upstreamUrl ?? 'http://127.0.0.1:8787' }),
  // Chategy's documentation puts instance creation and the WhatsApp room on hosts of their own;
  // with --upstream (its sandbox flavour) everything is on that one origin.
  chategy: (settings) =>
    chategyProvider({
      apiKey: requireKey(settings, 'chategy'),
      ...(settings.upstreamUrl
        ? { apiUrl: settings.upstreamUrl }
        : {
            apiUrl: 'https://api.chategy.io',
            instancesUrl: 'https://chategy.io',
            whatsappSocketUrl: 'wss://msg-farmer.pushsms.ru/socket/websocket',
          }),
    }),
  skylight: (settings) =>
    skylightProvider({
      apiKey: requireKey(settings, 'skylight'),
      ...(settings.upstreamUrl ? { url: settings.upstreamUrl } : {}),
    }),
};

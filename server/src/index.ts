export {
  createInboxServer,
  type Authorization,
  type InboxServer,
  type InboxServerOptions,
} from './server.js';
export { sandboxProvider, type SandboxProviderOptions } from './providers/sandbox/sandbox-provider.js';
export { skylightProvider, type SkylightProviderOptions } from './providers/skylight/skylight-provider.js';
export * from './providers/provider.js';
export type * from './contract.js';
export { ContractUpstream } from './providers/contract-upstream.js';
export { UpstreamSocket, type UpstreamSocketOptions } from './realtime/phoenix-client.js';
export { relayRoom, InboxRelays } from './providers/upstream-rooms.js';

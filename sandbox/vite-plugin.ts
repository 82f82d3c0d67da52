import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Plugin } from 'vite';
import { createSandbox, type SandboxOptions } from './sandbox.js';

/**
 * Serves the sandbox from Vite's dev and preview servers: its HTTP paths as middleware ahead of
 * Vite's own, and its Phoenix socket beside Vite's HMR socket (which only takes `vite-hmr` upgrades).
 */
export function sandboxPlugin(options: SandboxOptions = {}): Plugin {
  const sandbox = createSandbox(options);
  const takeUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    sandbox.handleUpgrade(req, socket, head);
  };
  return {
    name: 'inbox-sandbox',
    configureServer(server) {
      server.middlewares.use((req, res, next) => sandbox.handle(req, res, next));
      server.httpServer?.on('upgrade', takeUpgrade);
      server.httpServer?.on('close', () => sandbox.close());
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => sandbox.handle(req, res, next));
      server.httpServer.on('upgrade', takeUpgrade);
      server.httpServer.on('close', () => sandbox.close());
    },
  };
}

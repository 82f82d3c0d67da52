import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { WebSocketServer } from 'ws';
import { ChannelScope } from './auth/channel-scope.js';
import { SessionTokens, type Session } from './auth/session-tokens.js';
import type { Database } from './db/database.js';
import { migrate } from './db/migrations.js';
import { openPglite } from './db/pglite.js';
import { openPostgres } from './db/postgres.js';
import { SendLog } from './db/send-log.js';
import { SqlStore } from './db/sql-store.js';
import { apiRouter, type ApiContext } from './http/api.js';
import { readJson } from './http/body.js';
import { HttpError, errorResponse, notFound, ok, unauthorized } from './http/envelope.js';
import { pathSegments, type Router } from './http/router.js';
import {
  ProviderError,
  type CustomerContext,
  type InboxProvider,
  type ProviderLogger,
} from './providers/provider.js';
import { EventBus } from './realtime/event-bus.js';
import {
  PHOENIX_SERIALIZER_VERSION,
  PhoenixConnection,
  selectProtocol,
  tokenFromProtocols,
} from './realtime/phoenix.js';
import { customerTopics } from './realtime/topics.js';
import { Outbox } from './sends/outbox.js';
import { PendingFiles } from './sends/pending-files.js';

/** Who the host says is asking: its own customer id, and optionally the channels this session may reach. */
export interface Authorization {
  customerId: string;
  channels?: readonly number[];
}

export interface InboxServerOptions {
  provider: InboxProvider;
  /** Proves who the user is from the host's own session (cookie, header); null refuses the session. */
  authorize(request: Request): Authorization | null | Promise<Authorization | null>;
  /** HS256 key of the session tokens, at least 32 bytes; default `INBOX_SESSION_SECRET`, else a random one. */
  sessionSecret?: string;
  /** Default 600 (ten minutes). */
  tokenTtlSeconds?: number;
  /** `postgres://…` for a PostgreSQL server (several processes may share it); default `DATABASE_URL`, else PGlite. */
  databaseUrl?: string;
  /** Where PGlite keeps its files; in memory when absent. */
  dataDir?: string;
  /** The server's public URL, from which the upstream's webhook URL is made. */
  publicUrl?: string;
  /** The secret path segment of the webhook URL; default `INBOX_WEBHOOK_SECRET`, else derived from the session secret. */
  webhookSecret?: string;
  /** Path prefix of every route, e.g. `/inbox-server`; default none. */
  basePath?: string;
  /** Page origins allowed to call the server from another origin (CORS). */
  corsOrigins?: readonly string[];
  /**
   * Accepts the socket token as `?token=` too, for clients that cannot set `Sec-WebSocket-Protocol`.
   * Off by default: URLs end up in access logs.
   */
  allowSocketTokenInQuery?: boolean;
  /** How long a socket may stay silent before it is closed (Phoenix clients beat every 30 s). */
  socketIdleMs?: number;
  log?: ProviderLogger;
}

export interface InboxServer {
  /** A standard fetch handler: mount it in any framework that speaks `Request` → `Response`. */
  fetch(request: Request): Promise<Response>;
  /** The same routes as a Node `http` request listener (for Express, Fastify's raw mode, `node:http`). */
  handleNodeRequest(req: IncomingMessage, res: ServerResponse): void;
  /** Takes a Node `upgrade` for the Phoenix socket path; false leaves it to others. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Serves requests and socket upgrades of an existing Node HTTP server. */
  attach(server: Server): void;
  /** Starts a Node HTTP server of its own. */
  listen(port: number, host?: string): Promise<Server>;
  /** The upstream's webhook URL (needs `publicUrl`). */
  readonly webhookUrl: string | undefined;
  close(): Promise<void>;
}

const SESSION_PATH = 'inbox/session';
const API_PREFIX = 'api/v1/';
const SOCKET_PATH = 'socket/websocket';
const WEBHOOK_PREFIX = 'webhooks/';
/** Files a provider keeps, served without a token: `<img src>` sends none, so the unguessable path is the permission. */
const FILES_PREFIX = 'files/';
/** Files sent through the server that the provider has not taken yet (`sends/pending-files.ts`). */
const PENDING_FILES_PREFIX = `${FILES_PREFIX}pending/`;
const WEBHOOK_BODY_LIMIT = 1024 * 1024;
const DEFAULT_SOCKET_IDLE_MS = 60_000;
/**
 * The close of a socket whose session token expired (an application code, 4000–4999): the elements
 * fetch a new token through `getToken` on any drop and reconnect with it.
 */
export const TOKEN_EXPIRED_CLOSE = { code: 4001, reason: 'session token expired' } as const;

const consoleLog: ProviderLogger = {
  info: (message, details) => console.warn(`[inbox-elements-server] ${message}`, details ?? ''),
  warn: (message, details) => console.warn(`[inbox-elements-server] ${message}`, details ?? ''),
};

function bearerToken(request: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization')?.trim() ?? '')?.[1];
}

function normalizedBase(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').replace(/\/+$/, '');
  return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/**
 * The host's side of inbox-elements: session tokens for the host's customers, the contract's calls and
 * socket for the elements, the provider upstream, and the store behind it.
 */
export async function createInboxServer(options: InboxServerOptions): Promise<InboxServer> {
  const log = options.log ?? consoleLog;
  const { provider } = options;
  const base = normalizedBase(options.basePath);
  const sessionSecret = options.sessionSecret ?? process.env['INBOX_SESSION_SECRET'];
  const tokens = new SessionTokens(sessionSecret, options.tokenTtlSeconds, (message) => log.warn(message));
  const databaseUrl = options.databaseUrl ?? process.env['DATABASE_URL'];
  const db: Database = databaseUrl ? openPostgres(databaseUrl) : await openPglite(options.dataDir);
  await migrate(db);
  const bus = new EventBus(db);
  await bus.start();
  const store = new SqlStore(db, bus, provider.name);
  const webhookSecret =
    options.webhookSecret ??
    process.env['INBOX_WEBHOOK_SECRET'] ??
    (sessionSecret
      ? createHmac('sha256', sessionSecret).update(`webhooks:${provider.name}`).digest('hex').slice(0, 32)
      : randomBytes(16).toString('hex'));
  const webhookPath = `${WEBHOOK_PREFIX}${provider.name}/${webhookSecret}`;
  const webhookUrl = options.publicUrl
    ? new URL(`${base}/${webhookPath}`, options.publicUrl).href
    : undefined;
  const backgroundOrigin = options.publicUrl ? new URL(options.publicUrl).origin : 'http://localhost';
  const backgroundContext = (customerId: string): CustomerContext => ({
    customerId,
    channelIds: undefined,
    origin: backgroundOrigin,
    signal: new AbortController().signal,
  });
  const sendLog = new SendLog(db, provider.name);
  const pendingFiles = new PendingFiles(sendLog, `${base}/${PENDING_FILES_PREFIX}`, sessionSecret);
  const outbox = new Outbox(provider, store, sendLog, log, backgroundContext, pendingFiles);
  const scope = new ChannelScope(provider, store);
  const router: Router<ApiContext> = apiRouter(provider, store, outbox, scope);
  await provider.start?.({ store, events: bus, webhookUrl, log });
  void outbox.resume();

  const connections = new Set<PhoenixConnection>();
  const servers = new Set<Server>();
  const webSocketServer = new WebSocketServer({
    noServer: true,
    handleProtocols: selectProtocol,
    maxPayload: 1024 * 1024,
  });
  const corsOrigins = new Set(options.corsOrigins ?? []);

  function corsHeaders(request: Request): Record<string, string> {
    const origin = request.headers.get('origin');
    if (!origin || !corsOrigins.has(origin)) return {};
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE',
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    };
  }

  function contextFor(session: Session, request: Request, url: URL): CustomerContext {
    return {
      customerId: session.customerId,
      channelIds: session.channelIds,
      origin: url.origin,
      signal: request.signal,
    };
  }

  async function mintSession(request: Request): Promise<Response> {
    const authorization = await options.authorize(request);
    if (!authorization || typeof authorization.customerId !== 'string' || authorization.customerId === '') {
      throw new HttpError(401, 'The host did not recognise this user.');
    }
    const channels = authorization.channels;
    if (channels !== undefined && !channels.every((id) => Number.isSafeInteger(id))) {
      throw new Error('authorize() returned channels that are not integer ids');
    }
    return ok(await tokens.mint({ customerId: authorization.customerId, channelIds: channels }));
  }

  async function serveApi(request: Request, url: URL, rest: string): Promise<Response> {
    const token = bearerToken(request);
    const session = token === undefined ? null : await tokens.verify(token);
    if (!session) throw unauthorized();
    const found = router.find(request.method, pathSegments(rest));
    if (found === 'wrong-method') throw new HttpError(405, 'This method is not allowed here.');
    if (!found) throw notFound();
    return found.route.handler({ ctx: contextFor(session, request, url), request, url }, found.params);
  }

  async function receiveWebhook(request: Request): Promise<Response> {
    if (!provider.webhooks) throw notFound();
    const { value, bytes } = await readJson(request, WEBHOOK_BODY_LIMIT);
    const digest = createHash('sha256').update(bytes).digest('hex');
    const [seen] = await db.query('SELECT 1 FROM webhook_receipts WHERE provider = $1 AND digest = $2', [
      provider.name,
      digest,
    ]);
    if (seen) return ok({ duplicate: true });
    const outcome = await provider.webhooks.receive({ body: value, headers: request.headers });
    if ('ignored' in outcome) {
      log.warn('webhook ignored', { reason: outcome.ignored });
      return ok({ ignored: outcome.ignored });
    }
    await db.query('INSERT INTO webhook_receipts (provider, digest) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      provider.name,
      digest,
    ]);
    return ok({ stored: true });
  }

  async function route(request: Request, url: URL): Promise<Response> {
    if (!url.pathname.startsWith(`${base}/`)) throw notFound();
    const path = url.pathname.slice(base.length + 1);
    if (path === SESSION_PATH) {
      if (request.method !== 'POST') throw new HttpError(405, 'Use POST to start a session.');
      return mintSession(request);
    }
    if (path.startsWith(API_PREFIX)) return serveApi(request, url, path.slice(API_PREFIX.length));
    if (path === webhookPath && request.method === 'POST') return receiveWebhook(request);
    if (path.startsWith(WEBHOOK_PREFIX)) throw notFound();
    if (path.startsWith(PENDING_FILES_PREFIX) && request.method === 'GET') {
      const served = await pendingFiles.serve(path.slice(PENDING_FILES_PREFIX.length).split('/'));
      if (served) return served;
      throw notFound();
    }
    const filesPath = `${FILES_PREFIX}${provider.name}/`;
    if (path.startsWith(filesPath) && request.method === 'GET' && provider.serveFile) {
      const served = await provider.serveFile(path.slice(filesPath.length).split('/'));
      if (served) return served;
      throw notFound();
    }
    if (path === SOCKET_PATH) throw new HttpError(400, 'This path only takes WebSocket upgrades.');
    throw notFound();
  }

  async function fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const cors = corsHeaders(request);
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: cors });
    let response: Response;
    try {
      response = await route(request, url);
    } catch (error) {
      // The page went away mid-request (an element removed, a navigation): nobody reads the answer.
      if (request.signal.aborted) return new Response(null, { status: 499 });
      response = errorResponse(asHttpError(error, log));
    }
    for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
    return response;
  }

  function refuseUpgrade(socket: Duplex, status: 400 | 403, reason: string): void {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://upgrade.invalid');
    if (url.pathname !== `${base}/${SOCKET_PATH}`) return false;
    const vsn = url.searchParams.get('vsn');
    if (vsn !== null && vsn !== PHOENIX_SERIALIZER_VERSION) {
      refuseUpgrade(socket, 400, 'Bad Request');
      return true;
    }
    const token =
      tokenFromProtocols(req.headers['sec-websocket-protocol']) ??
      (options.allowSocketTokenInQuery ? (url.searchParams.get('token') ?? undefined) : undefined);
    const origin = `${'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
    void (async () => {
      const session = token === undefined ? null : await tokens.verify(token);
      // Phoenix answers a refused `connect/3` with 403 before upgrading.
      if (!session) {
        refuseUpgrade(socket, 403, 'Forbidden');
        return;
      }
      const abort = new AbortController();
      const ctx: CustomerContext = {
        customerId: session.customerId,
        channelIds: session.channelIds,
        origin,
        signal: abort.signal,
      };
      webSocketServer.handleUpgrade(req, socket, head, (ws) => {
        const connection = new PhoenixConnection(
          ws,
          customerTopics(ctx, bus, provider, scope),
          options.socketIdleMs ?? DEFAULT_SOCKET_IDLE_MS,
          (error) => log.warn('socket frame failed', { error: String(error) }),
        );
        connection.closeAt(session.expiresAt, TOKEN_EXPIRED_CLOSE.code, TOKEN_EXPIRED_CLOSE.reason);
        connections.add(connection);
        ws.on('close', () => {
          abort.abort();
          connections.delete(connection);
        });
      });
    })().catch((error: unknown) => {
      log.warn('socket upgrade failed', { error: String(error) });
      socket.destroy();
    });
    return true;
  }

  const requestListener = getRequestListener(fetch);

  function handleNodeRequest(req: IncomingMessage, res: ServerResponse): void {
    void requestListener(req, res);
  }

  function attach(server: Server): void {
    server.on('request', handleNodeRequest);
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!handleUpgrade(req, socket, head)) socket.destroy();
    });
  }

  async function listen(port: number, host = '127.0.0.1'): Promise<Server> {
    const server = createServer();
    attach(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    servers.add(server);
    return server;
  }

  async function close(): Promise<void> {
    outbox.close();
    for (const connection of connections) connection.close();
    connections.clear();
    webSocketServer.close();
    for (const server of servers) {
      server.close();
      server.closeAllConnections();
    }
    servers.clear();
    await provider.close?.();
    await bus.close();
    await db.close();
  }

  return { fetch, handleNodeRequest, handleUpgrade, attach, listen, webhookUrl, close };
}

/** What the elements may see of a failure: a provider's refusal as it is, anything else without details. */
function asHttpError(error: unknown, log: ProviderLogger): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof ProviderError) {
    const headers =
      error.retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(error.retryAfterSeconds) };
    return new HttpError(error.status, error.message, error.errors, headers);
  }
  log.warn('request failed', {
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return new HttpError(502, 'The messaging provider could not be reached.');
}

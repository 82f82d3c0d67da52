import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { findRoute, isRecord, readBody, send, type Reply, type Route } from '../http.js';
import { PhoenixConnection } from '../../server/src/realtime/phoenix.js';
import { takeFailure, type Failure } from '../scenario.js';
import { apiRoutes } from './api.js';
import { checksumMatches, checksumOf } from './checksum.js';
import type { ChategyContext } from './context.js';
import { controlRoutes } from './control.js';
import { developerRoutes } from './developer.js';
import { ChategyError, notAuthorized, success } from './envelope.js';
import type { Instance } from './instance.js';
import { requestParams } from './params.js';
import { chategyTopics } from './rooms.js';
import { SIGNED_FILES_PREFIX, SignedFileStore } from './signed-files.js';
import { chategyTimings, type ChategyTimings } from './timings.js';
import { WebhookSender } from './webhooks.js';
import { ChategyWorld, type RequestLogEntry } from './world.js';

export type { ChategyTimings } from './timings.js';

export interface ChategySandboxOptions {
  /** Overrides of the simulated service's timings. */
  timings?: Partial<ChategyTimings>;
  /** Every webhook of every developer key is posted here too, subscribed or not. */
  webhookUrl?: string;
  /** Prints one line per request, socket and webhook post. */
  log?: boolean;
}

export interface ChategySandbox {
  /** Answers the flavour's paths; calls `next` (or answers 404) for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, next?: () => void): void;
  /** Takes the upgrade when it is for the Phoenix socket path; false leaves it to others. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Resolves once no webhook or callback post is on the wire. */
  webhooksSettled(): Promise<void>;
  /** Clears every timer, closes every socket and every server that `listen` started. */
  close(): void;
  listen(port: number, host?: string): Promise<Server>;
}

const API_PREFIX = '/api/v1/';
const DEVELOPER_PREFIXES = ['/api/tmp/', '/developer/v1/'];
const CONTROL_PREFIX = '/__chategy/';
const SOCKET_PATH = '/socket/websocket';
const RESET_PATH = '/__chategy/reset';
const SECRET_PARAMS: ReadonlySet<string> = new Set(['password', 'code']);
const CORS_HEADERS = 'Authorization, Content-Type, checksum';

function requestOrigin(req: IncomingMessage): string {
  const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true;
  return `${encrypted ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

function isFlavourPath(pathname: string): boolean {
  return (
    pathname.startsWith(API_PREFIX) ||
    DEVELOPER_PREFIXES.some((prefix) => pathname.startsWith(prefix)) ||
    pathname.startsWith(CONTROL_PREFIX) ||
    pathname === SOCKET_PATH
  );
}

async function parseBody(
  req: IncomingMessage,
  raw: Buffer,
): Promise<{ json: Record<string, unknown>; form?: FormData }> {
  const type = req.headers['content-type']?.toLowerCase() ?? '';
  if (type.startsWith('multipart/form-data')) {
    try {
      const request = new Request('http://chategy.invalid/', {
        method: 'POST',
        headers: { 'Content-Type': type },
        body: raw,
      });
      return { json: {}, form: await request.formData() };
    } catch {
      throw new ChategyError(400, 'Bad Request');
    }
  }
  const text = raw.toString('utf8').trim();
  if (text === '') return { json: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (isRecord(value)) return { json: value };
  } catch {
    // Falls through to the same 400 as a body that is not an object.
  }
  throw new ChategyError(400, 'Bad Request');
}

function failureReply(failure: Failure): Reply | undefined {
  const { status, body, raw } = failure;
  if (status === undefined && body === undefined && raw === undefined) return undefined;
  const code = status ?? 500;
  if (raw !== undefined) return { status: code, rawBody: raw };
  if (body !== undefined) return { status: code, body };
  return new ChategyError(code, 'Simulated failure').toReply();
}

function masked(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, SECRET_PARAMS.has(key) ? '***' : value]),
  );
}

/**
 * Chategy/Chatpush as its API documentation describes it (docs/providers/chategy.md): instance calls
 * with a developer key, `/api/v1` with an instance's token, the Phoenix login rooms, webhooks posted
 * to the URLs it is given, and presigned file links that expire. Each developer key is its own world.
 */
export function createChategySandbox(options: ChategySandboxOptions = {}): ChategySandbox {
  const timings = chategyTimings(options.timings);
  const files = new SignedFileStore(timings.fileLinkTtlSeconds);
  const worlds = new Map<string, ChategyWorld>();
  const tokens = new Map<string, { world: ChategyWorld; instance: Instance }>();
  const connections = new Map<PhoenixConnection, ChategyWorld>();
  const servers = new Set<Server>();
  const webSocketServer = new WebSocketServer({ noServer: true });
  const counters = { instance: 3000, customer: 20000, delivery: 94_000_000, webhook: 0, message: 49_000 };

  const log = (line: string) => {
    if (options.log) process.stdout.write(`[chategy] ${line}\n`);
  };

  function worldFor(key: string): ChategyWorld {
    let world = worlds.get(key);
    if (!world) {
      const created: ChategyWorld = new ChategyWorld({
        timings,
        files,
        sender: new WebhookSender(
          () => ({ retryMs: timings.webhookRetryMs, attempts: timings.webhookAttempts }),
          log,
        ),
        webhookUrl: options.webhookUrl,
        nextId: (kind) => ++counters[kind],
        onInstanceCreated: (instance) => tokens.set(instance.token, { world: created, instance }),
      });
      world = created;
      worlds.set(key, world);
    }
    return world;
  }

  function resetWorld(key: string): void {
    const world = worlds.get(key);
    if (!world) return;
    world.clearTimers();
    world.sender.close();
    for (const instance of world.instances) tokens.delete(instance.token);
    for (const [connection, owner] of connections) if (owner === world) connection.close();
    worlds.delete(key);
  }

  /** The world and instance of the caller: an instance token on `/api/v1`, the developer key elsewhere. */
  function authenticate(
    req: IncomingMessage,
    pathname: string,
  ): { world: ChategyWorld; instance?: Instance; key?: string } {
    const authorization = header(req, 'authorization');
    if (authorization === undefined) throw notAuthorized();
    if (pathname.startsWith(API_PREFIX)) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      const found = token === undefined ? undefined : tokens.get(token);
      if (!found) throw notAuthorized();
      return found;
    }
    return { world: worldFor(authorization), key: authorization };
  }

  function routesFor(pathname: string): readonly Route<ChategyContext>[] {
    if (pathname.startsWith(API_PREFIX)) return apiRoutes;
    if (pathname.startsWith(CONTROL_PREFIX)) return controlRoutes;
    return developerRoutes;
  }

  async function serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
      send(res, {
        status: 204,
        headers: {
          'Access-Control-Allow-Headers': CORS_HEADERS,
          'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
        },
      });
      return;
    }
    if ((method === 'GET' || method === 'HEAD') && url.pathname.startsWith(SIGNED_FILES_PREFIX)) {
      send(res, files.serve(url, Date.now(), method === 'HEAD'));
      return;
    }
    if (url.pathname === SOCKET_PATH) throw new ChategyError(400, 'Bad Request');
    const caller = authenticate(req, url.pathname);
    if (method === 'POST' && url.pathname === RESET_PATH && caller.key !== undefined) {
      resetWorld(caller.key);
      send(res, success());
      return;
    }
    const { world, instance } = caller;
    const raw = await readBody(req);
    const { json, form } = await parseBody(req, raw);
    const params = requestParams(url, form ?? json);
    const checksum = header(req, 'checksum');
    if (!url.pathname.startsWith(CONTROL_PREFIX)) {
      const entry: RequestLogEntry = {
        method,
        path: url.pathname + url.search,
        params: masked(url.pathname.startsWith('/api/tmp/') ? { ...json } : params),
        checksum:
          checksum === undefined
            ? 'absent'
            : instance && checksumMatches(checksum, checksumOf(params, instance.idempotency_key))
              ? 'valid'
              : 'invalid',
        status: null,
      };
      world.requests.push(entry);
      res.on('finish', () => {
        entry.status = res.statusCode;
      });
      const failure = takeFailure(world.scenario, method, url.pathname);
      if (failure) {
        if (failure.delay_ms) await new Promise((resolve) => setTimeout(resolve, failure.delay_ms));
        if (failure.drop) {
          req.socket.end('DROPPED\r\n\r\n');
          return;
        }
        const reply = failureReply(failure);
        if (reply) {
          send(res, reply);
          return;
        }
      }
    }
    const found = findRoute(routesFor(url.pathname), method, url.pathname);
    if (!found) throw new ChategyError(404, 'Not found');
    const context: ChategyContext = {
      world,
      instance,
      url,
      params,
      body: json,
      form,
      checksum,
      origin: requestOrigin(req),
      now: Date.now(),
      files,
    };
    send(res, await found.route.handler(context, found.params));
  }

  function handle(req: IncomingMessage, res: ServerResponse, next?: () => void): void {
    const url = new URL(req.url ?? '/', 'http://chategy.invalid');
    if (!isFlavourPath(url.pathname) && !url.pathname.startsWith(SIGNED_FILES_PREFIX)) {
      if (next) next();
      else send(res, new ChategyError(404, 'Not found').toReply());
      return;
    }
    const startedAt = Date.now();
    res.on('close', () =>
      log(`${req.method} ${url.pathname} → ${res.statusCode} (${Date.now() - startedAt} ms)`),
    );
    serve(req, res, url).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof ChategyError) {
        send(res, error.toReply());
        return;
      }
      console.error('[chategy] request failed', error);
      send(res, new ChategyError(500, 'Internal Server Error').toReply());
    });
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://chategy.invalid');
    if (url.pathname !== SOCKET_PATH) return false;
    const found = tokens.get(url.searchParams.get('token') ?? '');
    const vsn = url.searchParams.get('vsn');
    if (!found || (vsn !== null && vsn !== '2.0.0')) {
      // Phoenix refuses a failed `connect/3` with 403 before upgrading.
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return true;
    }
    webSocketServer.handleUpgrade(req, socket, head, (ws) => {
      const connection = new PhoenixConnection(
        ws,
        chategyTopics(found.world, found.instance),
        timings.socketIdleMs,
      );
      connections.set(connection, found.world);
      log(`socket connected (customer ${found.instance.customer_id})`);
      ws.on('close', () => connections.delete(connection));
    });
    return true;
  }

  async function webhooksSettled(): Promise<void> {
    await Promise.all([...worlds.values()].map((world) => world.sender.settled()));
  }

  function close(): void {
    for (const connection of connections.keys()) connection.close();
    connections.clear();
    for (const world of worlds.values()) {
      world.clearTimers();
      world.sender.close();
    }
    for (const server of servers) {
      server.close();
      server.closeAllConnections();
    }
    servers.clear();
    webSocketServer.close();
  }

  async function listen(port: number, host = '127.0.0.1'): Promise<Server> {
    const server = createServer((req, res) => handle(req, res));
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!handleUpgrade(req, socket, head)) socket.destroy();
    });
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

  return { handle, handleUpgrade, webhooksSettled, close, listen };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { apiRoutes, type RequestContext } from './api.js';
import { isoTime } from './channel.js';
import { controlRoutes } from './control.js';
import { FileStore, publicRoutes } from './files.js';
import {
  BodyFields,
  findRoute,
  HttpError,
  isRecord,
  noContent,
  notFound,
  ok,
  parseJsonObject,
  readBody,
  send,
  type Reply,
  type Route,
} from './http.js';
import {
  PHOENIX_SERIALIZER_VERSION,
  PhoenixConnection,
  selectProtocol,
  tokenFromProtocols,
} from './phoenix.js';
import { tenantTopics } from './rooms.js';
import { takeFailure, type Failure } from './scenario.js';
import { Tenant, type RequestLogEntry } from './tenant.js';
import { parseTimings, type Timings } from './timings.js';
import { TokenStore } from './tokens.js';

export type { Timings } from './timings.js';

export interface SandboxOptions {
  /** Overrides of the real services' timings, for every tenant. */
  timings?: Partial<Timings>;
  /** Prints one line per request and socket. */
  log?: boolean;
  /**
   * Sees every answer to an API call before it goes out and may replace it (the test runner checks them
   * against docs/openapi.yaml). Failures injected with their own `body` or `raw` body skip it.
   */
  checkApiReply?: ApiReplyCheck;
}

/** `injected`: a failure of the scenario's `failures` list, with the sandbox's own error envelope. */
export type ApiReplyCheck = (
  request: { method: string; path: string; injected: boolean },
  reply: Reply,
) => Reply;

export interface Sandbox {
  /** Answers the sandbox's paths; calls `next` (or answers 404) for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, next?: () => void): void;
  /** Takes the upgrade when it is for the Phoenix socket path; false leaves it to others. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Clears every timer, closes every socket and every server that `listen` started. */
  close(): void;
  /** Serves the sandbox on its own HTTP server. */
  listen(port: number, host?: string): Promise<Server>;
}

const API_PREFIX = '/api/v1/';
const CONTROL_PREFIX = '/__sandbox/';
const SOCKET_PATH = '/socket/websocket';
const TOKEN_PATH = '/__sandbox/token';
const DEFAULT_TOKEN_TTL_SECONDS = 3600;
const SECRET_FIELDS: ReadonlySet<string> = new Set(['password', 'code']);

function requestUrl(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', 'http://sandbox.invalid');
}

/** Scheme, host and port as the caller reached the sandbox (a proxy's `X-Forwarded-Proto` included). */
function requestOrigin(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true;
  return `${proto || (encrypted ? 'https' : 'http')}://${req.headers.host ?? 'localhost'}`;
}

function isMultipart(req: IncomingMessage): boolean {
  return req.headers['content-type']?.toLowerCase().startsWith('multipart/form-data') ?? false;
}

/** Parses a multipart body with the platform's own parser. */
async function parseForm(req: IncomingMessage, raw: Buffer): Promise<FormData> {
  try {
    const request = new Request('http://sandbox.invalid/', {
      method: 'POST',
      headers: { 'Content-Type': req.headers['content-type'] ?? '' },
      body: raw,
    });
    return await request.formData();
  } catch {
    throw new HttpError(400, 'The request body is not valid multipart/form-data.');
  }
}

/** What the request log keeps of a multipart body: its fields, with each file's name, type and size. */
function loggedForm(form: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    fields[name] =
      typeof value === 'string' ? value : { name: value.name, mime_type: value.type, size: value.size };
  }
  return fields;
}

function isSandboxPath(pathname: string): boolean {
  return pathname.startsWith(API_PREFIX) || pathname.startsWith(CONTROL_PREFIX) || pathname === SOCKET_PATH;
}

function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SECRET_FIELDS.has(key) ? '***' : maskSecrets(item)]),
  );
}

/** The body as the request log keeps it: parsed JSON with secrets masked, or null. */
function loggedBody(raw: Buffer): unknown {
  const text = raw.toString('utf8').trim();
  if (text === '') return null;
  try {
    return maskSecrets(JSON.parse(text));
  } catch {
    return null;
  }
}

/** The canned answer of a failure; undefined when it only delays the real answer. */
function failureReply(failure: Failure): Reply | undefined {
  const { status, body, raw, retry_after: retryAfter } = failure;
  if (status === undefined && body === undefined && raw === undefined && retryAfter === undefined)
    return undefined;
  const headers = retryAfter === undefined ? undefined : { 'Retry-After': String(retryAfter) };
  const replyStatus = status ?? (retryAfter === undefined ? 500 : 429);
  if (raw !== undefined) return { status: replyStatus, rawBody: raw, headers };
  if (body !== undefined) return { status: replyStatus, body, headers };
  return new HttpError(replyStatus, 'Simulated failure.', undefined, headers).toReply();
}

async function dispatch(
  routes: readonly Route<RequestContext>[],
  context: RequestContext,
  method: string,
): Promise<Reply> {
  const found = findRoute(routes, method, context.url.pathname);
  if (!found) throw notFound();
  return found.route.handler(context, found.params);
}

function refuseUpgrade(socket: Duplex, status: 400 | 403, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The contract's backend, simulated: HTTP channel calls, control endpoints and the Phoenix socket.
 * Every credential gets its own world, so parallel tests never see each other.
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const { timings: baseTimings, errors } = parseTimings(options.timings ?? {});
  if (Object.keys(errors).length > 0) throw new Error(`Invalid sandbox timings: ${JSON.stringify(errors)}`);

  const tenants = new Map<string, Tenant>();
  const tokens = new TokenStore();
  const files = new FileStore();
  const connections = new Set<PhoenixConnection>();
  const servers = new Set<Server>();
  /** Answers cut by a `drop` failure, which the log must not take for calls the client gave up. */
  const droppedBySandbox = new WeakSet<ServerResponse>();
  /** Finishers of running `delay_ms` waits, so `close()` can end them. */
  const pendingDelays = new Set<() => void>();
  const webSocketServer = new WebSocketServer({ noServer: true, handleProtocols: selectProtocol });
  let lastChannelId = 0;

  const log = (line: string) => {
    if (options.log) process.stdout.write(`[sandbox] ${line}\n`);
  };

  function tenantFor(key: string): Tenant {
    let tenant = tenants.get(key);
    if (!tenant) {
      tenant = new Tenant(baseTimings, () => ++lastChannelId, files);
      tenants.set(key, tenant);
    }
    return tenant;
  }

  function authenticate(req: IncomingMessage, now: number): Tenant {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1];
      const tenantKey = token === undefined ? undefined : tokens.tenantOfToken(token, now);
      if (tenantKey === undefined) throw new HttpError(401, 'The token is invalid or has expired.');
      return tenantFor(tenantKey);
    }
    const apiKey = req.headers['x-api-key'];
    const key = (Array.isArray(apiKey) ? apiKey[0] : apiKey)?.trim();
    if (!key) throw new HttpError(401, 'Unauthenticated.');
    return tenantFor(key);
  }

  /** The caller's `upload_bytes_per_second`; 0 without a valid credential (the request fails later). */
  function uploadRate(req: IncomingMessage): number {
    try {
      return authenticate(req, Date.now()).scenario.upload_bytes_per_second;
    } catch {
      return 0;
    }
  }

  function mintToken(body: Record<string, unknown>, now: number): Reply {
    const fields = new BodyFields(body);
    const tenant = fields.requiredString('tenant');
    const ttlSeconds = body['ttl_seconds'] ?? DEFAULT_TOKEN_TTL_SECONDS;
    if (typeof ttlSeconds !== 'number' || !(ttlSeconds > 0)) {
      fields.fail('ttl_seconds', 'The ttl seconds must be a number above 0.');
    }
    fields.check();
    const ttl = ttlSeconds as number;
    return ok({ token: tokens.mint(tenant, ttl, now), expires_at: isoTime(now + ttl * 1000) });
  }

  function delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        pendingDelays.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      pendingDelays.add(finish);
    });
  }

  function recordApiRequest(
    tenant: Tenant,
    res: ServerResponse,
    method: string,
    url: URL,
    body: unknown,
  ): void {
    const entry: RequestLogEntry = {
      method,
      path: url.pathname + url.search,
      time: isoTime(Date.now()),
      body,
      status: null,
    };
    tenant.logRequest(entry);
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    res.on('close', () => {
      if (!res.writableFinished && !droppedBySandbox.has(res)) entry.abandoned = true;
    });
  }

  /** Sends `reply`, through `options.checkApiReply` when it answers an API call. */
  function answer(req: IncomingMessage, res: ServerResponse, url: URL, reply: Reply, injected = false): void {
    const check = url.pathname.startsWith(API_PREFIX) ? options.checkApiReply : undefined;
    const method = (req.method ?? 'GET').toUpperCase();
    send(res, check ? check({ method, path: url.pathname, injected }, reply) : reply);
  }

  /** Answers with the scenario's failure, if one matches; false when the real answer should follow. */
  async function injectFailure(
    tenant: Tenant,
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    url: URL,
  ) {
    const failure = takeFailure(tenant.scenario, method, url.pathname);
    if (!failure) return false;
    if (failure.delay_ms) await delay(failure.delay_ms);
    if (failure.drop) {
      // Browsers silently resend a request whose kept-alive connection just closed; bytes that are
      // not HTTP make it a network error the caller sees.
      droppedBySandbox.add(res);
      req.socket.end('DROPPED\r\n\r\n');
      return true;
    }
    const reply = failureReply(failure);
    if (!reply) return false;
    if (failure.body !== undefined || failure.raw !== undefined) send(res, reply);
    else answer(req, res, url, reply, true);
    return true;
  }

  async function serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
      send(res, noContent());
      return;
    }
    if (url.pathname === SOCKET_PATH) throw new HttpError(400, 'This path only takes WebSocket upgrades.');
    const open = findRoute(publicRoutes, method, url.pathname);
    if (open) {
      send(res, await open.route.handler({ files, range: req.headers.range }, open.params));
      return;
    }
    const raw = await readBody(req, isMultipart(req) ? uploadRate(req) : 0);
    let parsedBody: Record<string, unknown> | undefined;
    const body = () => (parsedBody ??= parseJsonObject(raw));
    // Multipart uploads are not JSON; any other body must be, even where the route ignores it.
    const formOrError = isMultipart(req)
      ? await parseForm(req, raw).catch((error: unknown) => error as HttpError)
      : undefined;
    const form = () => {
      if (formOrError instanceof FormData) return formOrError;
      throw formOrError ?? new HttpError(400, 'The request body must be multipart/form-data.');
    };

    if (method === 'POST' && url.pathname === TOKEN_PATH) {
      send(res, mintToken(body(), Date.now()));
      return;
    }
    const tenant = authenticate(req, Date.now());
    const isApi = url.pathname.startsWith(API_PREFIX);
    if (isApi) {
      const logged = formOrError instanceof FormData ? loggedForm(formOrError) : loggedBody(raw);
      recordApiRequest(tenant, res, method, url, logged);
      if (await injectFailure(tenant, req, res, method, url)) return;
    }
    if (raw.length > 0 && formOrError === undefined) body();
    const now = Date.now();
    tenant.settle(now);
    const context: RequestContext = { tenant, now, url, origin: requestOrigin(req), body, form, delay };
    answer(req, res, url, await dispatch(isApi ? apiRoutes : controlRoutes, context, method));
  }

  function handle(req: IncomingMessage, res: ServerResponse, next?: () => void): void {
    const url = requestUrl(req);
    if (!isSandboxPath(url.pathname)) {
      if (next) next();
      else send(res, notFound().toReply());
      return;
    }
    const startedAt = Date.now();
    res.on('close', () => {
      const outcome = res.writableFinished ? String(res.statusCode) : 'dropped';
      log(`${req.method} ${url.pathname}${url.search} → ${outcome} (${Date.now() - startedAt} ms)`);
    });
    serve(req, res, url).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        answer(req, res, url, error.toReply());
        return;
      }
      console.error('[sandbox] request failed', error);
      answer(req, res, url, new HttpError(500, 'The sandbox failed to handle this request.').toReply());
    });
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = requestUrl(req);
    if (url.pathname !== SOCKET_PATH) return false;
    const vsn = url.searchParams.get('vsn');
    if (vsn !== null && vsn !== PHOENIX_SERIALIZER_VERSION) {
      refuseUpgrade(socket, 400, 'Bad Request');
      return true;
    }
    // Phoenix answers a refused `connect/3` with 403 before upgrading. The token comes in the
    // subprotocol header (phoenix's `authToken`), or as `?token=` from clients that put it in the URL.
    const token =
      tokenFromProtocols(req.headers['sec-websocket-protocol']) ?? url.searchParams.get('token') ?? '';
    const tenantKey = tokens.tenantOfSocketToken(token, Date.now());
    if (tenantKey === undefined) {
      log('socket refused: invalid token');
      refuseUpgrade(socket, 403, 'Forbidden');
      return true;
    }
    const tenant = tenantFor(tenantKey);
    webSocketServer.handleUpgrade(req, socket, head, (ws) => {
      const connection = new PhoenixConnection(
        ws,
        tenantTopics(tenant, requestOrigin(req)),
        tenant.timings.socketIdleMs,
      );
      connections.add(connection);
      const untrack = tenant.trackSocket(() => connection.close());
      log('socket connected');
      ws.on('close', () => {
        untrack();
        connections.delete(connection);
        log('socket closed');
      });
    });
    return true;
  }

  function close(): void {
    for (const finish of [...pendingDelays]) finish();
    for (const connection of connections) connection.close();
    connections.clear();
    for (const tenant of tenants.values()) tenant.clearTimers();
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

  return { handle, handleUpgrade, close, listen };
}

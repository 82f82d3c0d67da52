import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

export interface Session {
  customerId: string;
  /** Channel ids this session may reach; undefined: every channel of the customer. */
  channelIds: readonly number[] | undefined;
}

/** A session as a valid token carries it, with the moment the token expires (ms since the epoch). */
export interface VerifiedSession extends Session {
  expiresAt: number;
}

export interface MintedToken {
  token: string;
  expires_at: string;
}

const ISSUER = 'inbox-elements-server';
const AUDIENCE = 'inbox-elements';
/** A session token lives minutes: the elements ask `getToken()` again when it is refused. */
export const DEFAULT_TOKEN_TTL_SECONDS = 600;
const MIN_SECRET_BYTES = 32;

/** Customer-scoped session tokens: HS256 JWTs signed with the server's secret. */
export class SessionTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string | undefined,
    private readonly ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS,
    warn: (message: string) => void = console.warn,
  ) {
    if (secret === undefined) {
      warn(
        '[inbox-elements-server] No session secret set (INBOX_SESSION_SECRET): using a random one, so tokens die with this process and other processes refuse them.',
      );
      this.key = randomBytes(MIN_SECRET_BYTES);
    } else {
      const bytes = new TextEncoder().encode(secret);
      if (bytes.length < MIN_SECRET_BYTES) {
        throw new Error(`The session secret must be at least ${MIN_SECRET_BYTES} bytes long.`);
      }
      this.key = bytes;
    }
  }

  async mint(session: Session, now = Date.now()): Promise<MintedToken> {
    const issuedAt = Math.floor(now / 1000);
    const expiresAt = issuedAt + this.ttlSeconds;
    const claims = session.channelIds === undefined ? {} : { channels: [...session.channelIds] };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(session.customerId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expires_at: new Date(expiresAt * 1000).toISOString() };
  }

  /** The session of a valid, unexpired token of this server; null for anything else. */
  async verify(token: string, now = Date.now()): Promise<VerifiedSession | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: new Date(now),
        requiredClaims: ['sub', 'exp'],
      });
      const channels = payload['channels'];
      if (channels !== undefined && !(Array.isArray(channels) && channels.every(Number.isSafeInteger)))
        return null;
      return {
        customerId: payload.sub!,
        channelIds: channels as number[] | undefined,
        expiresAt: payload.exp! * 1000,
      };
    } catch {
      return null;
    }
  }
}

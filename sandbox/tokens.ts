import { randomBytes } from 'node:crypto';

/** Minted tokens carry this prefix, so a socket `?token=` tells them from API keys. */
const TOKEN_PREFIX = 'sbx_';

/** The short-lived session tokens a host backend would mint; here `POST /__sandbox/token` mints them. */
export class TokenStore {
  private readonly tokens = new Map<string, { tenant: string; expiresAt: number }>();

  mint(tenant: string, ttlSeconds: number, now: number): string {
    const token = `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { tenant, expiresAt: now + ttlSeconds * 1000 });
    return token;
  }

  /** The tenant of a live minted token; undefined when unknown or expired. */
  tenantOfToken(token: string, now: number): string | undefined {
    const entry = this.tokens.get(token);
    if (!entry) return undefined;
    if (now >= entry.expiresAt) {
      this.tokens.delete(token);
      return undefined;
    }
    return entry.tenant;
  }

  /** A socket's `?token=`: a minted token, or else an API key naming its tenant directly. */
  tenantOfSocketToken(token: string, now: number): string | undefined {
    if (token.startsWith(TOKEN_PREFIX)) return this.tenantOfToken(token, now);
    return token === '' ? undefined : token;
  }
}

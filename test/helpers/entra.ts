/**
 * Entra ID without Entra ID: a stand-in OpenID Connect issuer on 127.0.0.1 that publishes its
 * metadata and signing keys (JWKS) the way login.microsoftonline.com does, and signs Bot Framework
 * style tokens with a local RSA key. The bot is pointed at it with MICROSOFT_APP_AUTHORITY.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface TokenOptions {
  aud?: string;
  iss?: string;
  /** Seconds from now (negative: already expired). */
  expiresIn?: number;
  kid?: string;
  /** Sign with a key the issuer does not publish. */
  foreignKey?: boolean;
  claims?: Record<string, unknown>;
}

export class StandInEntra {
  /** The authority the bot is told about (MICROSOFT_APP_AUTHORITY). */
  authority = '';
  /** How often the bot fetched the signing keys. */
  keyFetches = 0;
  private server?: Server;
  private key!: Key;
  private foreign!: Key;
  private jwk!: JWK;

  constructor(
    readonly tenant: string,
    readonly appId: string,
  ) {}

  /** The issuer the bot accepts for its tenant: `<authority>/<tenant>/v2.0`. */
  get issuer(): string {
    return `${this.authority}/${this.tenant}/v2.0`;
  }

  async start(): Promise<this> {
    const pair = await generateKeyPair('RS256', { extractable: true });
    this.key = pair.privateKey;
    this.foreign = (await generateKeyPair('RS256', { extractable: true })).privateKey;
    this.jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key-1', use: 'sig', alg: 'RS256' };
    this.server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (path === `/${this.tenant}/v2.0/.well-known/openid-configuration`) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            issuer: this.issuer,
            jwks_uri: `${this.authority}/${this.tenant}/discovery/v2.0/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
        return;
      }
      if (path === `/${this.tenant}/discovery/v2.0/keys`) {
        this.keyFetches++;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [this.jwk] }));
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', () => ok()));
    this.authority = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((ok) => this.server?.close(() => ok()));
  }

  /** A token as the channel would send it for an activity to this bot (RS256, our key, valid for an hour). */
  async token(serviceUrl: string, options: TokenOptions = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ serviceurl: serviceUrl, tid: this.tenant, ...options.claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? 'test-key-1' })
      .setIssuer(options.iss ?? this.issuer)
      .setAudience(options.aud ?? this.appId)
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60)
      .setExpirationTime(now + (options.expiresIn ?? 3600))
      .sign(options.foreignKey ? this.foreign : this.key);
  }

  /** The same claims, unsigned (`alg: none`). */
  unsigned(serviceUrl: string): string {
    const now = Math.floor(Date.now() / 1000);
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return (
      `${part({ alg: 'none', typ: 'JWT' })}.` +
      `${part({ iss: this.issuer, aud: this.appId, serviceurl: serviceUrl, tid: this.tenant, iat: now, nbf: now, exp: now + 3600 })}` +
      `.`
    );
  }
}

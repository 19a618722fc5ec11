import { StoreError } from './SqlStore';

/** Which engine a setting names: a `postgres://` / `postgresql://` URL, or a SQLite file path. */
export type StoreTarget = { engine: 'postgres'; url: string } | { engine: 'sqlite'; path: string };

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

/** The URL as it may be printed: the password (if any) replaced by `***`. Never throws. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    // Query parameters may carry one too (`?password=...`).
    for (const key of [...u.searchParams.keys()]) if (/pass|secret|key/i.test(key)) u.searchParams.set(key, '***');
    return u.toString().replace('%2A%2A%2A', '***');
  } catch {
    return url.replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1***@');
  }
}

/** The password in a URL (decoded), so messages that might quote it can be scrubbed. */
export function urlPassword(url: string): string | undefined {
  try {
    const u = new URL(url);
    const fromQuery = u.searchParams.get('password') ?? undefined;
    return (u.password ? decodeURIComponent(u.password) : undefined) ?? fromQuery;
  } catch {
    return /\/\/[^:/@]*:([^@/]*)@/.exec(url)?.[1];
  }
}

/** `text` with every appearance of the URL's password (raw or URL-encoded) replaced by `***`. */
export function scrub(text: string, url: string): string {
  const secret = urlPassword(url);
  if (!secret) return text;
  let out = text;
  for (const form of new Set([secret, encodeURIComponent(secret)])) if (form.length >= 1) out = out.split(form).join('***');
  return out;
}

/** Check a Postgres URL's shape; the message names it with the password hidden. */
export function parsePostgresUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new StoreError(`store URL ${redactUrl(url)} is not a valid URL; write it as postgres://USER@HOST:5432/DATABASE`, 'STORE_URL');
  }
  if (!isPostgresUrl(url))
    throw new StoreError(`store URL ${redactUrl(url)} is not a Postgres URL; it must start with postgres:// or postgresql://`, 'STORE_URL');
  if (!u.hostname && !u.searchParams.get('host'))
    throw new StoreError(`store URL ${redactUrl(url)} names no host; write it as postgres://USER@HOST:5432/DATABASE`, 'STORE_URL');
  return u;
}

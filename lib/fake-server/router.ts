// The routing of the real server (kratos on gorilla/mux v1.8, nautes-api.md sections 1 and 11.2): the path
// is percent-decoded first, then cleaned (`//`, `.`, `..` -> 301 to the clean path, never a handler), then
// matched with `[^/]+` per variable, so an encoded `/` inside a name matches no route. StrictSlash sends a
// trailing slash on any route to the path without it. Everything else falls to Go's default mux: 404.

/** Where a request goes. */
export type Routed =
  | {
      readonly kind: 'route';
      readonly route: 'list' | 'get' | 'save' | 'delete';
      readonly product: string;
      readonly name: string;
    }
  | { readonly kind: 'redirect'; readonly location: string; readonly strictSlash: boolean }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'bad-request' };

const LIST = /^\/api\/v1\/products\/([^/]+)\/deploymentruntimes$/;
const ONE = /^\/api\/v1\/products\/([^/]+)\/deploymentruntimes\/([^/]+)$/;

/** Go's url.PathUnescape of a request path: bytes, then UTF-8 (undefined for a bad escape: Go answers 400). */
export function unescapePath(raw: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x25) {
      const hex = raw.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      for (const b of Buffer.from(raw[i] as string, 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** gorilla/mux cleanPath: Go's path.Clean of a rooted path, keeping a trailing slash. */
export function cleanPath(p: string): string {
  if (p === '') return '/';
  const rooted = p.startsWith('/') ? p : `/${p}`;
  const out: string[] = [];
  for (const seg of rooted.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  let clean = `/${out.join('/')}`;
  if (rooted.endsWith('/') && clean !== '/') clean += '/';
  return clean;
}

/** Go's url.URL.String() of a path: escaped as EscapedPath does (encodePath mode), then the raw query. */
function locationOf(path: string, rawQuery: string): string {
  let escaped = '';
  for (const b of Buffer.from(path, 'utf8')) {
    const c = String.fromCharCode(b);
    escaped += /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c)
      ? c
      : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return rawQuery ? `${escaped}?${rawQuery}` : escaped;
}

/** Routes one request by method and raw request-target (path and query, as it came on the wire). */
export function routeRequest(method: string, target: string): Routed {
  const q = target.indexOf('?');
  const rawPath = q >= 0 ? target.slice(0, q) : target;
  const rawQuery = q >= 0 ? target.slice(q + 1) : '';
  const path = unescapePath(rawPath);
  if (path === undefined) return { kind: 'bad-request' };
  const clean = cleanPath(path);
  if (clean !== path)
    return { kind: 'redirect', location: locationOf(clean, rawQuery), strictSlash: false };
  const one = ONE.exec(path);
  if (one) {
    const route =
      method === 'GET'
        ? 'get'
        : method === 'POST'
          ? 'save'
          : method === 'DELETE'
            ? 'delete'
            : undefined;
    return route
      ? { kind: 'route', route, product: one[1] as string, name: one[2] as string }
      : { kind: 'not-found' };
  }
  const list = LIST.exec(path);
  if (list)
    return method === 'GET'
      ? { kind: 'route', route: 'list', product: list[1] as string, name: '' }
      : { kind: 'not-found' };
  // StrictSlash: a route's path with a trailing slash is redirected to the path without it, for any method
  // that the route registers; other methods find no route
  if (path.endsWith('/')) {
    const bare = path.slice(0, -1);
    const oneBare = ONE.test(bare) && ['GET', 'POST', 'DELETE'].includes(method);
    const listBare = LIST.test(bare) && method === 'GET';
    if (oneBare || listBare)
      return { kind: 'redirect', location: locationOf(bare, rawQuery), strictSlash: true };
  }
  return { kind: 'not-found' };
}

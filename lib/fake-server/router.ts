// The routing of the real server (kratos on gorilla/mux v1.8, nautes-api.md sections 1 and 11.2): the path
// is percent-decoded first, then cleaned (`//`, `.`, `..` -> 301 to the clean path, never a handler), then
// matched with `[^/]+` per variable, so an encoded `/` inside a name matches no route. StrictSlash sends a
// trailing slash on any route to the path without it. Everything else falls to Go's default mux: 404.
// Every kind registers the same four routes (nautes-api-resources.md 1.1), products and clusters at the
// top level.

/** The resource kinds served, each one route family. */
export type ResourceKind =
  | 'deploymentruntime'
  | 'product'
  | 'project'
  | 'environment'
  | 'coderepo'
  | 'coderepobinding'
  | 'projectpipelineruntime'
  | 'cluster';

/** The operation of a route. */
export type RouteOp = 'list' | 'get' | 'save' | 'delete';

/** Where a request goes. */
export type Routed =
  | {
      readonly kind: 'route';
      readonly resource: ResourceKind;
      readonly route: RouteOp;
      /** The `{product}` path variable (for a product route: its `{product_name}`; '' for a cluster). */
      readonly product: string;
      /** The resource name (for a product route: the product again; '' on a list). */
      readonly name: string;
    }
  | { readonly kind: 'redirect'; readonly location: string; readonly strictSlash: boolean }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'bad-request' };

/** One route family: `GET list`, and `GET|POST|DELETE one`, as the generated `*_http.pb.go` registers them. */
interface RouteFamily {
  readonly resource: ResourceKind;
  readonly list: RegExp;
  readonly one: RegExp;
  /** The path variables of `one` as [product, name]. */
  readonly vars: (m: RegExpExecArray) => [string, string];
  /** The product of a list match. */
  readonly listProduct: (m: RegExpExecArray) => string;
}

const nested = (resource: ResourceKind, segment: string): RouteFamily => ({
  resource,
  list: new RegExp(`^/api/v1/products/([^/]+)/${segment}$`),
  one: new RegExp(`^/api/v1/products/([^/]+)/${segment}/([^/]+)$`),
  vars: (m) => [m[1] as string, m[2] as string],
  listProduct: (m) => m[1] as string,
});

// the segment counts differ between families, so at most one family's `one` and one `list` can match a path
const FAMILIES: readonly RouteFamily[] = [
  nested('deploymentruntime', 'deploymentruntimes'),
  {
    resource: 'product',
    list: /^\/api\/v1\/products$/,
    one: /^\/api\/v1\/products\/([^/]+)$/,
    vars: (m) => [m[1] as string, m[1] as string],
    listProduct: () => '',
  },
  nested('project', 'projects'),
  nested('environment', 'environments'),
  nested('coderepo', 'coderepos'),
  nested('coderepobinding', 'coderepobindings'),
  nested('projectpipelineruntime', 'projectpipelineruntimes'),
  {
    // tenant level: no product
    resource: 'cluster',
    list: /^\/api\/v1\/clusters$/,
    one: /^\/api\/v1\/clusters\/([^/]+)$/,
    vars: (m) => ['', m[1] as string],
    listProduct: () => '',
  },
];

const ONE_METHODS: Readonly<Record<string, RouteOp>> = {
  GET: 'get',
  POST: 'save',
  DELETE: 'delete',
};

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
  for (const family of FAMILIES) {
    const one = family.one.exec(path);
    if (one) {
      const route = Object.hasOwn(ONE_METHODS, method) ? ONE_METHODS[method] : undefined;
      const [product, name] = family.vars(one);
      return route
        ? { kind: 'route', resource: family.resource, route, product, name }
        : { kind: 'not-found' };
    }
    const list = family.list.exec(path);
    if (list)
      return method === 'GET'
        ? {
            kind: 'route',
            resource: family.resource,
            route: 'list',
            product: family.listProduct(list),
            name: '',
          }
        : { kind: 'not-found' };
  }
  // StrictSlash: a route's path with a trailing slash is redirected to the path without it, for any method
  // that the route registers; other methods find no route
  if (path.endsWith('/')) {
    const bare = path.slice(0, -1);
    const registered = FAMILIES.some(
      (f) =>
        (f.one.test(bare) && Object.hasOwn(ONE_METHODS, method)) ||
        (f.list.test(bare) && method === 'GET'),
    );
    if (registered)
      return { kind: 'redirect', location: locationOf(bare, rawQuery), strictSlash: true };
  }
  return { kind: 'not-found' };
}

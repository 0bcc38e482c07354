// Reading and writing a value at a path of nested JSON objects: where the field tables say a field travels.

/** The value at `path` of `obj`, or undefined where a step is missing or not an object. */
export function getPath(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const p of path)
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

/** Sets `value` at `path` of `obj`, making the objects on the way. */
export function setPath(
  obj: Record<string, unknown>,
  path: readonly string[],
  value: unknown,
): void {
  let cur = obj;
  for (const p of path.slice(0, -1)) cur = (cur[p] ??= {}) as Record<string, unknown>;
  cur[path[path.length - 1] as string] = value;
}

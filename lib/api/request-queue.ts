// One request at a time per API server, across every client of this process: a real Nautes clones the
// product repo into /tmp/product<unix seconds> on every call, so two calls that start in the same second
// collide and one fails (nautes-api.md 11.1). Resources, products and applies of one provider process or
// CLI run all share the queue of their server.

const tails = new Map<string, Promise<unknown>>();

/** Runs `task` after every task queued before it for the same server; never two at once. */
export function serialized<T>(server: string, task: () => Promise<T>): Promise<T> {
  const before = tails.get(server) ?? Promise.resolve();
  const run = before.then(task, task);
  const tail = run.catch(() => undefined);
  tails.set(server, tail);
  // forget an idle server, so the map does not grow with every server ever called
  void tail.then(() => {
    if (tails.get(server) === tail) tails.delete(server);
  });
  return run;
}

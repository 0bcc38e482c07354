// The real server clones default.project into /tmp/product<unix seconds> on every request, reads included,
// whatever the product (nautes-api.md 11.1). A request that starts while another one that started in the
// same second is still in flight finds that directory taken: `git clone` fails and the call answers 500
// with an empty reason. This reproduces it: one claimed directory per start second, freed when its request
// ends.
import { GITLAB_URL } from './gitlab';
import { plain500 } from './errors';

/** The clone directories of requests in flight. */
export class CloneDirs {
  private readonly taken = new Set<number>();

  /**
   * @param enabled false: parallel calls never collide (for tests that need that; not the real server)
   * @param clock milliseconds since the epoch (tests pin it)
   */
  constructor(
    private readonly enabled: boolean,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Claims this second's directory for a request on `product`; returns the release. */
  claim(product: string): () => void {
    if (!this.enabled) return () => undefined;
    const second = Math.floor(this.clock() / 1000);
    if (this.taken.has(second))
      throw plain500(
        `failed to clone repository, the repository url: ${GITLAB_URL}/${product}/default.project.git, err: fatal: destination path '/tmp/product${second}' already exists and is not an empty directory.`,
      );
    this.taken.add(second);
    return () => void this.taken.delete(second);
  }
}

// Entry of the provider executable (bundled by scripts/bundle-provider.js).
import { serve } from './index';

serve().catch((e: unknown) => {
  process.stderr.write(
    `nautes provider failed to start: ${e instanceof Error ? e.message : String(e)}\n`,
  );
  process.exit(1);
});

// The public surface is recorded in api/*.api.md (scripts/api-report.js, @microsoft/api-extractor over the
// built declarations): a change of what a user can import fails here until the report is updated with
// `npm run api:update` and committed, so that it shows in review.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('the public API report', () => {
  test('matches the built declarations of every documented import path', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'api-report.js')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

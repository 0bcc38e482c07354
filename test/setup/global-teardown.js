// After the last test: kill every process group a test started that is still alive, then make sure Jest
// exits. A handle that still holds the process open after a grace period fails the run with its name,
// instead of leaving CI waiting until its time limit.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const GRACE_MS = Number(process.env.NAUTES_TEST_EXIT_GRACE_MS || 10000);

module.exports = async () => {
  const file = path.join(os.tmpdir(), 'nautes-test-pids', `${process.env.NAUTES_TEST_RUN}.txt`);
  const pids = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number)
    : [];
  const survivors = [];
  for (const pid of pids) {
    try {
      process.kill(-pid, 'SIGKILL');
      survivors.push(pid);
    } catch {
      // already gone
    }
  }
  fs.rmSync(file, { force: true });
  if (survivors.length)
    process.stderr.write(
      `test teardown: killed ${survivors.length} leftover process group(s): ${survivors.join(', ')}\n`,
    );
  const timer = setTimeout(() => {
    const open = process.getActiveResourcesInfo().filter((r) => r !== 'Timeout' && r !== 'TTYWrap');
    process.stderr.write(
      `\nJest could not exit ${GRACE_MS / 1000} s after the last test: open handles ${JSON.stringify(open)}. ` +
        'A test left a server, socket or child process open; run with --detectOpenHandles to find it.\n',
    );
    process.exit(1);
  }, GRACE_MS);
  timer.unref();
};

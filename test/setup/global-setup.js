// Names this run's pid file (see test/helpers/processes.ts) and starts it empty.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async () => {
  process.env.NAUTES_TEST_RUN = `${process.pid}-${Date.now()}`;
  const dir = path.join(os.tmpdir(), 'nautes-test-pids');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${process.env.NAUTES_TEST_RUN}.txt`), '');
};

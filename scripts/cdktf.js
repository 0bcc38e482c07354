#!/usr/bin/env node
// `npm run plan|deploy|destroy` in this checkout: `nautes-cdktf cdktf ...` for main.ts (the same command a
// user's repository runs), against NAUTES_API_SERVER.
// cdktf-cli runs on Node 20 to 26 here: see the node-pty override in scripts/start.js.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { assertBuilt } = require('./tofu-env');

assertBuilt();
const r = spawnSync(
  process.execPath,
  [path.join(__dirname, '..', 'bin', 'nautes-cdktf.js'), 'cdktf', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(r.status === null ? 1 : r.status);

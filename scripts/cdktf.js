#!/usr/bin/env node
// `npm run plan|deploy|destroy`: cdktf with the offline provider mirror, OpenTofu and no telemetry.
'use strict';
const { spawnSync } = require('node:child_process');
const p = require('./paths');
const { tofuEnv, assertBuilt } = require('./tofu-env');

assertBuilt();
const args = [...process.argv.slice(2)];
if (['diff', 'deploy', 'destroy', 'plan'].includes(args[0]) && !args.includes('--skip-provider-lock')) args.push('--skip-provider-lock');
const r = spawnSync(p.cdktfBinary, args, { stdio: 'inherit', env: tofuEnv() });
process.exit(r.status === null ? 1 : r.status);

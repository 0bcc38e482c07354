#!/usr/bin/env node
// `npm start`: the main job on the embedded default (local Nautes server with the demo seed).
'use strict';
const { runDemo } = require('../dist/lib/cli/commands/demo.js');

runDemo({ stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`npm start failed: ${e && e.message ? e.message : e}\n`);
    process.exit(1);
  },
);

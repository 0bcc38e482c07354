#!/usr/bin/env node
// The cdktf "app" command: compiles main.ts (or the file given) with esbuild and runs it, so edits to the
// app need no separate build step.
'use strict';
const path = require('node:path');
const esbuild = require('esbuild');
const { root } = require('./paths');

const entry = path.resolve(process.argv[2] || path.join(process.cwd(), 'main.ts'));
// compiled inside the project so that bare imports (cdktf, constructs) resolve from its node_modules
const tag = require('node:crypto').createHash('sha256').update(entry).digest('hex').slice(0, 12);
const outfile = path.join(root, '.nautes', 'app', `${path.basename(entry, '.ts')}-${tag}.js`);
esbuild.buildSync({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  outfile,
  logLevel: 'warning',
});
try {
  require(outfile);
} catch (e) {
  // our errors carry a code and a message that names the construct path: no stack trace for those
  if (e && typeof e.code === 'string' && e.code.startsWith('NAUTES_')) {
    process.stderr.write(`error [${e.code}]: ${e.message}\n`);
    process.exit(1);
  }
  throw e;
}

#!/usr/bin/env node
// `prepack` / `postpack`: the published package.json carries no scripts. `prepare` builds a clone on
// `npm ci`; in the tarball it would only make npm list the package among the install scripts to approve
// (and the other scripts are for this repository). `strip` keeps the checkout's manifest aside and writes
// the one that is packed; `restore` puts the checkout's back. (devDependencies stay: `init` pins the
// versions it writes from them.)
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const manifest = path.join(root, 'package.json');
const kept = path.join(root, '.package.json.unpacked');

const step = process.argv[2];
if (step === 'strip') {
  if (fs.existsSync(kept)) {
    // an earlier pack stopped between the two steps: the kept manifest is the checkout's
    fs.copyFileSync(kept, manifest);
  }
  const text = fs.readFileSync(manifest, 'utf8');
  fs.writeFileSync(kept, text);
  const m = JSON.parse(text);
  delete m.scripts;
  fs.writeFileSync(manifest, `${JSON.stringify(m, null, 2)}\n`);
} else if (step === 'restore') {
  if (fs.existsSync(kept)) fs.renameSync(kept, manifest);
} else {
  process.stderr.write('usage: node scripts/pack-manifest.js strip|restore\n');
  process.exit(2);
}

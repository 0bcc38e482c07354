#!/usr/bin/env node
// The cdktn build of the constructs: one source (lib/cdktf/), two builds. tsc compiles it for cdktf
// (dist/lib/cdktf/); this copies that output to dist/lib/cdktn/ with the module `cdktf` replaced by
// `cdktn`, CDKTF's maintained continuation with the same construct API. Objects of the two packages do not
// mix (a cdktf TerraformResource inside a cdktn stack fails at synth), so each build requires only its own.
// Relative imports (model, errors, version) stay valid: both directories sit at the same depth.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const p = require('./paths');

const from = path.join(p.root, 'dist', 'lib', 'cdktf');
const to = path.join(p.root, 'dist', 'lib', 'cdktn');

// `require("cdktf")` in JavaScript, `from "cdktf"` / `import("cdktf")` in declarations: the bare module only
const MODULE = /(require\(|from |import\()(["'])cdktf\2/g;

function copy(src, dst) {
  fs.mkdirSync(dst, { recursive: true });
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    const s = path.join(src, e.name);
    const d = path.join(dst, e.name);
    if (e.isDirectory()) copy(s, d);
    else if (/\.(js|d\.ts)$/.test(e.name))
      fs.writeFileSync(d, fs.readFileSync(s, 'utf8').replace(MODULE, '$1$2cdktn$2'));
  }
}

fs.rmSync(to, { recursive: true, force: true });
copy(from, to);
const left = [];
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const f = path.join(dir, e.name);
    if (e.isDirectory()) walk(f);
    else if (/(["'])cdktf\1/.test(fs.readFileSync(f, 'utf8'))) left.push(path.relative(p.root, f));
  }
};
walk(to);
if (left.length) {
  process.stderr.write(`the cdktn build still names the module cdktf in: ${left.join(', ')}\n`);
  process.exit(1);
}

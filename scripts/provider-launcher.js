// Runs provider.js (beside it) compiled with vm.Script, which measured about 100 ms faster per launch than
// a plain require of the same bundle on Node 20 (bench/README.md).
'use strict';
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  // stdout: the host shows a line it cannot read as a handshake to the user
  process.stdout.write(
    `The Nautes provider needs Node.js 20 or newer; the "node" on PATH is ${process.version}. Install a newer Node.js, then run again.\n`,
  );
  process.exit(1);
}
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');

const file = path.join(__dirname, 'provider.js');
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, require, mod, file, __dirname);

#!/usr/bin/env node
// `npm start`: the main job on the embedded default. Starts the local Nautes server (demo seed), deploys
// main.ts with `cdktf deploy` through OpenTofu and our provider, re-plans to show no changes, prints the
// resource files now in default.project (from its git history), and stops the server.
// The CLI is cdktf-cli on every Node (20 to 26): its only native part, node-pty, is swapped by the root
// package.json's `overrides` for @lydell/node-pty (N-API builds shipped per platform), because the fork
// cdktf-cli pins (@cdktf/node-pty-prebuilt-multiarch 0.10) ships binaries only up to Node 22's ABI and
// otherwise compiles at install (node-gyp fetching Node headers): `npm ci` fails on Node 24/26 without a
// compiler or network. Simpler than switching this checkout's app to cdktn by Node version.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const p = require('./paths');
const { tofuEnv, assertBuilt } = require('./tofu-env');
const { cliNodeFlags } = require('./node-env');
const { startFakeServer } = require('../dist/lib/fake-server');

function run(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...cliNodeFlags(), p.cdktfBinary, ...args], {
      cwd: p.root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

async function main() {
  assertBuilt();
  const server = await startFakeServer();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nautes-start-'));
  try {
    process.stdout.write(`local Nautes server (demo seed) listening on ${server.url}\n\n`);
    const env = tofuEnv({
      ...process.env,
      NAUTES_API_SERVER: server.url,
      NAUTES_TOKEN: 'demo-maintainer-token',
      NAUTES_STATE_FILE: path.join(work, 'terraform.nautes-labs.tfstate'),
      FORCE_COLOR: process.stdout.isTTY ? '1' : '0',
      NO_COLOR: process.stdout.isTTY ? '' : '1',
    });
    // a private synth dir: the state path differs per run, and the user's cdktf.out stays untouched
    const out = path.join(work, 'cdktf.out');
    process.stdout.write('== cdktf deploy (plan and apply main.ts)\n');
    const deploy = await run(['deploy', '--auto-approve', '--output', out], env);
    if (deploy.code !== 0) throw new Error(`cdktf deploy exited with ${deploy.code}`);
    process.stdout.write('\n== cdktf diff (plan again)\n');
    const diff = await run(['diff', '--output', out], env);
    if (diff.code !== 0) throw new Error(`cdktf diff exited with ${diff.code}`);
    if (!/No changes/.test(diff.out)) throw new Error('the second plan is not empty');
    const repo = server.service.repoOf('nautes-labs');
    const log = await repo.log();
    process.stdout.write(
      `\n== default.project of nautes-labs: ${log.length} commits, newest first\n`,
    );
    for (const c of log)
      process.stdout.write(
        `${c.hash.slice(0, 8)} ${c.author} <${c.email}> ${c.message} (${c.files.join(', ')})\n`,
      );
    const tree = server.service.treeOf('nautes-labs');
    for (const file of [...tree.keys()].filter((f) => f.startsWith('runtimes/')).sort()) {
      process.stdout.write(`\n--- ${file}\n${await repo.show(file)}`);
    }
    return 0;
  } finally {
    await server.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`npm start failed: ${e && e.message ? e.message : e}\n`);
    process.exit(1);
  },
);

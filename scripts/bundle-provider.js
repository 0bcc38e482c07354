#!/usr/bin/env node
// Bundles the provider once (dist/provider) and lays it out as a filesystem mirror (dist/mirror) for both
// hostnames that `nautes-labs/nautes` can mean and four platforms (the same JavaScript everywhere). Each
// package dir holds:
//   terraform-provider-nautes_v<version>  a shell launcher: finds node (or says it is missing)
//   launcher.js                           checks the Node version and runs provider.js
//   provider.js                           gRPC, codec and provider logic: all a launch needs to hand-shake
//   provider-api.js                       the API client (undici, zod), loaded at ConfigureProvider
//   provider-x509.js                      certificate generation, loaded only without a cached certificate
//   PLATFORM                              the platform's name: it gives each package its own h1 hash, so a
//                                         lock file that lists all four hashes more than the host can compute
//                                         locally, and hosts do not warn "Incomplete lock file information"
// Nothing here downloads anything.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const p = require('./paths');

const lib = path.join(p.root, 'lib');
const chunks = {
  [path.join(lib, 'api', 'client')]: './provider-api.js',
  [path.join(lib, 'tfplugin', 'wire', 'certificate-generator')]: './provider-x509.js',
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

/** Keeps the lazily required modules out of the main bundle: they become requires of their chunk. */
const splitChunks = {
  name: 'split-chunks',
  setup(build) {
    build.onResolve({ filter: /(api\/client|certificate-generator)$/ }, (args) => {
      const target = chunks[path.resolve(args.resolveDir, args.path)];
      return target ? { path: target, external: true } : undefined;
    });
  },
};

fs.rmSync(p.buildDir, { recursive: true, force: true });
fs.rmSync(p.mirrorDir, { recursive: true, force: true });
fs.mkdirSync(p.buildDir, { recursive: true });
async function main() {
  await esbuild.build({
    ...common,
    entryPoints: [path.join(lib, 'tfplugin', 'main.ts')],
    outfile: path.join(p.buildDir, 'provider.js'),
    plugins: [splitChunks],
  });
  for (const [entry, out] of Object.entries(chunks))
    await esbuild.build({
      ...common,
      entryPoints: [`${entry}.ts`],
      outfile: path.join(p.buildDir, out),
    });
  const executable = `terraform-provider-nautes_v${p.version}`;
  fs.copyFileSync(path.join(__dirname, 'provider-launcher.sh'), path.join(p.buildDir, executable));
  fs.chmodSync(path.join(p.buildDir, executable), 0o755);
  fs.copyFileSync(
    path.join(__dirname, 'provider-launcher.js'),
    path.join(p.buildDir, 'launcher.js'),
  );
  for (const host of p.MIRROR_HOSTS)
    for (const platform of p.PLATFORMS) {
      const dir = p.packageDir(host, platform);
      fs.mkdirSync(dir, { recursive: true });
      for (const f of fs.readdirSync(p.buildDir))
        fs.copyFileSync(path.join(p.buildDir, f), path.join(dir, f));
      fs.chmodSync(path.join(dir, executable), 0o755);
      fs.writeFileSync(path.join(dir, 'PLATFORM'), `${platform}\n`);
    }
  process.stdout.write(
    `provider bundled: ${p.buildDir}, mirror ${p.mirrorDir} (${p.MIRROR_HOSTS.length} hosts x ${p.PLATFORMS.length} platforms)\n`,
  );
}
main().catch((e) => {
  process.stderr.write(`bundle failed: ${e.message}\n`);
  process.exit(1);
});

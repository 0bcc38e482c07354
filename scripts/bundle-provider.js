#!/usr/bin/env node
// Bundles the provider inside a filesystem mirror and writes the OpenTofu CLI config that points at it.
// The package dir holds:
//   terraform-provider-nautes_v<version>  a small launcher that runs provider.js
//   provider.js                           gRPC, codec and provider logic: all a launch needs to hand-shake
//   provider-api.js                       the API client (undici, zod), loaded at ConfigureProvider
//   provider-x509.js                      certificate generation, loaded only without a cached certificate
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
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, legalComments: 'none', logLevel: 'warning' };

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

fs.rmSync(p.providerDir, { recursive: true, force: true });
fs.mkdirSync(p.providerDir, { recursive: true });
const { protocolDescriptor } = require('../dist/lib/tfplugin/wire/load-protocol');
async function main() {
  await esbuild.build({
    ...common,
    entryPoints: [path.join(lib, 'tfplugin', 'main.ts')],
    define: { __NAUTES_PROTOCOL_JSON__: JSON.stringify(protocolDescriptor()) },
    outfile: path.join(p.providerDir, 'provider.js'),
    plugins: [splitChunks],
  });
  for (const [entry, out] of Object.entries(chunks))
    await esbuild.build({ ...common, entryPoints: [`${entry}.ts`], outfile: path.join(p.providerDir, out) });
  fs.writeFileSync(
    p.cliConfigFile,
    `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(p.mirrorDir)}
    include = ["registry.opentofu.org/nautes-labs/*"]
  }
  direct {
    exclude = ["registry.opentofu.org/nautes-labs/*"]
  }
}
`,
  );
  fs.copyFileSync(path.join(__dirname, 'provider-launcher.js'), p.providerBinary);
  fs.chmodSync(p.providerBinary, 0o755);
  process.stdout.write(`provider bundled: ${p.providerBinary}\n`);
}
main().catch((e) => {
  process.stderr.write(`bundle failed: ${e.message}\n`);
  process.exit(1);
});

#!/usr/bin/env node
// Bundles the provider into one executable inside a filesystem mirror, and writes the OpenTofu CLI config
// that points at it. Nothing here downloads anything.
'use strict';
const fs = require('node:fs');
const esbuild = require('esbuild');
const p = require('./paths');

fs.mkdirSync(p.providerDir, { recursive: true });
esbuild.buildSync({
  entryPoints: [require('node:path').join(p.root, 'lib', 'tfplugin', 'main.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  banner: { js: '#!/usr/bin/env node' },
  outfile: p.providerBinary,
  logLevel: 'warning',
});
fs.chmodSync(p.providerBinary, 0o755);
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
process.stdout.write(`provider bundled: ${p.providerBinary}\n`);

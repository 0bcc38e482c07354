// The environment cdktf and OpenTofu need to use our provider offline.
'use strict';
const fs = require('node:fs');
const p = require('./paths');

/** Returns env for running cdktf/tofu: provider mirror, tofu binary, no telemetry. */
function tofuEnv(base = process.env) {
  const own = base.TERRAFORM_BINARY_NAME;
  return {
    ...base,
    TF_CLI_CONFIG_FILE: p.cliConfigFile,
    // a user's own tofu/terraform wins when set; else OpenTofu from node_modules
    TERRAFORM_BINARY_NAME: own && own.length ? own : p.tofuBinary,
    CHECKPOINT_DISABLE: '1',
    DISABLE_VERSION_CHECK: '1',
    TF_IN_AUTOMATION: '1',
    CI: base.CI || '1',
  };
}

function assertBuilt() {
  if (!fs.existsSync(p.providerBinary) || !fs.existsSync(p.cliConfigFile))
    throw new Error('the provider is not built: run "npm run build" (npm ci runs it for you)');
}

module.exports = { tofuEnv, assertBuilt };

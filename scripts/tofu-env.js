// The environment cdktf and the hosts need in this checkout: the same as `nautes-cdktf cdktf` sets up for a
// user (lib/cli/hosts/host-env.ts), plus no interactive UI.
'use strict';
const fs = require('node:fs');
const p = require('./paths');

/** Returns env for running cdktf/tofu/terraform: provider mirror, host wrapper, no telemetry. */
function tofuEnv(base = process.env) {
  const { hostEnv } = require('../dist/lib/cli/hosts/host-env');
  return { ...hostEnv(base, p.root), TF_IN_AUTOMATION: '1', CI: base.CI || '1' };
}

function assertBuilt() {
  if (
    !fs.existsSync(p.providerBinary) ||
    !fs.existsSync(require.resolve('../dist/lib/cli/hosts/host-env'))
  )
    throw new Error('the provider is not built: run "npm run build" (npm ci runs it for you)');
}

module.exports = { tofuEnv, assertBuilt };

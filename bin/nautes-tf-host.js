#!/usr/bin/env node
'use strict';
// What cdktf runs as TERRAFORM_BINARY_NAME (set by "nautes-cdktf cdktf"): see lib/cli/hosts/tf-host.ts.
require('../dist/lib/cli/hosts/tf-host.js')
  .runTfHost(process.argv.slice(2), process.env, process.cwd())
  .then((code) => process.exit(code));

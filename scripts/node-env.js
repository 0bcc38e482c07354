// How this checkout's scripts start the CDK CLI, by Node version.
'use strict';

/**
 * Node flags for the cdktf CLI process. Node >= 25 turns Web Storage on and warns ("localStorage is not
 * available because --localstorage-file was not provided") when a library merely probes `localStorage`,
 * as cdktf-cli's bundle does; nothing here uses it, so it is off there. A flag, not NODE_OPTIONS: cdktf-cli
 * warns about a NODE_OPTIONS without --max-old-space-size, and Node 20 refuses the flag.
 */
function cliNodeFlags() {
  return Number(process.versions.node.split('.')[0]) >= 25 ? ['--no-webstorage'] : [];
}

module.exports = { cliNodeFlags };

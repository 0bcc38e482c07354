#!/bin/sh
# The Nautes provider executable. The provider is JavaScript: it needs Node.js >= 20 on PATH. Without it,
# say so on stdout, where Terraform and OpenTofu show an unrecognised handshake line to the user.
dir=${0%/*}
if ! command -v node >/dev/null 2>&1; then
  echo "The Nautes provider needs Node.js 20 or newer on PATH, and no 'node' command was found. Install Node.js (https://nodejs.org) or put it on PATH, then run again."
  exit 1
fi
exec node "$dir/launcher.js" "$@"

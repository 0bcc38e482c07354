// One version: the constant the constructs and bindings use is package.json's (which names the provider
// files in the mirror).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROVIDER_VERSION } from '../lib/cdktf';
import { PACKAGE_VERSION } from '../lib/version';

test('PACKAGE_VERSION is the version in package.json, and the provider version the constructs pin', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  expect(PACKAGE_VERSION).toBe(manifest.version);
  expect(PROVIDER_VERSION).toBe(manifest.version);
});

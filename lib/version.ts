// The version of this package, of the provider it ships and of the bindings' generator metadata: one
// constant (test/version.test.ts holds it equal to package.json's).

/** The package and provider version. */
export const PACKAGE_VERSION = '0.1.0';

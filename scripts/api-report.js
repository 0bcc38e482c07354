#!/usr/bin/env node
// The public API reports (api/*.api.md), one per documented import path, made by @microsoft/api-extractor
// from the built declarations (dist/lib). `node scripts/api-report.js` fails when the surface differs from
// the committed report (test/packaging/api-report.test.ts runs it); `--update` (npm run api:update) writes the
// new report, to commit with the change, so that a change of the public surface shows in review.
// ("./cdktn" is the same source as "./cdktf", built again with cdktn: it has no report of its own.)
'use strict';
const { join } = require('node:path');
const { existsSync } = require('node:fs');
const { Extractor, ExtractorConfig } = require('@microsoft/api-extractor');

const root = join(__dirname, '..');
const ENTRY_POINTS = [
  { report: 'cdktf-provider-nautes', dts: 'dist/lib/index.d.ts' },
  { report: 'cdktf-provider-nautes-cdktf', dts: 'dist/lib/cdktf/index.d.ts' },
  { report: 'cdktf-provider-nautes-fake-server', dts: 'dist/lib/fake-server/index.d.ts' },
];

function configFor(entry) {
  return ExtractorConfig.prepare({
    configObjectFullPath: join(root, 'api', `${entry.report}.api-extractor.json`),
    packageJsonFullPath: join(root, 'package.json'),
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: join(root, entry.dts),
      compiler: { tsconfigFilePath: join(root, 'tsconfig.build.json') },
      apiReport: {
        enabled: true,
        reportFileName: `${entry.report}.api.md`,
        reportFolder: join(root, 'api'),
        reportTempFolder: join(root, 'dist', 'api-report'),
        includeForgottenExports: false,
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: 'warning' } },
        extractorMessageReporting: {
          default: { logLevel: 'warning', addToApiReportFile: true },
          // one package, one release: no @public/@beta tags
          'ae-missing-release-tag': { logLevel: 'none' },
        },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
  });
}

const update = process.argv.includes('--update');
let failed = false;
for (const entry of ENTRY_POINTS) {
  if (!existsSync(join(root, entry.dts))) {
    console.error(`${entry.dts} is missing: run npm run build first`);
    process.exit(1);
  }
  const result = Extractor.invoke(configFor(entry), {
    localBuild: update,
    showVerboseMessages: false,
    messageCallback: (m) => {
      // the report lists what matters; the console only gets errors
      if (m.logLevel !== 'error') m.handled = true;
    },
  });
  if (!result.succeeded) {
    failed = true;
    console.error(
      result.apiReportChanged
        ? `api/${entry.report}.api.md: the public API of ${entry.dts} changed. Run npm run api:update and commit the report with the change.`
        : `api/${entry.report}.api.md: api-extractor failed (${result.errorCount} errors)`,
    );
  } else if (result.apiReportChanged) {
    console.log(`api/${entry.report}.api.md updated`);
  }
}
process.exit(failed ? 1 : 0);

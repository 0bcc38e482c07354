// Each lint rule that holds the layers (STYLE.md 9.2) proven by a small fixture that must fail lint: the
// fixture is written where the rule applies, linted with the project's own configuration, and removed.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnTracked } from '../helpers/processes';

/** ESLint's JSON report of `files`, run as the project runs it (its CLI; its config loader needs real ESM). */
function lint(
  files: string[],
): Promise<
  Array<{ filePath: string; messages: Array<{ ruleId: string | null; message: string }> }>
> {
  return new Promise((resolve, reject) => {
    const child = spawnTracked(
      process.execPath,
      [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', ...files],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', () => {
      try {
        resolve(
          JSON.parse(out) as Array<{
            filePath: string;
            messages: Array<{ ruleId: string | null; message: string }>;
          }>,
        );
      } catch {
        reject(new Error(`eslint gave no report: ${err}`));
      }
    });
  });
}

jest.setTimeout(120_000);

const root = join(__dirname, '..', '..');
const FIXTURES: Array<[string, string, string | string[]]> = [
  [
    'lib/model/lint-fixture-layer.ts',
    "import { startFakeServer } from '../fake-server';\nexport const s = startFakeServer;\n",
    'no-restricted-imports',
  ],
  [
    'lib/tfplugin/provider/lint-fixture-grpc.ts',
    "import { startGrpcServer } from '../wire/grpc-server';\nexport const s = startGrpcServer;\n",
    'no-restricted-imports',
  ],
  [
    'lib/tfplugin/provider/lint-fixture-protocol.ts',
    "import { PROVIDER_RPC_NAMES } from '../protocol/generated/tfplugin6';\nexport const s = PROVIDER_RPC_NAMES;\n",
    'no-restricted-imports',
  ],
  [
    'lib/tfplugin/cty/lint-fixture-up.ts',
    "import { RUNTIME_SCHEMA } from '../provider/schema';\nexport const s = RUNTIME_SCHEMA;\n",
    'no-restricted-imports',
  ],
  [
    'lib/engine/lint-fixture-process.ts',
    'export const env = process.env;\n',
    'no-restricted-globals',
  ],
  [
    'lib/render/lint-fixture-promise.ts',
    'async function later(): Promise<void> {}\nexport function now(): void {\n  later();\n}\n',
    '@typescript-eslint/no-floating-promises',
  ],
  [
    'lib/render/lint-fixture-switch.ts',
    "export function f(a: 'x' | 'y'): number {\n  switch (a) {\n    case 'x':\n      return 1;\n  }\n  return 0;\n}\n",
    '@typescript-eslint/switch-exhaustiveness-check',
  ],
  // the type-aware preset: parsed JSON used without a schema
  [
    'lib/api/lint-fixture-unsafe.ts',
    'export function f(s: string): number {\n  const v = JSON.parse(s);\n  return v.count;\n}\n',
    [
      '@typescript-eslint/no-unsafe-assignment',
      '@typescript-eslint/no-unsafe-return',
      '@typescript-eslint/no-unsafe-member-access',
    ],
  ],
  [
    'scripts/lint-fixture.js',
    "'use strict';\nconst x = Number(process.argv[2]);\nif (x == 2) console.log(x);\n",
    'eqeqeq',
  ],
];

describe('lint rules', () => {
  const written: string[] = [];
  afterAll(() => {
    for (const f of written) rmSync(f, { force: true });
  });

  test('every rule fails its fixture, and only with that rule', async () => {
    for (const [file, text] of FIXTURES) {
      const path = join(root, file);
      written.push(path);
      writeFileSync(path, text);
    }
    const results = await lint(FIXTURES.map(([file]) => join(root, file)));
    const found = Object.fromEntries(
      results.map((r) => [
        r.filePath.slice(root.length + 1),
        [...new Set(r.messages.map((m) => m.ruleId ?? m.message))],
      ]),
    );
    expect(found).toEqual(
      Object.fromEntries(
        FIXTURES.map(([file, , rule]) => [file, Array.isArray(rule) ? rule : [rule]]),
      ),
    );
  });

  test('Prettier at width 100: a longer line fails the check', async () => {
    const path = join(root, 'lib', 'render', 'lint-fixture-width.ts');
    written.push(path);
    writeFileSync(
      path,
      `export const names = [${Array.from({ length: 12 }, (_, i) => `'runtime-${i}'`).join(', ')}];\n`,
    );
    const result = await new Promise<{ code: number; out: string }>((resolve) => {
      const child = spawnTracked(
        process.execPath,
        [join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--check', path],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', (code) => resolve({ code: code ?? 1, out }));
    });
    expect(result.out).toContain('lint-fixture-width.ts');
    expect(result.code).toBe(1);
  });
});

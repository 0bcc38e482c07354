// The CLI configuration = the user's own + the package's mirror: nothing of theirs is dropped.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeCliConfig, userCliConfig, writeCliConfig } from '../../../lib/cli/hosts/cli-config';

const MIRROR = '/pkg/dist/mirror';

describe('CLI configuration', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'nautes-clicfg-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  test('without a configuration of the user: the mirror for both hostnames, direct for the rest', () => {
    const text = mergeCliConfig(undefined, MIRROR);
    expect(text).toContain(`path    = "${MIRROR}"`);
    expect(text).toContain(
      'include = ["registry.opentofu.org/nautes-labs/*", "registry.terraform.io/nautes-labs/*"]',
    );
    expect(text).toMatch(
      /direct \{\n\s+exclude = \["registry\.opentofu\.org\/nautes-labs\/\*", "registry\.terraform\.io\/nautes-labs\/\*"\]/,
    );
  });

  test("the user's settings are kept and their provider_installation gains the mirror; their methods exclude it", () => {
    const base = [
      'plugin_cache_dir = "/home/u/.terraform.d/plugin-cache"',
      'credentials "app.terraform.io" {',
      '  token = "xyz"',
      '}',
      'provider_installation {',
      '  network_mirror {',
      '    url = "https://mirror.example.com/"',
      '  }',
      '  direct {',
      '    exclude = ["example.com/*/*"] # theirs',
      '  }',
      '}',
      '',
    ].join('\n');
    const text = mergeCliConfig({ path: '/home/u/.terraformrc', text: base }, MIRROR);
    expect(text).toContain('plugin_cache_dir = "/home/u/.terraform.d/plugin-cache"');
    expect(text).toContain('credentials "app.terraform.io" {\n  token = "xyz"\n}');
    expect(text.match(/provider_installation \{/g)).toHaveLength(1);
    expect(text).toContain('url = "https://mirror.example.com/"');
    expect(text).toMatch(
      /network_mirror \{\n\s+exclude = \["registry\.opentofu\.org\/nautes-labs\/\*", "registry\.terraform\.io\/nautes-labs\/\*"\]\n\s+url/,
    );
    expect(text).toContain(
      'exclude = ["registry.opentofu.org/nautes-labs/*", "registry.terraform.io/nautes-labs/*", "example.com/*/*"] # theirs',
    );
    expect(text).toContain(`filesystem_mirror {\n    path    = "${MIRROR}"`);
    expect(text).toContain('# base: /home/u/.terraformrc');
  });

  test('the base is TF_CLI_CONFIG_FILE, else ~/.terraformrc, else ~/.tofurc; a file written by us points back to its base', () => {
    expect(userCliConfig({ HOME: home })).toBeUndefined();
    writeFileSync(join(home, '.tofurc'), 'plugin_cache_dir = "/tofu"\n');
    expect(userCliConfig({ HOME: home })?.path).toBe(join(home, '.tofurc'));
    writeFileSync(join(home, '.terraformrc'), 'plugin_cache_dir = "/tf"\n');
    expect(userCliConfig({ HOME: home })?.path).toBe(join(home, '.terraformrc'));
    const own = join(home, 'own.tfrc');
    writeFileSync(own, 'disable_checkpoint = true\n');
    expect(userCliConfig({ HOME: home, TF_CLI_CONFIG_FILE: own })?.text).toBe(
      'disable_checkpoint = true\n',
    );
    // our output as TF_CLI_CONFIG_FILE: merging again starts from the same base, never nests
    const ours = writeCliConfig({ HOME: home, TF_CLI_CONFIG_FILE: own }, join(home, 'merged.tfrc'));
    const again = writeCliConfig(
      { HOME: home, TF_CLI_CONFIG_FILE: ours },
      join(home, 'merged2.tfrc'),
    );
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(ours, 'utf8'));
    // a TF_CLI_CONFIG_FILE that does not exist falls back to the home files
    expect(userCliConfig({ HOME: home, TF_CLI_CONFIG_FILE: join(home, 'missing') })?.path).toBe(
      join(home, '.terraformrc'),
    );
  });
});

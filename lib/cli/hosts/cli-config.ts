// A Terraform/OpenTofu CLI configuration = the user's own + this package's provider mirror. The user's
// credentials, plugin cache, mirrors and other settings are kept; only `provider_installation` is merged:
// our filesystem mirror is added for `*/nautes-labs/*`, and the user's `direct` and `network_mirror`
// methods exclude it (they would go to the network for it and fail).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { MIRROR_HOSTS, mirrorDir } from './package-layout';

const HEADER =
  '# Written by "nautes-cdktf cli-config": your CLI configuration plus the cdktf-provider-nautes mirror.';
const BASE_LINE = '# base: ';

const patterns = (): string[] => MIRROR_HOSTS.map((h) => `${h}/nautes-labs/*`);
const list = (items: readonly string[]): string =>
  `[${items.map((i) => JSON.stringify(i)).join(', ')}]`;

/** Index of the `}` that closes the `{` at `open`, skipping strings and comments. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Adds our patterns to the `exclude` of every `direct` / `network_mirror` block inside `body`. */
function excludeOurs(body: string): string {
  let out = '';
  let rest = body;
  const method = /\b(direct|network_mirror)\s*\{/;
  for (let m = method.exec(rest); m; m = method.exec(rest)) {
    const open = m.index + m[0].length - 1;
    const close = closingBrace(rest, open);
    if (close < 0) break;
    let block = rest.slice(open + 1, close);
    const exclude = /\bexclude\s*=\s*\[/.exec(block);
    block = exclude
      ? `${block.slice(0, exclude.index + exclude[0].length)}${patterns()
          .map((p) => JSON.stringify(p))
          .join(', ')}, ${block.slice(exclude.index + exclude[0].length)}`
      : `\n    exclude = ${list(patterns())}${block}`;
    out += `${rest.slice(0, open + 1)}${block}}`;
    rest = rest.slice(close + 1);
  }
  return out + rest;
}

/** The merged configuration text. `base` is the user's own configuration (or none). */
export function mergeCliConfig(
  base: { path: string; text: string } | undefined,
  mirror: string = mirrorDir(),
): string {
  const ours = `  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ${list(patterns())}\n  }\n`;
  const head = `${HEADER}\n${base ? `${BASE_LINE}${base.path}\n` : ''}`;
  const text = base?.text ?? '';
  const block = /(^|\n)\s*provider_installation\s*\{/.exec(text);
  if (!block)
    return `${head}${text}${text && !text.endsWith('\n') ? '\n' : ''}\nprovider_installation {\n${ours}  direct {\n    exclude = ${list(patterns())}\n  }\n}\n`;
  const open = block.index + block[0].length - 1;
  const close = closingBrace(text, open);
  if (close < 0)
    throw new Error(
      `cannot read the provider_installation block of ${base?.path}: unbalanced braces`,
    );
  return `${head}${text.slice(0, open + 1)}\n${ours}${excludeOurs(text.slice(open + 1, close))}${text.slice(close)}`;
}

/**
 * The user's own CLI configuration: `TF_CLI_CONFIG_FILE` (when it exists; for a file written by us, the
 * base it was made from), else `~/.terraformrc`, else `~/.tofurc`.
 */
export function userCliConfig(
  env: Readonly<Record<string, string | undefined>>,
): { path: string; text: string } | undefined {
  const home = env['HOME'] ?? homedir();
  const candidates = [
    env['TF_CLI_CONFIG_FILE'],
    join(home, '.terraformrc'),
    join(home, '.tofurc'),
  ].filter((p): p is string => Boolean(p));
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    if (text.startsWith(HEADER)) {
      const recorded = text
        .split('\n')
        .find((l) => l.startsWith(BASE_LINE))
        ?.slice(BASE_LINE.length);
      if (!recorded || !existsSync(recorded)) return undefined;
      return { path: recorded, text: readFileSync(recorded, 'utf8') };
    }
    return { path, text };
  }
  return undefined;
}

/**
 * Writes the merged configuration and returns its path: `out`, or a file named by its content under
 * `$XDG_CACHE_HOME/nautes-cdktf` (`~/.cache/nautes-cdktf`).
 */
export function writeCliConfig(
  env: Readonly<Record<string, string | undefined>>,
  out?: string,
): string {
  const text = mergeCliConfig(userCliConfig(env));
  const file =
    out ??
    join(
      env['XDG_CACHE_HOME'] ?? join(env['HOME'] ?? homedir(), '.cache'),
      'nautes-cdktf',
      `cli-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.tfrc`,
    );
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}

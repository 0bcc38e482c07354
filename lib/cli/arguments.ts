// A small argv parser: `--flag value`, `--flag=value`, boolean flags, positionals. No process access.

/** Parsed arguments of one command. */
export interface ParsedArgs {
  readonly flags: ReadonlyMap<string, string | true>;
  readonly positionals: readonly string[];
}

/** Thrown for bad usage; the CLI prints the message and the command's help. */
export class UsageError extends Error {}

/** Parses argv against the flags a command knows (`name` takes a value, `!name` is boolean). */
export function parseArgs(argv: readonly string[], known: readonly string[]): ParsedArgs {
  const takesValue = new Set(known.filter((k) => !k.startsWith('!')));
  const isBool = new Set(known.filter((k) => k.startsWith('!')).map((k) => k.slice(1)));
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq === -1 ? undefined : eq);
    if (isBool.has(name)) {
      flags.set(name, true);
    } else if (takesValue.has(name)) {
      const value = eq === -1 ? argv[++i] : a.slice(eq + 1);
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { flags, positionals };
}

/** A flag's string value, or undefined. */
export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

// What a failed app printed, told to the person who runs the plan: TypeScript's diagnostics (file:line of
// the .ts source), or the error the app threw (our construct errors carry a code and a message that names
// the construct path, the field, the value and what is allowed), never a stack trace unless asked for.

/** How much of an app's output is kept (its diagnostics come first; a runaway app is cut). */
export const MAX_APP_OUTPUT = 64 * 1024;

// tsc without a terminal: `main.ts(12,5): error TS2322: ...`; with --pretty: `main.ts:12:5 - error TS2322: ...`
const TS_DIAGNOSTIC =
  /^(\S.*?\.(?:c|m)?tsx?)(?:\((\d+),(\d+)\)|:(\d+):(\d+)) ?:? ?-? ?error (TS\d+): (.*)$/;
// Node's report of an uncaught error: `ValidationError: message`, or run-app's `error [CODE]: message`
const ERROR_LINE = /^(?:([A-Z]\w*Error)(?: \[\w+\])?|error \[(\w+)\]): (.+)$/;
// the code property of one of our errors (its issues carry codes of their own)
const CODE_PROPERTY = /^code: '(NAUTES_\w+)',?$/;
// the first frame in the user's own code (not node_modules, not node's internals)
const USER_FRAME = /^at (?:.*? \()?((?!node:)(?!.*node_modules)[^()]+?):(\d+):(\d+)\)?$/;

/** One failure of the app, as lines to show. */
export interface AppFailure {
  /** What went wrong, without stack frames: diagnostics, or the thrown error with its code. */
  readonly summary: string;
  /** The stable code of the thrown error, when it is one of ours (e.g. NAUTES_VALIDATION). */
  readonly code?: string;
}

/**
 * Reads what a failed app wrote (`output`: its stdout and stderr as they came) and says what failed.
 * `debug` keeps everything it wrote, stack traces included.
 */
export function appFailure(output: string, debug = false): AppFailure {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (debug) return { summary: lines.join('\n  ') };
  const diagnostics = lines.flatMap((l) => {
    const m = TS_DIAGNOSTIC.exec(l);
    if (!m) return [];
    return [`${m[1]}:${m[2] ?? m[4]}:${m[3] ?? m[5]}: error ${m[6]}: ${m[7]}`];
  });
  if (diagnostics.length)
    return {
      summary: `TypeScript found ${diagnostics.length} error(s):\n  ${diagnostics.join('\n  ')}`,
    };
  const errorAt = lines.findIndex((l) => ERROR_LINE.test(l));
  if (errorAt >= 0) {
    const m = ERROR_LINE.exec(lines[errorAt] as string) as RegExpExecArray;
    const code = m[2] ?? lines.map((l) => CODE_PROPERTY.exec(l)?.[1]).find(Boolean);
    const frame = lines
      .slice(errorAt + 1)
      .map((l) => USER_FRAME.exec(l))
      .find(Boolean);
    const where = frame ? ` (at ${frame[1]}:${frame[2]})` : '';
    return {
      summary: `${code ? `[${code}] ` : `${m[1]}: `}${m[3]}${code ? '' : where}`,
      ...(code ? { code } : {}),
    };
  }
  const rest = lines.filter(
    (l) => !l.startsWith('at ') && !/^Node\.js v\d/.test(l) && !/^\^+$/.test(l),
  );
  return { summary: rest.slice(0, 5).join('\n  ') || '(it printed nothing)' };
}

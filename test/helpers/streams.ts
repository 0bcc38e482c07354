import { PassThrough } from 'node:stream';
import type { CliIo } from '../../lib/cli/io';

/** A CliIo with captured stdout/stderr (not TTYs). */
export function captureIo(
  env: Readonly<Record<string, string | undefined>>,
  cwd = process.cwd(),
): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return {
    stdout,
    stderr,
    env,
    cwd,
    waitForStopSignal: () => new Promise(() => undefined),
    out: () => out,
    err: () => err,
  };
}

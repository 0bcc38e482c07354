import type { Redactor } from '../internal/redact';

/** What a command may touch of the process: streams, env and signals, injected so commands are testable. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** The node executable running the CLI (children that must run on the same node use it). @default "node" */
  readonly execPath?: string;
  /** The version of that node (`22.23.5`), for choices that depend on it. @default - unknown */
  readonly nodeVersion?: string;
  /**
   * Removes tokens from text; shared with every API client a command makes, so a token read from a file
   * is removed from the CLI's own messages too. @default - one for the tokens of `env`
   */
  readonly redactor?: Redactor;
  /** Resolves on SIGINT or SIGTERM. */
  waitForStopSignal(): Promise<void>;
  /** Registers a handler for SIGINT (an apply stops starting new changes). */
  onInterrupt?(handler: () => void): void;
}

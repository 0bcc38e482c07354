// Kratos error answers: `{code, reason, message, metadata}` with HTTP status = code (nautes-api.md section 3).

/** An answer the handler sends as a kratos error body. */
export class KratosFailure extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
  body(): { code: number; reason: string; message: string; metadata: Record<string, string> } {
    return { code: this.status, reason: this.reason, message: this.message, metadata: {} };
  }
}

/** A plain Go error: 500 with an empty reason. */
export function plain500(message: string): KratosFailure {
  return new KratosFailure(500, '', message);
}

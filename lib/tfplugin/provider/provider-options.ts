// The provider block, declared once: each attribute with its type, its description and the option of the
// API client it sets. The provider schema, the typed configuration and the client options are derived from
// this table, and an `ApiConfigError` names its attribute through it. The token is deliberately absent: it
// comes only from the environment.
import type { NautesClientOptions } from '../../api';

/** One attribute of the provider block. */
interface ProviderOptionRow {
  readonly tfName: string;
  readonly type: 'string' | 'number' | 'bool';
  readonly description: string;
  /** The client option it sets. */
  readonly clientOption: keyof NautesClientOptions;
  /** A validation of a known value: the problem, or undefined. */
  readonly problem?: (v: number) => string | undefined;
}

export const PROVIDER_OPTIONS = [
  {
    tfName: 'api_server',
    type: 'string',
    clientOption: 'apiServer',
    description: 'Base URL of the Nautes API. Default: NAUTES_API_SERVER.',
  },
  {
    tfName: 'ca_cert_file',
    type: 'string',
    clientOption: 'caCertFile',
    description: 'PEM file of a CA to trust for HTTPS. Default: NAUTES_CA_CERT.',
  },
  {
    tfName: 'timeout_seconds',
    type: 'number',
    clientOption: 'timeoutMs',
    description: 'Timeout of one API request. Default: 30.',
    problem: (v: number) => (v > 0 ? undefined : 'timeout_seconds must be greater than 0.'),
  },
  {
    tfName: 'retries',
    type: 'number',
    clientOption: 'retries',
    description: 'Retries after connection errors and 502/503/504. Default: 3.',
    problem: (v: number) =>
      Number.isInteger(v) && v >= 0 && v <= 10
        ? undefined
        : 'retries must be a whole number from 0 to 10.',
  },
  {
    tfName: 'allow_insecure_http',
    type: 'bool',
    clientOption: 'allowInsecureHttp',
    description:
      'Allow sending the token over plain HTTP to a host that is not loopback. Default: false.',
  },
] as const satisfies readonly ProviderOptionRow[];

/** One row of the provider block's table, with its literal names. */
export type ProviderOption = (typeof PROVIDER_OPTIONS)[number];

/** A provider attribute's value in the client's unit (seconds become the client's milliseconds). */
export function clientValue(o: ProviderOption, v: string | number | boolean): unknown {
  return o.clientOption === 'timeoutMs' ? Math.round(Number(v) * 1000) : v;
}

/** The provider attribute that sets a client option (to point a diagnostic at it). */
export function attributeOfClientOption(option: string): string | undefined {
  return PROVIDER_OPTIONS.find((o) => o.clientOption === option)?.tfName;
}

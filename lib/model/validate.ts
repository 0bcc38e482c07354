// Offline rules checked before anything is sent. The server checks no name format (nautes-api.md 2.3);
// Kubernetes rejects bad names only later, at deploy time, so we catch them here.
import type { Issue } from '../errors';
import type { DeploymentRuntime } from './deployment-runtime';
import { RUNTIME_FIELDS, destinationKeyOf } from './fields';

const RFC1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const GITLAB_PATH = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const MAX_LABEL = 63;
const MAX_TEXT = 1024;

/** Why `value` breaks a local format rule, or undefined when it keeps it. */
export function checkFormat(
  format: 'rfc1123-label' | 'gitlab-path',
  value: string,
): string | undefined {
  if (format === 'rfc1123-label') {
    if (value.length > MAX_LABEL)
      return `must be at most ${MAX_LABEL} characters (got ${value.length})`;
    if (!RFC1123_LABEL.test(value))
      return `${JSON.stringify(value)} is not an RFC 1123 label: use lower-case letters, digits and "-", starting and ending with a letter or digit`;
    return undefined;
  }
  if (value.length > 255) return `must be at most 255 characters (got ${value.length})`;
  if (!GITLAB_PATH.test(value))
    return `${JSON.stringify(value)} is not a GitLab path: use letters, digits, "_", "-" and ".", no "/"`;
  return undefined;
}

/** The issue of a string value that is too long or holds control characters, or undefined. */
export function textIssue(key: string, v: string): Issue | undefined {
  if (v.length > MAX_TEXT)
    return {
      path: [key],
      code: 'too_long',
      message: `${key} must be at most ${MAX_TEXT} characters (got ${v.length})`,
    };
  if (/[\u0000-\u001f]/.test(v))
    return {
      path: [key],
      code: 'invalid_string',
      message: `${key} must not contain control characters`,
    };
  return undefined;
}

/**
 * Why a product or runtime name cannot be one URL path segment of the real server (its router decodes the
 * path, cleans "." and ".." away and splits at "/", nautes-api.md 11.2), or undefined when it can.
 */
export function pathSegmentProblem(value: string): string | undefined {
  if (value === '') return 'it is empty';
  if (value === '.' || value === '..') return 'the server cleans "." and ".." out of the path';
  if (value.includes('/')) return 'it contains "/", which splits the path';
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'it contains a control character';
  return undefined;
}

/** Checks one runtime against the local rules; returns every issue found (empty when valid). */
export function validateRuntime(r: Partial<Record<keyof DeploymentRuntime, unknown>>): Issue[] {
  const issues: Issue[] = [];
  for (const f of RUNTIME_FIELDS) {
    const v = r[f.key];
    if (f.type === 'string') {
      if (v === undefined || v === '') {
        if (f.required && f.default === undefined)
          issues.push({
            path: [f.key],
            code: 'required',
            message: `${f.key} is required and must not be empty`,
          });
        continue;
      }
      if (typeof v !== 'string') {
        issues.push({ path: [f.key], code: 'invalid_type', message: `${f.key} must be a string` });
        continue;
      }
      const text = textIssue(f.key, v);
      if (text) issues.push(text);
      else if (f.format) {
        const m = checkFormat(f.format, v);
        if (m) issues.push({ path: [f.key], code: 'invalid_format', message: `${f.key} ${m}` });
      }
    } else {
      if (v === undefined) continue;
      if (!Array.isArray(v)) {
        issues.push({
          path: [f.key],
          code: 'invalid_type',
          message: `${f.key} must be a list of strings`,
        });
        continue;
      }
      v.forEach((item: unknown, i: number) => {
        if (typeof item === 'string' && f.compareAs === 'set' && v.indexOf(item) < i) {
          // a set: a repeated entry is a mistake to report, not one to merge in silence
          issues.push({
            path: [f.key, i],
            code: 'duplicate',
            message: `${f.key}[${i}] ${JSON.stringify(item)} is listed twice`,
          });
        } else if (typeof item !== 'string' || item === '') {
          issues.push({
            path: [f.key, i],
            code: 'invalid_type',
            message: `${f.key}[${i}] must be a non-empty string`,
          });
        } else if (f.format) {
          const m = checkFormat(f.format, item);
          if (m)
            issues.push({
              path: [f.key, i],
              code: 'invalid_format',
              message: `${f.key}[${i}] ${m}`,
            });
        } else if (item.length > MAX_TEXT) {
          issues.push({
            path: [f.key, i],
            code: 'too_long',
            message: `${f.key}[${i}] must be at most ${MAX_TEXT} characters`,
          });
        }
      });
    }
  }
  return issues;
}

/**
 * Finds declarations that the server's duplicate rule (nautes-api.md 2.2 e) would reject: two runtimes of one
 * product with the same environment, code repo, revision and path.
 */
export function findDuplicateDestinations(
  runtimes: readonly DeploymentRuntime[],
): Array<[DeploymentRuntime, DeploymentRuntime]> {
  const seen = new Map<string, DeploymentRuntime>();
  const dups: Array<[DeploymentRuntime, DeploymentRuntime]> = [];
  for (const r of runtimes) {
    const key = destinationKeyOf(r) as string;
    const prev = seen.get(key);
    if (prev) dups.push([prev, r]);
    else seen.set(key, r);
  }
  return dups;
}

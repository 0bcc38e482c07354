// Comparing a dotted version string (`22.23.5`, `v1.12.0-beta1`) with a major.minor minimum.

/** True for a version at or after `since` = [major, minor]; false for text that is no version. */
export function versionAtLeast(version: string, since: readonly [number, number]): boolean {
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major > since[0] || (major === since[0] && minor >= since[1]);
}

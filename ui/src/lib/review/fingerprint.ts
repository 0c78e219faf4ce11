// A key's fingerprint grouped in fours for reading aloud, as the core and the CLI show it.
export function groupedFingerprint(fingerprint: string): string {
  return fingerprint.match(/.{1,4}/g)?.join(" ") ?? fingerprint;
}

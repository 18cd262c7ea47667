// Secrets never appear in output: this is the one place that turns a secret into a safe label.

/** `'P@…' (12 chars)`: the first two characters and the length, never more. */
export function mask(secret: string): string {
  const chars = [...secret];
  const head = chars.length > 6 ? chars.slice(0, 2).join('') : '';
  return `'${head}…' (${chars.length} chars)`;
}

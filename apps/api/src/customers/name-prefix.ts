/**
 * The range of names that start with `prefix`, in code-point order (customers.name is
 * `COLLATE "C"`, migration 0017): every such name is ≥ `prefix` and < `below`, and no other name
 * is. `below` is `prefix` with its last code point raised by one ("김민준" → "김민줁"), the bound
 * PostgreSQL's own `starts_with` index support computes. Trailing U+10FFFF has no successor and
 * is dropped first; a prefix of nothing but U+10FFFF has no upper bound.
 */
export function namePrefixRange(prefix: string): { from: string; below: string | undefined } {
  const codePoints = [...prefix].map((c) => c.codePointAt(0)!);
  while (codePoints.at(-1) === 0x10ffff) codePoints.pop();
  const last = codePoints.pop();
  if (last === undefined) return { from: prefix, below: undefined };
  const next = last + 1 === 0xd800 ? 0xe000 : last + 1; // surrogates are not characters
  return { from: prefix, below: String.fromCodePoint(...codePoints, next) };
}

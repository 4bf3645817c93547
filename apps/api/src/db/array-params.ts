/**
 * Array parameters as PostgreSQL's array text (`{1,2,3}`), for `${…}::int[]` and the like: one
 * parameter per column of a batch, whatever its length, so a batch's statement stays one prepared
 * shape on PostgreSQL and on PGlite alike (a JS array would be expanded into one parameter per
 * value). Integers, booleans and ISO dates need no quoting and are checked; text is quoted.
 */
export function intList(values: readonly number[]): string {
  for (const v of values) if (!Number.isSafeInteger(v)) throw new TypeError(`not an integer: ${v}`);
  return `{${values.join(",")}}`;
}

export function boolList(values: readonly boolean[]): string {
  return `{${values.map((v) => (v ? "t" : "f")).join(",")}}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function dateList(values: readonly string[]): string {
  for (const v of values) if (!ISO_DATE.test(v)) throw new TypeError(`not an ISO date: ${v}`);
  return `{${values.join(",")}}`;
}

/**
 * Text values (or NULL), each in double quotes with `"` and `\` escaped by a backslash, as the
 * array input syntax documents (PostgreSQL manual, 8.15.6).
 */
export function textList(values: readonly (string | null)[]): string {
  return `{${values.map(quoted).join(",")}}`;
}

const quoted = (v: string | null) => {
  if (v === null) return "NULL";
  return v.includes('"') || v.includes("\\") ? `"${v.replace(/["\\]/g, "\\$&")}"` : `"${v}"`;
};

import fc from "fast-check";
import { StaffClient } from "./client.js";
import {
  changedTables,
  demoIdOf,
  fingerprint,
  mdTable,
  openApiRoutes,
  type SectionResult,
  type SuiteContext,
  TABLE_OF,
} from "./suite.js";

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
  format?: string;
  const?: unknown;
};

/** Strings a hostile client sends: NUL, broken Unicode, huge, odd encodings, dates out of range. */
const HOSTILE_STRING = fc.constantFrom(
  "ab\u0000cd",
  "\ud800",
  "%E0%A4%A",
  "9999-12-31",
  "0000-00-00",
  "1e309",
  "'; drop table customers; --",
  "가".repeat(5_000),
  "\u202e\u200b",
  "010-0000-0000\n",
  "",
  " ",
);
const HOSTILE_NUMBER = fc.constantFrom(
  1e308,
  -1e308,
  2 ** 53 + 1,
  -1,
  0,
  0.5,
  Number.MAX_SAFE_INTEGER,
  2_147_483_648,
);

/** A body for `schema`, from values it allows and values that break it, mixed. */
function arbitraryOf(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.anything({ maxDepth: 1 });
  if (schema.const !== undefined) return fc.oneof(fc.constant(schema.const), HOSTILE_STRING);
  if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum), HOSTILE_STRING);
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return fc.oneof(...options.map((s) => arbitraryOf(s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return fc.oneof(
        {
          weight: 3,
          arbitrary:
            schema.format === "date"
              ? fc.constantFrom("2026-11-23", "2026-02-30")
              : fc.string({ maxLength: 40 }),
        },
        { weight: 2, arbitrary: HOSTILE_STRING },
        { weight: 1, arbitrary: fc.integer() },
      );
    case "integer":
    case "number":
      return fc.oneof(
        {
          weight: 3,
          arbitrary: fc.integer({
            min: schema.minimum ?? -10,
            max: Math.min(schema.maximum ?? 100_000, 100_000),
          }),
        },
        { weight: 2, arbitrary: HOSTILE_NUMBER },
        { weight: 1, arbitrary: HOSTILE_STRING },
      );
    case "boolean":
      return fc.oneof(fc.boolean(), fc.constantFrom("true", 1, null));
    case "array":
      return fc.oneof(fc.array(arbitraryOf(schema.items, depth + 1), { maxLength: 4 }), HOSTILE_STRING);
    case "object": {
      const entries = Object.entries(schema.properties ?? {}).map(
        ([k, s]) => [k, arbitraryOf(s, depth + 1)] as const,
      );
      return fc.record(Object.fromEntries(entries), { requiredKeys: [] });
    }
    default:
      return fc.anything({ maxDepth: 1 });
  }
}

/**
 * Property-based fuzzing of every endpoint that takes a body, from its OpenAPI schema
 * (fast-check), plus the hostile cases of issue 14 on each: NUL, a malformed percent-encoding,
 * gzip/br labels on a plain body, 9999-12-31. Properties: never a 5xx; a refused request (4xx)
 * changes no row. As the partner's owner (the widest rights) and, for public routes, anonymous.
 */
export async function fuzzEndpoints(ctx: SuiteContext): Promise<SectionResult> {
  const perRoute = ctx.smoke ? 1 : 25;
  const routes = (await openApiRoutes(ctx.api.baseUrl)).filter((r) => r.method !== "GET");
  const ids: Record<string, number | undefined> = {};
  for (const [segment, table] of Object.entries(TABLE_OF)) ids[segment] = await demoIdOf(ctx.db, table);
  const owner = ctx.staff["owner@demo.kr"]!;
  const anonymous = new StaffClient(ctx.api.baseUrl, "anonymous");
  const failures: string[] = [];
  const rows: (string | number)[][] = [];
  let total = 0;
  // Requests of the section before (the mixed load's settings saves, queued on the partner's row
  // lock) may still be finishing: start once the database has been still for two seconds.
  for (let quiet = 0, last = ""; quiet < 2 && total === 0; ) {
    const now = await fingerprint(ctx.db);
    quiet = now === last ? quiet + 1 : 0;
    last = now;
    if (quiet < 2) await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  for (const route of routes) {
    const segment = route.path.split("/")[2] ?? "";
    const path = route.path
      .replace("{id}", String(ids[segment] ?? 1))
      .replace("{slug}", "demo")
      .replace("{token}", "A".repeat(43));
    const client = route.needsLogin ? owner : anonymous;
    const bodies = fc.sample(arbitraryOf(route.bodySchema as Schema), { numRuns: perRoute, seed: 14 });
    const hostile: { body: unknown; headers?: Record<string, string>; path?: string }[] = [
      { body: { name: "ab\u0000cd", reason: "x\u0000", date: "2026-11-23" } },
      { body: { date: "9999-12-31", birthDate: "9999-12-31", scheduledOn: "9999-12-31" } },
      { body: '{"name":"plain"}', headers: { "content-encoding": "gzip" } },
      { body: '{"name":"plain"}', headers: { "content-encoding": "br" } },
      { body: {}, path: path.replace(/\/\d+(\/|$)/, "/%E0%A4%A$1") },
    ];
    const cases = [...bodies.map((body) => ({ body })), ...(ctx.smoke ? hostile.slice(0, 3) : hostile)] as {
      body: unknown;
      headers?: Record<string, string>;
      path?: string;
    }[];
    const seen = new Map<number, number>();
    // Full run: the database's fingerprint around every request. Smoke: around the route's
    // requests together, judged when all of them were refused.
    const routeBefore = await fingerprint(ctx.db);
    for (const c of cases) {
      const before = ctx.smoke ? "" : await fingerprint(ctx.db);
      const res = await client.request(route.method, c.path ?? path, c.body, c.headers);
      total++;
      seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
      if (res.status >= 500)
        failures.push(
          `${route.method} ${route.path} → ${res.status} for ${JSON.stringify(c.body).slice(0, 120)}`,
        );
      else if (!ctx.smoke && res.status >= 400) {
        const after = await fingerprint(ctx.db);
        if (after !== before)
          failures.push(
            `${route.method} ${route.path} → ${res.status} yet changed ${changedTables(before, after).join(", ")}`,
          );
      }
    }
    const allRefused = [...seen.keys()].every((s) => s >= 400);
    const routeAfter = ctx.smoke && allRefused ? await fingerprint(ctx.db) : routeBefore;
    if (routeAfter !== routeBefore)
      failures.push(
        `${route.method} ${route.path}: refused requests changed ${changedTables(routeBefore, routeAfter).join(", ")}`,
      );
    rows.push([
      `${route.method} ${route.path}`,
      cases.length,
      [...seen.entries()]
        .sort()
        .map(([s, n]) => `${s}×${n}`)
        .join(" "),
    ]);
  }
  const fiveHundreds = failures.filter((f) => /→ 5\d\d/.test(f)).length;
  return {
    name: "Property-based fuzzing of every endpoint",
    report: [
      `${routes.length} endpoints that take a body, ${perRoute} generated bodies each (fast-check, from the OpenAPI schema, seed 14) plus 5 hostile cases: **${total} requests, ${fiveHundreds} × 5xx, ${failures.length - fiveHundreds} refused requests that changed a row.**`,
      "",
      mdTable(["endpoint", "requests", "statuses"], rows),
    ].join("\n"),
    figures: { requests: total, endpoints: routes.length, fiveHundreds },
    failures,
  };
}

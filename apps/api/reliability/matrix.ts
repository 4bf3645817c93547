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

/**
 * Route × role × tenant, generated from the route table (the OpenAPI document): every route is
 * asked by every role of 데모렌탈 (reads only: writes are the fuzzing's) and, reads and writes,
 * by 바른케어's owner with 데모렌탈's ids. A 2xx to the other tenant, or a row of 데모렌탈 in its
 * lists, is a leak; any 5xx is a failure; the other tenant's refused writes change no row.
 */
export async function routeMatrix(ctx: SuiteContext): Promise<SectionResult> {
  const routes = (await openApiRoutes(ctx.api.baseUrl)).filter((r) => r.needsLogin);
  const ids: Record<string, number | undefined> = {};
  for (const [segment, table] of Object.entries(TABLE_OF)) ids[segment] = await demoIdOf(ctx.db, table);
  const fill = (path: string) => {
    const segment = path.split("/")[2] ?? "";
    const id = ids[segment];
    return id === undefined ? undefined : path.replace("{id}", String(id)).replace(/\{\w+\}/g, "x");
  };
  const failures: string[] = [];
  let requests = 0;
  let leaks = 0;
  const statusCounts = new Map<number, number>();
  const other = ctx.staff["owner@barun.kr"]!;
  let before = "";
  const ordered = [...routes.filter((r) => r.method === "GET"), ...routes.filter((r) => r.method !== "GET")];
  for (const route of ordered) {
    // Reads of its own tenant may write (a PDF made on first view); the other tenant's writes may not.
    if (route.method !== "GET" && before === "") before = await settledFingerprint(ctx);
    const url = route.path.includes("{") ? fill(route.path) : route.path;
    if (!url) continue;
    if (route.method === "GET") {
      for (const [email, client] of Object.entries(ctx.staff)) {
        const res = await client.get(url);
        requests++;
        statusCounts.set(res.status, (statusCounts.get(res.status) ?? 0) + 1);
        if (res.status >= 500) failures.push(`${email} GET ${url} → ${res.status}`);
        if (email === "owner@barun.kr" && route.path.includes("{id}") && res.status < 300) {
          leaks++;
          failures.push(`leak: 바른케어 read ${url} → ${res.status}`);
        }
        if (email === "owner@barun.kr" && Array.isArray(res.body)) {
          const foreign = (res.body as { partnerId?: number }[]).filter((row) => row.partnerId === 1);
          if (foreign.length > 0) {
            leaks++;
            failures.push(`leak: 바른케어 list ${url} shows ${foreign.length} of 데모렌탈's rows`);
          }
        }
      }
    } else if (route.path.includes("{id}")) {
      const res = await other.request(route.method, url, {});
      requests++;
      statusCounts.set(res.status, (statusCounts.get(res.status) ?? 0) + 1);
      if (res.status < 300) {
        leaks++;
        failures.push(`leak: 바른케어 ${route.method} ${url} → ${res.status}`);
      }
      if (res.status >= 500) failures.push(`바른케어 ${route.method} ${url} → ${res.status}`);
    }
  }
  const after = await fingerprint(ctx.db);
  const changed = after !== before;
  if (changed)
    failures.push(
      `the other tenant's refused writes changed rows of ${changedTables(before, after).join(", ")}`,
    );
  const statuses = [...statusCounts.entries()].sort((a, b) => a[0] - b[0]);
  return {
    name: "Route × role × tenant matrix",
    report: [
      `${routes.length} routes from the OpenAPI document × ${Object.keys(ctx.staff).length} signed-in staff (7 roles, two partners): **${requests} requests, ${leaks} leaks, ${statuses.filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0)} × 5xx**; the other tenant's refused writes changed ${changed ? "ROWS" : "no row"}.`,
      "",
      mdTable(
        ["status", "requests"],
        statuses.map(([s, c]) => [s, c]),
      ),
    ].join("\n"),
    figures: { requests, leaks, routes: routes.length },
    failures,
  };
}

/**
 * The fingerprint once the reads' own after-work has settled (a document made on first view
 * finishing on a slow machine): two readings half a second apart agree, or ten seconds pass.
 */
async function settledFingerprint(ctx: SuiteContext): Promise<string> {
  let last = await fingerprint(ctx.db);
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const next = await fingerprint(ctx.db);
    if (next === last) return next;
    last = next;
  }
  return last;
}

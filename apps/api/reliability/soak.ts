import autocannon from "autocannon";
import { mdTable, round, type SectionResult, type SuiteContext } from "./suite.js";

/**
 * Mixed load at 64 connections (the smoke: 16 for 15 s): staff lists, searches by name and by
 * phone digits, records, contract schedules, and a settings save, for five minutes. Every
 * answer must be expected (2xx; 429 only from the per-user bound), and the API's resident memory
 * must stay flat (sampled every 5 s; the last minute against the first after warm-up).
 */
export async function mixedLoad(ctx: SuiteContext): Promise<SectionResult> {
  const seconds = ctx.smoke ? 8 : 300;
  const connections = ctx.smoke ? 16 : 64;
  const manager = ctx.staff["manager@demo.kr"]!.cookie;
  const cs = ctx.staff["cs@demo.kr"]!.cookie;
  const owner = ctx.staff["owner@demo.kr"]!.cookie;
  const get = (path: string, cookie: string) => ({ method: "GET" as const, path, headers: { cookie } });
  const list = (q?: string) =>
    `/api/customers?${new URLSearchParams({ sort: '["name","ASC"]', range: "[0,24]", filter: JSON.stringify(q ? { q } : {}) })}`;
  const requests = [
    get(list(), manager),
    get(list("김"), cs),
    get(list("5678"), cs),
    get("/api/customers/1", cs),
    get("/api/contracts", manager),
    get("/api/contracts/1/schedule", manager),
    get("/api/invoices", manager),
    get("/api/products", cs),
    {
      method: "PUT" as const,
      path: "/api/partners/1",
      headers: { cookie: owner, "content-type": "application/json", origin: ctx.api.baseUrl },
      body: JSON.stringify({ settings: { notifications: { email: true } } }),
    },
  ];
  const memory: number[] = [];
  const sampler = setInterval(() => memory.push(ctx.api.rssMb()), 5_000);
  const statuses = new Map<number, number>();
  const instance = autocannon({ url: ctx.api.baseUrl, connections, duration: seconds, requests });
  instance.on("response", (_client: unknown, status: number) =>
    statuses.set(status, (statuses.get(status) ?? 0) + 1),
  );
  const result = await instance;
  clearInterval(sampler);
  const failures: string[] = [];
  const unexpected = [...statuses.entries()]
    .filter(([s]) => s >= 300 && s !== 429)
    .reduce((n, [, c]) => n + c, 0);
  if (unexpected > 0 || result.errors > 0 || result.timeouts > 0)
    failures.push(`${unexpected} unexpected statuses, ${result.errors} errors, ${result.timeouts} timeouts`);
  const warm = memory.slice(2, Math.max(3, Math.ceil(memory.length / 5)));
  const last = memory.slice(-Math.max(1, Math.ceil(memory.length / 5)));
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const growth = mean(warm) > 0 ? round(((mean(last) - mean(warm)) / mean(warm)) * 100) : 0;
  if (!ctx.smoke && growth > 25) failures.push(`resident memory grew ${growth} % from warm-up to the end`);
  return {
    name: `Mixed load, ${connections} connections, ${seconds} s`,
    report: [
      `**${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms; ${unexpected} unexpected answers, ${result.errors} errors; resident memory ${memory[0] ?? "-"} → ${memory.at(-1) ?? "-"} MB (max ${Math.max(0, ...memory)} MB, ${growth} % from warm-up to the end).**`,
      "",
      mdTable(
        ["status", "responses"],
        [...statuses.entries()].sort().map(([s, n]) => [s, n]),
      ),
    ].join("\n"),
    figures: {
      reqPerSec: Math.round(result.requests.average),
      p97_5Ms: result.latency.p97_5,
      p99Ms: result.latency.p99,
      unexpected,
      memoryStartMb: memory[0] ?? 0,
      memoryEndMb: memory.at(-1) ?? 0,
      memoryGrowthPercent: growth,
    },
    failures,
  };
}

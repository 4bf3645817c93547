import { HttpResponse } from "msw";
import type { Me } from "../authProvider";
import { demoRows } from "./fixtures";

/**
 * The API as the admin sees it (SPEC §5, ra-data-simple-rest's contract), kept in memory.
 * Tests read `mockApi.requests` to assert what the admin actually sent.
 */
export const mockApi = {
  session: null as Me | null,
  rows: demoRows(),
  requests: [] as { method: string; url: URL; body?: unknown }[],
  /** The last report download asked for: file name and query (filter, period, language). */
  lastReport: null as { file: string; query: Record<string, string> } | null,
  reset() {
    this.session = null;
    this.rows = demoRows();
    this.requests = [];
    this.lastReport = null;
  },
  /** The `filter` query parameter of every list request made for `resource`. */
  listFilters(resource: string): Record<string, unknown>[] {
    return this.requests
      .filter(
        (r) =>
          r.method === "GET" && r.url.pathname === `/api/${resource}` && r.url.searchParams.has("filter"),
      )
      .map((r) => JSON.parse(r.url.searchParams.get("filter") ?? "{}") as Record<string, unknown>);
  },
};

export const error = (status: number, code: string, message: string, errors?: Record<string, string>) =>
  HttpResponse.json(errors ? { code, message, errors } : { code, message }, { status });

export const unauthorized = () => error(401, "unauthorized", "Please log in");

import { type AssetStatus, assetTransitions, maskPhone, normalizePhone } from "@ssp/domain";
import { HttpResponse, http } from "msw";
import { API_URL } from "../api-url";
import { financeHandlers } from "./finance-handlers";
import { DEMO_PASSWORD, demoUsers, type MockRecord } from "./fixtures";
import { funnelHandlers } from "./funnel-handlers";
import { metricsHandlers } from "./metrics-handlers";
import { error, mockApi, unauthorized } from "./mock-api";

export { mockApi };

function matches(row: MockRecord, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, wanted]) => {
    if (wanted === undefined || wanted === "") return true;
    // The credit review queue: checks in review that nobody decided yet.
    if (key === "pending") return (row.outcome === "review" && !row.decision) === Boolean(wanted);
    if (key === "q") {
      const q = String(wanted).toLowerCase();
      return Object.values(row).some((v) => typeof v === "string" && v.toLowerCase().includes(q));
    }
    const value = row[key];
    if (Array.isArray(wanted)) return wanted.map(String).includes(String(value));
    if (Array.isArray(value)) return value.includes(wanted);
    return String(value) === String(wanted);
  });
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a ?? "").localeCompare(String(b ?? ""));
}

function toJson(resource: string, row: MockRecord, view: "list" | "one"): MockRecord {
  if (resource === "customers" && view === "list" && typeof row.phone === "string") {
    return { ...row, phone: maskPhone(row.phone) };
  }
  return row;
}

function validateCustomer(body: Record<string, unknown>): Record<string, string> | undefined {
  const errors: Record<string, string> = {};
  if (typeof body.name !== "string" || !body.name.trim()) errors.name = "Required";
  if (typeof body.phone !== "string" || !normalizePhone(body.phone)) {
    errors.phone = "Enter a Korean phone number, e.g. 010-1234-5678";
  }
  // As the API: alimtalk or email, null for the partner's default, absent for unchanged.
  if (![undefined, null, "alimtalk", "email"].includes(body.preferredChannel as string)) {
    errors.preferredChannel = "Invalid option";
  }
  return Object.keys(errors).length ? errors : undefined;
}

function normalizeConsents(body: Record<string, unknown>, now: string) {
  const consents = body.consents as Record<string, unknown> | undefined;
  if (!consents) return undefined;
  return Object.fromEntries(
    Object.entries(consents).map(([k, v]) => [k, v === true ? now : typeof v === "string" ? v : null]),
  );
}

const resource = (params: Record<string, string | readonly string[] | undefined>) => String(params.resource);

export const handlers = [
  http.all(`${API_URL}/*`, async ({ request }) => {
    const body = ["POST", "PUT"].includes(request.method)
      ? await request
          .clone()
          .json()
          .catch(() => undefined)
      : undefined;
    mockApi.requests.push({ method: request.method, url: new URL(request.url), body });
    // Falls through to the matching handler below.
    return undefined;
  }),

  http.get(`${API_URL}/health`, () => HttpResponse.json({ ok: true, database: "mock" })),

  http.post(`${API_URL}/auth/login`, async ({ request }) => {
    const { email, password } = (await request.json()) as { email?: string; password?: string };
    const user = demoUsers.find((u) => u.email === email);
    if (!user || password !== DEMO_PASSWORD) {
      return error(401, "invalid_credentials", "E-mail or password is incorrect");
    }
    mockApi.session = user;
    return HttpResponse.json(user);
  }),
  http.post(`${API_URL}/auth/logout`, () => {
    mockApi.session = null;
    return HttpResponse.json({ ok: true });
  }),
  http.get(`${API_URL}/auth/me`, () =>
    mockApi.session ? HttpResponse.json(mockApi.session) : unauthorized(),
  ),

  http.post(`${API_URL}/assets/:id/transition`, async ({ params, request }) => {
    if (!mockApi.session) return unauthorized();
    const asset = mockApi.rows.assets?.find((a) => String(a.id) === params.id);
    if (!asset) return error(404, "not_found", "Asset not found");
    const { to, note } = (await request.json()) as { to: AssetStatus; note?: string };
    const from = asset.status as AssetStatus;
    if (!assetTransitions(from, "staff").includes(to)) {
      return error(409, "illegal_transition", `An asset cannot go from ${from} to ${to} by hand`);
    }
    asset.status = to;
    const events = mockApi.rows["asset-events"] ?? [];
    events.push({
      id: events.length + 1,
      assetId: asset.id,
      fromStatus: from,
      toStatus: to,
      at: new Date().toISOString(),
      contractId: null,
      userId: mockApi.session.id,
      userName: mockApi.session.fullName,
      note: note ?? null,
    });
    return HttpResponse.json(asset);
  }),

  ...funnelHandlers,
  ...financeHandlers,
  ...metricsHandlers,

  http.get(`${API_URL}/:resource`, ({ params, request }) => {
    if (!mockApi.session) return unauthorized();
    const name = resource(params);
    const rows = mockApi.rows[name];
    if (!rows) return error(404, "not_found", "No such endpoint");
    const url = new URL(request.url);
    const filter = JSON.parse(url.searchParams.get("filter") ?? "{}") as Record<string, unknown>;
    const [field, order] = JSON.parse(url.searchParams.get("sort") ?? '["id","ASC"]') as [string, string];
    const [start, end] = JSON.parse(url.searchParams.get("range") ?? "[0,24]") as [number, number];
    const found = rows
      .filter((r) => matches(r, filter))
      .sort((a, b) => compare(a[field], b[field]) * (order === "DESC" ? -1 : 1));
    const page = found.slice(start, end + 1);
    const last = page.length ? start + page.length - 1 : start;
    return HttpResponse.json(
      page.map((r) => toJson(name, r, "list")),
      { headers: { "Content-Range": `${name} ${start}-${last}/${found.length}` } },
    );
  }),

  http.get(`${API_URL}/:resource/:id`, ({ params }) => {
    if (!mockApi.session) return unauthorized();
    const row = mockApi.rows[resource(params)]?.find((r) => String(r.id) === params.id);
    return row
      ? HttpResponse.json(toJson(resource(params), row, "one"))
      : error(404, "not_found", "Not found");
  }),

  http.post(`${API_URL}/:resource`, async ({ params, request }) => {
    if (!mockApi.session) return unauthorized();
    const name = resource(params);
    const rows = mockApi.rows[name];
    if (!rows) return error(404, "not_found", "No such endpoint");
    const body = (await request.json()) as Record<string, unknown>;
    const now = new Date().toISOString();
    if (name === "customers") {
      const errors = validateCustomer(body);
      if (errors) return error(400, "validation_failed", "Some fields are invalid", errors);
      body.phone = normalizePhone(String(body.phone));
      body.consents = normalizeConsents(body, now) ?? { privacy: null, creditInquiry: null, marketing: null };
    }
    if (name === "orders") Object.assign(body, { status: "received", contractId: null, source: "staff" });
    const row: MockRecord = { ...body, id: Math.max(0, ...rows.map((r) => r.id)) + 1, createdAt: now };
    rows.push(row);
    return HttpResponse.json(row, { status: 201 });
  }),

  http.put(`${API_URL}/:resource/:id`, async ({ params, request }) => {
    if (!mockApi.session) return unauthorized();
    const name = resource(params);
    const row = mockApi.rows[name]?.find((r) => String(r.id) === params.id);
    if (!row) return error(404, "not_found", "Not found");
    const body = (await request.json()) as Record<string, unknown>;
    if (name === "customers") {
      const errors = validateCustomer(body);
      if (errors) return error(400, "validation_failed", "Some fields are invalid", errors);
      body.consents = normalizeConsents(body, new Date().toISOString());
    }
    Object.assign(row, body, { id: row.id });
    if (name === "plans") row.version = Number(row.version ?? 1) + 1;
    return HttpResponse.json(row);
  }),

  http.delete(`${API_URL}/:resource/:id`, ({ params }) => {
    if (!mockApi.session) return unauthorized();
    const rows = mockApi.rows[resource(params)];
    const index = rows?.findIndex((r) => String(r.id) === params.id) ?? -1;
    if (!rows || index < 0) return error(404, "not_found", "Not found");
    const [deleted] = rows.splice(index, 1);
    return HttpResponse.json(deleted);
  }),
];

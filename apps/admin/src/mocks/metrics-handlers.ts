import { dashboardSections, isRole, ratio } from "@ssp/domain";
import { HttpResponse, http } from "msw";
import { API_URL } from "../api-url";
import { mockApi, unauthorized } from "./mock-api";

/**
 * The dashboard and report downloads as the API answers them: a role sees only its sections
 * (the domain's `dashboardSections`), twelve months ending with `to` (default 2026-11), each a
 * fixed, recognisable set of figures (month n: MRR n × 1,000,000 won, …).
 */
const TODAY = "2026-11-23";

function month(n: number, label: string) {
  return {
    month: label,
    from: `${label}-01`,
    to: `${label}-28`,
    closed: label < TODAY.slice(0, 7),
    mrr: n * 1_000_000,
    billed: n * 1_100_000,
    collected: n * 1_000_000,
    collectionRate: ratio(n * 1_000_000, n * 1_100_000),
    aging: { notDue: 0, "1-30": n * 10_000, "31-60": n * 5_000, "61-90": 0, "90+": n * 1_000 },
    activeContracts: n * 10,
    newContracts: n,
    endedContracts: 1,
    churnRate: ratio(1, n * 10),
    utilization: ratio(n, 20),
    approvalRate: ratio(3, 4),
  };
}

const MONEY = ["mrr", "billed", "collected", "collectionRate", "aging"];
const CONTRACTS = ["activeContracts", "newContracts", "endedContracts", "churnRate"];

export const metricsHandlers = [
  http.get(`${API_URL}/metrics/dashboard`, ({ request }) => {
    const session = mockApi.session;
    if (!session || !isRole(session.role)) return unauthorized();
    const to = new URL(request.url).searchParams.get("to") ?? TODAY.slice(0, 7);
    const [y, m] = to.split("-").map(Number) as [number, number];
    const sections = dashboardSections(session.role);
    const keep = [
      ...(sections.includes("money") ? MONEY : []),
      ...(sections.includes("contracts") ? CONTRACTS : []),
      ...(sections.includes("assets") ? ["utilization"] : []),
      ...(sections.includes("funnel") ? ["approvalRate"] : []),
    ];
    const months = Array.from({ length: 12 }, (_, i) => {
      const d = new Date(Date.UTC(y, m - 12 + i, 1));
      const full = month(i + 1, d.toISOString().slice(0, 7)) as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(full).filter(([k]) => ["month", "from", "to", "closed", ...keep].includes(k)),
      );
    });
    return HttpResponse.json({
      today: TODAY,
      sections,
      months,
      ...(sections.includes("queues") ? { queues: { received: 2, credit_review: 1 } } : {}),
      ...(sections.includes("myWork") ? { myWork: { today: 1, upcoming: 3, installed: 4 } } : {}),
    });
  }),

  http.get(`${API_URL}/reports/:file`, ({ params, request }) => {
    const session = mockApi.session;
    if (!session) return unauthorized();
    if (!["owner", "finance"].includes(session.role))
      return HttpResponse.json({ code: "forbidden", message: "Your role may not do this" }, { status: 403 });
    const url = new URL(request.url);
    mockApi.lastReport = { file: String(params.file), query: Object.fromEntries(url.searchParams) };
    if (url.searchParams.get("from")! > url.searchParams.get("to")!)
      return HttpResponse.json(
        {
          code: "validation_failed",
          message: "Some fields are invalid",
          errors: { to: "The period ends before it starts" },
        },
        { status: 400 },
      );
    return new HttpResponse("\uFEFF청구번호,합계\nINV-1,29900\n", {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${params.file}"; filename*=UTF-8''${encodeURIComponent("청구 내역.csv")}`,
      },
    });
  }),

  http.get(`${API_URL}/data-export.zip`, () => {
    const session = mockApi.session;
    if (!session) return unauthorized();
    if (session.role !== "owner")
      return HttpResponse.json({ code: "forbidden", message: "Your role may not do this" }, { status: 403 });
    mockApi.lastReport = { file: "data-export.zip", query: {} };
    return new HttpResponse(new Uint8Array([0x50, 0x4b, 0x05, 0x06]), {
      headers: {
        "content-type": "application/zip",
        "content-disposition": 'attachment; filename="ssp-demo.zip"',
      },
    });
  }),
];

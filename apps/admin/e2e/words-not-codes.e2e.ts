import { join } from "node:path";
import { renderText, SERVER_TEXT_KEYS, type ServerText } from "@ssp/domain";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { koMessages } from "../src/i18n/ko";
import { type RunningApi, startApi } from "./api-server";
import { ARTIFACTS, launchChromium } from "./chromium";
import { signIn } from "./sign-in";

/**
 * Issue 15: what a Korean staff member sees is Korean — labels, not enum values; names, not
 * ids; never an i18n key. Each role walks its main lists and a record of each, on the demo data.
 */
interface Walk {
  email: string;
  /** Records the demo data lacks, made through the API before the walk. */
  prepare?: (page: Page) => Promise<void>;
  lists: string[];
  shows: string[];
  /** Then, switched to English from the app bar, these. */
  english?: { lists: string[]; shows: string[] };
}

const ROLES: Walk[] = [
  {
    email: "manager@demo.kr",
    prepare: async (page) => {
      const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Seoul" });
      const [tech] = await call<{ id: number }[]>(page, `/technicians?date=${today}`);
      const [contract] = await call<{ id: number }[]>(
        page,
        `/contracts?filter={"status":"active"}&range=[0,0]`,
      );
      await call(page, "/service-visits", {
        contractId: contract!.id,
        scheduledOn: today,
        technicianId: tech!.id,
      });
    },
    lists: [
      "",
      "orders",
      "contracts",
      "deliveries",
      "service-visits",
      "tasks",
      "notifications",
      "asset-events",
    ],
    shows: [
      "orders",
      "contracts",
      "deliveries",
      "notifications",
      "credit-checks",
      "assets",
      "service-visits",
    ],
  },
  {
    email: "cs@demo.kr",
    prepare: async (page) => {
      const [customer] = await call<{ id: number }[]>(page, "/customers?range=[0,0]");
      await call(page, "/tickets", {
        type: "inquiry",
        subject: "요금 문의",
        body: "청구일 문의",
        customerId: customer!.id,
      });
    },
    lists: ["tickets", "customers", "tasks"],
    shows: ["tickets", "customers"],
    english: { lists: ["tickets", "orders", "contracts"], shows: ["orders", "contracts"] },
  },
  {
    email: "tech@demo.kr",
    lists: ["deliveries", "service-visits", "tasks", "assets", "today"],
    shows: ["deliveries"],
  },
  {
    email: "finance@demo.kr",
    // A billing run issues the demo's first invoices and charges them (payments, a job run).
    prepare: async (page) => {
      const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Seoul" });
      const run = await call<{ id: number }>(page, "/billing/runs", { date: today });
      for (let i = 0; i < 100; i++) {
        const { status } = await call<{ status: string }>(page, `/jobs/${run.id}`);
        if (status !== "running") return;
        await page.waitForTimeout(200);
      }
    },
    lists: ["invoices", "payments", "billing-runs", "jobs", "audit-logs", "reports"],
    shows: ["audit-logs", "invoices", "jobs"],
    english: { lists: ["invoices"], shows: ["invoices", "contracts"] },
  },
  {
    email: "owner@demo.kr",
    lists: ["", "users", "products", "plans", "partners"],
    shows: ["users", "plans", "products", "partners"],
  },
];

/** Labels of the columns and fields that name a person or a record by name, never by number. */
const NAMED = [
  ...["기사", "처리자", "요청자", "결정자", "담당자", "고객", "사용자", "계약"],
  ...["Technician", "By", "Requested by", "Decided by", "Assignee", "Customer", "User", "Contract"],
];

/**
 * One-word enum values the admin has Korean words for (statuses, kinds, channels, gateways,
 * roles…): on a Korean page, such a word on its own is a value shown raw.
 */
const ENUM_WORDS = Object.entries(koMessages.ssp as Record<string, unknown>)
  .filter(([group]) =>
    /(Status|Kind|Type|Outcome|Channel|Gateway|Bureau|Priority|Trigger|Source)$|^role$/.test(group),
  )
  .flatMap(([, words]) => Object.keys(words as object))
  .filter((value) => /^[a-z]+$/.test(value));

/**
 * The Korean words of every server-made sentence (invoice lines, history notes) without its
 * values, those of three letters or more ("렌탈료", "신용조회"; not "고객", which names also
 * hold): on an English page, one of them in server text shown without its key is untranslated.
 */
const SERVER_TEXT_KO_WORDS = [
  ...new Set(
    SERVER_TEXT_KEYS.flatMap((key) => [
      ...renderText({ key, params: {} }, "ko").matchAll(/[가-힣]{3,}/g),
    ]).map((m) => m[0]),
  ),
];

/** Each server text shown with its key and parameters, as the English page must read it. */
const englishOf = (key: string, params: string) =>
  renderText({ key: key as ServerText["key"], params: JSON.parse(params) }, "en");

interface Findings {
  rawValues: string[];
  rawWords: string[];
  keys: string[];
  bareIds: string[];
  untranslated: string[];
  wrapped: string[];
}

/**
 * What on the page is a code rather than words: snake_case tokens, i18n keys, numbers for names;
 * on an English page (`koWords` given), server-made text still in Korean.
 */
async function findings(page: Page, enumWords: string[], koWords: string[] = []): Promise<Findings> {
  // On an English page: what each keyed server text must read, computed here from its key and
  // parameters (the page hands them over as data attributes).
  const english =
    koWords.length === 0
      ? []
      : (
          await page.$$eval("[data-server-params]", (nodes) =>
            nodes.map((n) => ({
              key: n.getAttribute("data-server-text") ?? "",
              params: n.getAttribute("data-server-params") ?? "{}",
            })),
          )
        ).map((t) => ({ ...t, words: englishOf(t.key, t.params) }));
  return page.evaluate(
    ({
      named,
      enumWords,
      koWords,
      english,
    }: {
      named: string[];
      enumWords: string[];
      koWords: string[];
      english: { key: string; params: string; words: string }[];
    }) => {
      // What the user sees (innerText skips hidden nodes; textContent would not).
      // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point
      const seen = (node: Element | null) => ((node as HTMLElement | null)?.innerText ?? "").trim();
      // The audit log's before/after snapshots are the stored JSON, shown as such on purpose.
      const snapshots = [...document.querySelectorAll("pre")] as HTMLElement[];
      for (const pre of snapshots) pre.style.display = "none";
      const text = seen(document.body);
      for (const pre of snapshots) pre.style.display = "";
      const rawValues = [...text.matchAll(/\b[a-z]+_[a-z_]+\b/g)].map((m) => m[0]);
      const rawWords = [...text.matchAll(/(?<![\w@./:-])[a-z]+(?![\w@./:-])/g)]
        .map((m) => m[0])
        .filter((word) => enumWords.includes(word));
      const keys = [...text.matchAll(/\b(?:ssp|resources|ra)\.[a-zA-Z_.-]+/g)].map((m) => m[0]);
      const bareIds: string[] = [...text.matchAll(/(?:사용자|User) #\d+/g)].map((m) => m[0]);
      const bare = (value: string) => /^#?\d+$/.test(value);
      for (const table of document.querySelectorAll("table")) {
        const headers = [...table.querySelectorAll("thead th")].map(seen);
        for (const row of table.querySelectorAll("tbody tr")) {
          [...row.querySelectorAll("td")].forEach((td, i) => {
            const header = headers[i] ?? "";
            if (named.includes(header) && bare(seen(td))) bareIds.push(`${header}: ${seen(td)}`);
          });
        }
      }
      for (const field of document.querySelectorAll(".RaLabeled-root")) {
        const label = seen(field.querySelector(".RaLabeled-label"));
        const value = seen(field).replace(label, "").trim();
        if (named.includes(label) && bare(value)) bareIds.push(`${label}: ${value}`);
      }
      const untranslated = [...document.querySelectorAll("[data-server-text]")].flatMap((node) => {
        const words = seen(node);
        const key = node.getAttribute("data-server-text");
        const params = node.getAttribute("data-server-params");
        if (key && params !== null && english.length > 0) {
          const expected = english.find((e) => e.key === key && e.params === params)?.words;
          return expected !== undefined && words !== expected ? [`${words} (expected: ${expected})`] : [];
        }
        return koWords.some((ko) => words.includes(ko)) ? [words] : [];
      });
      // Money and dates in table cells hold on one line (issue 15: "109,645 / 원" at 1440 px):
      // measured as the distinct line tops of the cell's text.
      const moneyOrDate =
        /^(-?[\d,]+원|₩-?[\d,]+|\d{4}\. \d{1,2}\. \d{1,2}\.( (오전|오후) \d{1,2}:\d{2}(:\d{2})?)?|\d{1,2}\/\d{1,2}\/\d{4}(, \d{1,2}:\d{2}(:\d{2})? [AP]M)?)$/;
      const wrapped: string[] = [];
      for (const td of document.querySelectorAll("td")) {
        const words = seen(td);
        if (!moneyOrDate.test(words)) continue;
        const range = document.createRange();
        range.selectNodeContents(td);
        const tops = new Set(
          [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
        );
        if (tops.size > 1) wrapped.push(words);
      }
      return { rawValues, rawWords, keys, bareIds, untranslated, wrapped };
    },
    { named: NAMED, enumWords, koWords, english },
  );
}

/** Waits until the page stops loading: no progress indicator, and its text still for a moment. */
async function settled(page: Page): Promise<void> {
  let last = "";
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(100);
    const busy = await page.locator('[role="progressbar"], .MuiSkeleton-root').count();
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point
    const text = await page.evaluate(() => document.body.innerText);
    if (!busy && text === last) return;
    last = text;
  }
}

/** A same-origin JSON call with the page's session; fails the test on an error answer. */
async function call<T = unknown>(page: Page, path: string, body?: object): Promise<T> {
  const { status, json } = await page.evaluate(
    async ({ path, body }) => {
      const res = await fetch(`/api${path}`, {
        method: body ? "POST" : "GET",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: body ? JSON.stringify(body) : undefined,
        credentials: "include",
      });
      return { status: res.status, json: await res.json() };
    },
    { path, body },
  );
  if (status >= 400) throw new Error(`${path}: ${status} ${JSON.stringify(json)}`);
  return json as T;
}

/** The first record's id of a list, through the API with the page's session. */
const firstId = (page: Page, resource: string): Promise<number | undefined> =>
  page.evaluate(async (resource) => {
    const res = await fetch(`/api/${resource}?range=[0,0]`, { credentials: "include" });
    const rows = (await res.json()) as { id: number }[];
    return rows[0]?.id;
  }, resource);

describe("staff see words, not codes (issue 15)", () => {
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    api = await startApi();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it("measures wrapped money and dates: a cell too narrow for its amount is found", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.setContent(
      '<table><tbody><tr><td style="width:40px">109,645원</td><td>2026. 12. 5.</td><td style="white-space:nowrap;width:40px">29,900원</td></tr></tbody></table>',
    );
    expect((await findings(page, [])).wrapped).toEqual(["109,645원"]);
    await page.close();
  });

  it("shows every role's lists and records without enum values, i18n keys, numbers for names or wrapped amounts", async () => {
    expect(ENUM_WORDS).toEqual(expect.arrayContaining(["active", "scheduled", "email", "sandbox", "owner"]));
    expect(SERVER_TEXT_KO_WORDS).toEqual(expect.arrayContaining(["렌탈료", "등록비", "신용조회"]));
    // The roles walk side by side: most of the time goes to waiting for pages, not to the CPU.
    const problems = (await Promise.all(ROLES.map((role) => walk(browser, api.url, role)))).flat();
    expect(problems).toEqual([]);
  });
});

/** One role signs in and visits its pages; what it found, as readable lines. */
async function walk(browser: Browser, url: string, role: Walk): Promise<string[]> {
  const problems: string[] = [];
  let serverTexts = 0;
  const context = await browser.newContext({ locale: "ko-KR", viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await signIn(page, role.email);
  await role.prepare?.(page);
  const pass = async (who: string, pages: { lists: string[]; shows: string[] }) => {
    const visit = async (path: string) => {
      await page.goto(`${url}/#/${path}`);
      await settled(page);
      const english = who.endsWith("(en)");
      const found = await findings(page, english ? [] : ENUM_WORDS, english ? SERVER_TEXT_KO_WORDS : []);
      if (english) serverTexts += await page.locator("[data-server-params]").count();
      for (const [kind, values] of Object.entries(found))
        for (const value of new Set(values as string[])) problems.push(`${who} /${path} ${kind}: ${value}`);
    };
    for (const list of pages.lists) await visit(list);
    for (const resource of pages.shows) {
      const id = await firstId(page, resource);
      if (id === undefined) problems.push(`${who}: no ${resource} in the demo data`);
      else await visit(`${resource}/${id}/show`);
    }
  };
  await pass(role.email, role);
  if (role.english) {
    await page.getByRole("button", { name: /한국어/ }).click();
    await page.getByRole("menuitem", { name: "English" }).click();
    await page.getByRole("button", { name: /English/ }).waitFor();
    await pass(`${role.email} (en)`, role.english);
    // The English pages did show server-made text (invoice lines, history notes) to check.
    if (serverTexts === 0) problems.push(`${role.email} (en): no server-made text on its pages to check`);
  }
  if (problems.length > 0)
    await page.screenshot({ path: join(ARTIFACTS, `words-not-codes-${role.email}.png`), fullPage: true });
  await context.close();
  return problems;
}

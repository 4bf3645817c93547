import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApi } from "./api-server";
import { ARTIFACTS, launchChromium } from "./chromium";
import { signIn } from "./sign-in";

/**
 * Issue 15: what a Korean staff member sees is Korean — labels, not enum values; names, not
 * ids; never an i18n key. Each role walks its main lists and a record of each, on the demo data.
 */
const ROLES: { email: string; lists: string[]; shows: string[] }[] = [
  {
    email: "manager@demo.kr",
    lists: ["orders", "contracts", "deliveries", "service-visits", "tasks", "notifications", "asset-events"],
    shows: ["orders", "contracts", "deliveries", "notifications", "credit-checks", "assets"],
  },
  { email: "cs@demo.kr", lists: ["tickets", "customers", "orders", "contracts", "tasks"], shows: ["orders"] },
  {
    email: "tech@demo.kr",
    lists: ["deliveries", "service-visits", "tasks", "assets"],
    shows: ["deliveries"],
  },
  {
    email: "finance@demo.kr",
    lists: ["invoices", "payments", "jobs", "audit-logs", "credit-checks"],
    shows: [],
  },
  {
    email: "owner@demo.kr",
    lists: ["users", "notifications", "orders", "credit-checks"],
    shows: ["credit-checks"],
  },
];

/** Labels of the columns and fields that name a person or a record by name, never by number. */
const NAMED = ["기사", "처리자", "요청자", "결정자", "담당자", "고객", "사용자", "계약"];

interface Findings {
  rawValues: string[];
  keys: string[];
  bareIds: string[];
}

/** What on the page is a code rather than words: snake_case tokens, i18n keys, numbers for names. */
function findings(page: Page): Promise<Findings> {
  return page.evaluate((named: string[]) => {
    const text = document.body.innerText;
    const rawValues = [...text.matchAll(/\b[a-z]+_[a-z_]+\b/g)].map((m) => m[0]);
    const keys = [...text.matchAll(/\b(?:ssp|resources|ra)\.[a-zA-Z_.-]+/g)].map((m) => m[0]);
    const bareIds: string[] = [...text.matchAll(/(?:사용자|User) #\d+/g)].map((m) => m[0]);
    const bare = (value: string) => /^#?\d+$/.test(value.trim());
    for (const table of document.querySelectorAll("table")) {
      const headers = [...table.querySelectorAll("thead th")].map((th) =>
        (th as HTMLElement).innerText.trim(),
      );
      for (const row of table.querySelectorAll("tbody tr")) {
        [...row.querySelectorAll("td")].forEach((td, i) => {
          const header = headers[i] ?? "";
          if (named.includes(header) && bare(td.innerText)) bareIds.push(`${header}: ${td.innerText}`);
        });
      }
    }
    for (const field of document.querySelectorAll(".RaLabeled-root")) {
      const label = (field.querySelector(".RaLabeled-label") as HTMLElement | null)?.innerText.trim() ?? "";
      const value = (field as HTMLElement).innerText.replace(label, "").trim();
      if (named.includes(label) && bare(value)) bareIds.push(`${label}: ${value}`);
    }
    return { rawValues, keys, bareIds };
  }, NAMED);
}

/** Waits until the page stops loading: no progress indicator, and its text still for a moment. */
async function settled(page: Page): Promise<void> {
  let last = "";
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(120);
    const busy = await page.locator('[role="progressbar"], .MuiSkeleton-root').count();
    const text = await page.evaluate(() => document.body.innerText);
    if (!busy && text === last) return;
    last = text;
  }
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

  it("shows every role's lists and records without enum values, i18n keys or numbers for names", async () => {
    // The roles walk side by side: most of the time goes to waiting for pages, not to the CPU.
    const problems = (await Promise.all(ROLES.map((role) => walk(browser, api.url, role)))).flat();
    expect(problems).toEqual([]);
  });
});

/** One role signs in and visits its pages; what it found, as readable lines. */
async function walk(browser: Browser, url: string, role: (typeof ROLES)[number]): Promise<string[]> {
  const problems: string[] = [];
  const context = await browser.newContext({ locale: "ko-KR", viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await signIn(page, role.email);
  const visit = async (path: string) => {
    await page.goto(`${url}/#/${path}`);
    await settled(page);
    const found = await findings(page);
    for (const [kind, values] of Object.entries(found))
      for (const value of new Set(values as string[]))
        problems.push(`${role.email} /${path} ${kind}: ${value}`);
  };
  for (const list of role.lists) await visit(list);
  for (const resource of role.shows) {
    const id = await firstId(page, resource);
    if (id === undefined) problems.push(`${role.email}: no ${resource} in the demo data`);
    else await visit(`${resource}/${id}/show`);
  }
  if (problems.length > 0)
    await page.screenshot({ path: join(ARTIFACTS, `words-not-codes-${role.email}.png`), fullPage: true });
  await context.close();
  return problems;
}

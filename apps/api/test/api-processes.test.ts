import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/seed/demo-seed.js";
import { type RunningApi, startApiServer } from "./support/api-server.js";
import { TEST_DATABASE_URL } from "./test-app.js";

let api: RunningApi;

/** Each request on a connection of its own, so the cluster spreads them over its processes. */
async function call(path: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  headers.set("connection", "close");
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.body) headers.set("content-type", "application/json");
  return fetch(`${api.url}${path}`, { ...init, headers });
}

async function login(email: string, password = DEMO_PASSWORD) {
  const res = await call("/api/auth/login", { method: "POST", body: JSON.stringify({ email, password }) });
  return { status: res.status, cookie: res.headers.get("set-cookie")?.split(";")[0] ?? "" };
}

describe.runIf(TEST_DATABASE_URL)("several API processes on one PostgreSQL (npm start's cluster)", () => {
  beforeAll(async () => {
    // The owner signs in with a password alone here: this file is about processes, not factors.
    api = await startApiServer({ adminUrl: TEST_DATABASE_URL!, processes: 2, env: { TWO_FACTOR_ROLES: "" } });
  }, 150_000);
  afterAll(() => api?.stop());

  it("locks a deactivated user out of every process at once, though each had the session cached", async () => {
    const manager = await login("manager@demo.kr");
    const owner = await login("owner@demo.kr");
    // Enough requests that both processes look the session up and cache it.
    for (let i = 0; i < 8; i++)
      expect((await call("/api/auth/me", { cookie: manager.cookie })).status).toBe(200);
    const me = await (await call("/api/auth/me", { cookie: manager.cookie })).json();
    const user = await (await call(`/api/users/${me.id}`, { cookie: owner.cookie })).json();
    const off = await call(`/api/users/${me.id}`, {
      method: "PUT",
      cookie: owner.cookie,
      body: JSON.stringify({ name: user.name, role: user.role, active: false }),
    });
    expect(off.status).toBe(200);
    const after: number[] = [];
    for (let i = 0; i < 8; i++) after.push((await call("/api/auth/me", { cookie: manager.cookie })).status);
    expect(after).toEqual(Array(8).fill(401));
  }, 60_000);

  it("counts failed logins across processes: the limit is the same wherever a request lands", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await login("cs@demo.kr", "wrong-password")).status);
    // server.ts allows 10 failed logins per address and e-mail in 15 minutes.
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  }, 60_000);
});

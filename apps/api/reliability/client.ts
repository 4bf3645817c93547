import { totpCode } from "../src/auth/two-factor.js";
import { DEMO_PASSWORD } from "../src/seed/demo-seed.js";

export interface Reply {
  status: number;
  ms: number;
  body: unknown;
  headers: Headers;
}

/** A request unanswered this long is given up on (status 0 where the suite catches it). */
const REQUEST_GIVE_UP_MS = 60_000;

/**
 * A staff member's browser, for the suite: a session cookie, the Origin an admin page sends,
 * and JSON. Signing in takes the second factor where the role needs one (enrolling the first
 * time), as a person with an authenticator app would.
 */
export class StaffClient {
  cookie = "";
  private static secrets = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly email: string,
  ) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const started = performance.now();
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        origin: this.baseUrl,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      // Far past the API's own bounds: a request still unanswered by then hangs (a failure).
      signal: AbortSignal.timeout(REQUEST_GIVE_UP_MS),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("ssp_session="));
    if (cookie) this.cookie = cookie.split(";")[0]!;
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (a PDF, metrics)
    }
    return { status: res.status, ms: performance.now() - started, body: parsed, headers: res.headers };
  }

  get = (path: string) => this.request("GET", path);
  post = (path: string, body?: unknown) => this.request("POST", path, body ?? {});
  put = (path: string, body: unknown) => this.request("PUT", path, body);

  static async signIn(baseUrl: string, email: string): Promise<StaffClient> {
    const client = new StaffClient(baseUrl, email);
    const login = await client.post("/api/auth/login", { email, password: DEMO_PASSWORD });
    if (login.status !== 200)
      throw new Error(`login ${email}: ${login.status} ${JSON.stringify(login.body)}`);
    const step = (login.body as { twoFactor?: string }).twoFactor;
    if (step === "enroll") {
      const setup = await client.post("/api/auth/totp/setup");
      const secret = (setup.body as { secret: string }).secret;
      StaffClient.secrets.set(email, secret);
      const enabled = await client.post("/api/auth/totp/enable", { code: totpCode(secret, new Date()) });
      if (enabled.status !== 200) throw new Error(`enrol ${email}: ${enabled.status}`);
    } else if (step === "verify") {
      const secret = StaffClient.secrets.get(email);
      if (!secret) throw new Error(`${email} has a second factor this suite did not set up`);
      // A code is good once per 30-second step: wait for a fresh step if this one was used.
      for (let attempt = 0; attempt < 3; attempt++) {
        const verified = await client.post("/api/auth/totp/verify", { code: totpCode(secret, new Date()) });
        if (verified.status === 200) return client;
        await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 200));
      }
      throw new Error(`verify ${email} failed`);
    }
    return client;
  }
}

export const ROLES_TO_SIGN_IN = [
  "operator@ssp.kr",
  "owner@demo.kr",
  "manager@demo.kr",
  "cs@demo.kr",
  "finance@demo.kr",
  "tech@demo.kr",
  "owner@barun.kr",
] as const;

import { z } from "zod";

/**
 * Kakao Login (OAuth 2.0 / OpenID Connect), server side, with Kakao's documented endpoints:
 *   authorize  GET  {auth}/oauth/authorize?client_id&redirect_uri&response_type=code&scope&state&nonce
 *   token      POST {auth}/oauth/token  (form: grant_type=authorization_code, client_id, redirect_uri, code[, client_secret])
 *   user info  GET  {api}/v2/user/me    (Authorization: Bearer <access_token>)
 * The user's fields arrive only where they consented to share them (kakao_account.*).
 */
export interface KakaoApp {
  restApiKey: string;
  clientSecret?: string;
  redirectUri: string;
}

export interface KakaoProfile {
  subject: string;
  name: string | null;
  email: string | null;
  /** Korean mobile in 010-1234-5678 form, from "+82 10-1234-5678" */
  phone: string | null;
  birthDate: string | null;
}

const ZToken = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  id_token: z.string().optional(),
});
const ZUserMe = z.object({
  id: z.number(),
  kakao_account: z
    .object({
      name: z.string().optional(),
      email: z.string().optional(),
      phone_number: z.string().optional(),
      birthyear: z
        .string()
        .regex(/^\d{4}$/)
        .optional(),
      birthday: z
        .string()
        .regex(/^\d{4}$/)
        .optional(),
      profile: z.object({ nickname: z.string().optional() }).optional(),
    })
    .optional(),
});

export class KakaoLoginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KakaoLoginError";
  }
}

export class KakaoLogin {
  constructor(
    private readonly urls: { auth: string; api: string } = {
      auth: "https://kauth.kakao.com",
      api: "https://kapi.kakao.com",
    },
  ) {}

  authorizeUrl(app: KakaoApp, input: { state: string; nonce: string }): string {
    const url = new URL("/oauth/authorize", this.urls.auth);
    url.search = new URLSearchParams({
      client_id: app.restApiKey,
      redirect_uri: app.redirectUri,
      response_type: "code",
      scope: "openid,name,account_email,phone_number,birthyear,birthday",
      state: input.state,
      nonce: input.nonce,
    }).toString();
    return url.toString();
  }

  async profileFor(app: KakaoApp, code: string): Promise<KakaoProfile> {
    const form = new URLSearchParams({
      grant_type: "authorization_code",
      client_id: app.restApiKey,
      redirect_uri: app.redirectUri,
      code,
    });
    if (app.clientSecret) form.set("client_secret", app.clientSecret);
    const tokenRes = await this.call(new URL("/oauth/token", this.urls.auth), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded;charset=utf-8" },
      body: form,
    });
    const token = ZToken.safeParse(tokenRes);
    if (!token.success) throw new KakaoLoginError("Kakao sent an unexpected token answer");
    const me = ZUserMe.safeParse(
      await this.call(new URL("/v2/user/me", this.urls.api), {
        headers: { authorization: `Bearer ${token.data.access_token}` },
      }),
    );
    if (!me.success) throw new KakaoLoginError("Kakao sent an unexpected user answer");
    const account = me.data.kakao_account ?? {};
    return {
      subject: String(me.data.id),
      name: account.name ?? account.profile?.nickname ?? null,
      email: account.email ?? null,
      phone: account.phone_number ? koreanMobile(account.phone_number) : null,
      birthDate:
        account.birthyear && account.birthday
          ? `${account.birthyear}-${account.birthday.slice(0, 2)}-${account.birthday.slice(2)}`
          : null,
    };
  }

  private async call(url: URL, init: RequestInit): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw new KakaoLoginError(`Kakao unreachable: ${(error as Error).message}`);
    }
    const body = await res.json().catch(() => null);
    if (!res.ok)
      throw new KakaoLoginError(`Kakao answered ${res.status}: ${JSON.stringify(body)?.slice(0, 200)}`);
    return body;
  }
}

/** "+82 10-1234-5678" → "010-1234-5678" */
export function koreanMobile(international: string): string | null {
  const m = /^\+82\s?0?(1\d)-?(\d{3,4})-?(\d{4})$/.exec(international.trim());
  return m ? `0${m[1]}-${m[2]}-${m[3]}` : null;
}

import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from "jose";
import { z } from "zod";

/**
 * Kakao Login (OAuth 2.0 / OpenID Connect), server side, with Kakao's documented endpoints:
 *   authorize  GET  {auth}/oauth/authorize?client_id&redirect_uri&response_type=code&scope&state&nonce
 *   token      POST {auth}/oauth/token  (form: grant_type=authorization_code, client_id, redirect_uri, code[, client_secret])
 *   user info  GET  {api}/v2/user/me    (Authorization: Bearer <access_token>)
 *   JWKS       GET  {auth}/.well-known/jwks.json  (RS256 keys that sign the OIDC id_token)
 * The user's fields arrive only where they consented to share them (kakao_account.*).
 *
 * Who logged in is decided by the id_token (scope `openid`), never by /v2/user/me alone: its
 * signature against Kakao's keys, issuer, audience (the partner's REST API key), expiry and the
 * nonce of this login attempt. /v2/user/me then only adds the consented fields of that subject.
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

/** Kakao could not be reached or answered unexpectedly: try again later. */
export class KakaoLoginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KakaoLoginError";
  }
}

/** The id_token is not proof of this login (forged, expired, for another app or attempt). */
export class KakaoTokenRejected extends KakaoLoginError {
  constructor(message: string) {
    super(message);
    this.name = "KakaoTokenRejected";
  }
}

/** jose's errors that say the token is bad (JWTExpired is not a JWTClaimValidationFailed). */
const TOKEN_FAULTS = [
  joseErrors.JWSSignatureVerificationFailed,
  joseErrors.JWTClaimValidationFailed,
  joseErrors.JWTExpired,
  joseErrors.JWSInvalid,
  joseErrors.JWTInvalid,
  joseErrors.JWKSNoMatchingKey,
  joseErrors.JWKSMultipleMatchingKeys,
  joseErrors.JOSEAlgNotAllowed,
  joseErrors.JOSENotSupported,
];

export const KAKAO_ISSUER = "https://kauth.kakao.com";

export class KakaoLogin {
  /** Fetched on first use and again when a token names an unknown key (jose caches it). */
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly urls: { auth: string; api: string } = {
      auth: KAKAO_ISSUER,
      api: "https://kapi.kakao.com",
    },
  ) {
    this.jwks = createRemoteJWKSet(new URL("/.well-known/jwks.json", urls.auth), {
      timeoutDuration: 10_000,
    });
  }

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

  /**
   * Exchanges the code, proves the login by its id_token (`nonce`: the one stored for this
   * attempt; `now`: the app's clock, for expiry) and returns the subject with its consented fields.
   */
  async profileFor(app: KakaoApp, input: { code: string; nonce: string; now: Date }): Promise<KakaoProfile> {
    const { code } = input;
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
    if (!token.data.id_token) throw new KakaoTokenRejected("Kakao sent no id_token (is OpenID Connect on?)");
    const subject = await this.verifiedSubject(app, { ...input, idToken: token.data.id_token });
    const me = ZUserMe.safeParse(
      await this.call(new URL("/v2/user/me", this.urls.api), {
        headers: { authorization: `Bearer ${token.data.access_token}` },
      }),
    );
    if (!me.success) throw new KakaoLoginError("Kakao sent an unexpected user answer");
    if (String(me.data.id) !== subject)
      throw new KakaoTokenRejected("The access token belongs to another user than the id_token");
    const account = me.data.kakao_account ?? {};
    return {
      subject,
      name: account.name ?? account.profile?.nickname ?? null,
      email: account.email ?? null,
      phone: account.phone_number ? koreanMobile(account.phone_number) : null,
      birthDate:
        account.birthyear && account.birthday
          ? `${account.birthyear}-${account.birthday.slice(0, 2)}-${account.birthday.slice(2)}`
          : null,
    };
  }

  private async verifiedSubject(
    app: KakaoApp,
    input: { idToken: string; nonce: string; now: Date },
  ): Promise<string> {
    let payload: Awaited<ReturnType<typeof jwtVerify>>["payload"];
    try {
      ({ payload } = await jwtVerify(input.idToken, this.jwks, {
        issuer: KAKAO_ISSUER,
        audience: app.restApiKey,
        algorithms: ["RS256"],
        currentDate: input.now,
        requiredClaims: ["sub", "exp", "iat", "nonce"],
        clockTolerance: 60,
      }));
    } catch (error) {
      // The token's fault is the caller's; keys that could not be fetched or read are Kakao's.
      if (error instanceof joseErrors.JOSEError && TOKEN_FAULTS.some((fault) => error instanceof fault))
        throw new KakaoTokenRejected(`id_token refused: ${error.code}`);
      throw new KakaoLoginError(`Kakao keys unavailable: ${(error as Error).message}`);
    }
    if (payload.nonce !== input.nonce) throw new KakaoTokenRejected("id_token refused: nonce mismatch");
    return String(payload.sub);
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

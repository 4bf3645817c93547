import { type Action, can, isRole, RESOURCES, type Resource, type Role } from "@ssp/domain";
import type { AuthProvider, UserIdentity } from "react-admin";
import { API_URL } from "./api-url";
import { httpClient } from "./dataProvider";

export interface Me {
  id: number | string;
  email: string;
  fullName: string;
  role: Role;
  partnerId: number | string | null;
  partnerName: string | null;
  permissions: { resource: string; actions: string[] }[];
  twoFactor?: { enabled: boolean; required: boolean };
}

/**
 * The password was right and a second factor is due: `verify` (a code from the app the user
 * set up) or `enroll` (their role requires one they have not set up yet). The login page shows
 * that step; the pending session cookie carries the sign-in to it.
 */
export class SecondFactorDue extends Error {
  constructor(readonly step: "verify" | "enroll") {
    super(`second factor: ${step}`);
    this.name = "SecondFactorDue";
  }
}

/** What the login page hands `login()`: the password step, a code, or the first code of an enrolment. */
export type LoginParams =
  | { username?: string; email?: string; password: string }
  | { code: string }
  | { enrolmentCode: string };

const RA_ACTIONS: readonly string[] = ["list", "show", "create", "edit", "delete"];
const isResource = (r: string): r is Resource => (RESOURCES as readonly string[]).includes(r);

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/**
 * Session-cookie auth against /api/auth. `/me` is fetched once per session and cached, since
 * react-admin asks for the identity and for access on nearly every render of a page.
 */
export function createAuthProvider(apiUrl: string = API_URL): AuthProvider {
  let me: Promise<Me> | undefined;

  const fetchMe = (): Promise<Me> => {
    me ??= httpClient(`${apiUrl}/auth/me`).then(({ json }) => json as Me);
    me.catch(() => {
      me = undefined;
    });
    return me;
  };

  return {
    async login(params: LoginParams) {
      me = undefined;
      const [path, body] =
        "code" in params
          ? ["totp/verify", { code: params.code }]
          : "enrolmentCode" in params
            ? ["totp/enable", { code: params.enrolmentCode }]
            : ["login", { email: params.email ?? params.username, password: params.password }];
      const { json } = await httpClient(`${apiUrl}/auth/${path}`, {
        method: "POST",
        body: JSON.stringify(body),
      });
      if (json?.twoFactor === "verify" || json?.twoFactor === "enroll")
        throw new SecondFactorDue(json.twoFactor);
      me = Promise.resolve(json as Me);
    },
    async logout() {
      me = undefined;
      await httpClient(`${apiUrl}/auth/logout`, { method: "POST" }).catch(() => undefined);
    },
    async checkAuth() {
      await fetchMe();
    },
    async checkError(error) {
      // 401: the session is gone, so log out. 403: the role may not do this one thing; stay.
      if (statusOf(error) === 401) {
        me = undefined;
        throw error;
      }
    },
    async getIdentity(): Promise<UserIdentity> {
      const user = await fetchMe();
      return { ...user, fullName: user.fullName };
    },
    async getPermissions() {
      return (await fetchMe()).role;
    },
    /** After the account page changed what `/me` reports (the second factor): ask again. */
    forgetIdentity() {
      me = undefined;
    },
    async canAccess({ resource, action }) {
      const user = await fetchMe().catch(() => undefined);
      if (!user || !isRole(user.role) || !isResource(resource) || !RA_ACTIONS.includes(action)) return false;
      return can(user.role, resource, action as Action);
    },
  };
}

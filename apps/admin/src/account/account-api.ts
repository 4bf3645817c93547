import { useCallback } from "react";
import { useTranslate } from "react-admin";
import { API_URL } from "../api-url";
import { httpClient } from "../dataProvider";
import { serverErrorKey } from "../shared/server-errors";

/** The signed-in staff member's own account: second factor enrolment and password. */
export const accountApi = {
  async setupTotp(): Promise<{ secret: string; otpauthUri: string }> {
    const { json } = await httpClient(`${API_URL}/auth/totp/setup`, { method: "POST" });
    return json;
  },
  async enableTotp(code: string): Promise<void> {
    await httpClient(`${API_URL}/auth/totp/enable`, { method: "POST", body: JSON.stringify({ code }) });
  },
  async disableTotp(password: string): Promise<void> {
    await httpClient(`${API_URL}/auth/totp/disable`, { method: "POST", body: JSON.stringify({ password }) });
  },
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await httpClient(`${API_URL}/auth/password`, {
      method: "POST",
      body: JSON.stringify({ currentPassword, newPassword }),
    });
  },
};

interface ApiErrorBody {
  code?: string;
  message?: unknown;
  errors?: Record<string, unknown>;
}

/**
 * What to tell the user about a failed request, as an i18n key where the admin has words for
 * it: the field's message (`errors.<field>`, already a key when translatableError knew its
 * words; else the code's words unless the code is the generic validation_failed), else the
 * code's words, else the API's own message.
 */
export function apiMessageKey(error: unknown, field?: string): string | undefined {
  const body = (error as { body?: ApiErrorBody } | null)?.body;
  const codeKey = serverErrorKey(body?.code);
  const fieldMessage = field ? body?.errors?.[field] : undefined;
  if (typeof fieldMessage === "string")
    return fieldMessage.startsWith("ssp.") || body?.code === "validation_failed"
      ? fieldMessage
      : (codeKey ?? fieldMessage);
  return codeKey ?? (typeof body?.message === "string" ? body.message : undefined);
}

/** `apiMessageKey`, translated (text that is no key stays as it is). */
export function useApiMessage(): (error: unknown, field?: string) => string | undefined {
  const translate = useTranslate();
  return useCallback(
    (error: unknown, field?: string) => {
      const key = apiMessageKey(error, field);
      return key === undefined ? undefined : translate(key, { _: key });
    },
    [translate],
  );
}

import { API_URL } from "../api-url";
import { httpClient } from "../dataProvider";

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

/** The API's field message (`errors.<field>`) or its message, from an HttpError. */
export function apiMessage(error: unknown, field?: string): string | undefined {
  const body = (error as { body?: { message?: unknown; errors?: Record<string, unknown> } } | null)?.body;
  const fieldMessage = field ? body?.errors?.[field] : undefined;
  if (typeof fieldMessage === "string") return fieldMessage;
  return typeof body?.message === "string" ? body.message : undefined;
}

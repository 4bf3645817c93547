import type { Page } from "playwright-core";
import { totpCode } from "../../api/src/auth/two-factor";

/**
 * Signs in through the login page as a person would. For roles that must use a second factor
 * (operator, owner, finance) the first sign-in sets up the authenticator app: the page shows the
 * QR code and the key to type; the key gives the code an app would show, which is entered.
 */
export async function signIn(page: Page, email: string): Promise<{ enrolled: boolean }> {
  await page.getByLabel("이메일").fill(email);
  await page.locator('input[name="password"]').fill("demo-pass-2026");
  await page.getByRole("button", { name: "로그인" }).click();
  const key = page.getByTestId("totp-secret");
  const signedIn = page.getByRole("menuitem").first();
  await Promise.race([key.waitFor(), signedIn.waitFor()]);
  if (!(await key.isVisible())) return { enrolled: false };
  // The QR code an authenticator app would scan (an SVG whose <title> names it).
  await page.getByTestId("totp-enrolment").locator("svg").waitFor();
  const secret = (await key.textContent())!.trim();
  await page.locator('input[name="code"]').fill(totpCode(secret, new Date()));
  await page.getByRole("button", { name: "등록하고 켜기" }).click();
  await signedIn.waitFor();
  return { enrolled: true };
}

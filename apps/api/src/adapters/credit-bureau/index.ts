import type { CreditBureau } from "./credit-bureau.js";
import { HttpBureau } from "./http-bureau.js";
import { SandboxBureau } from "./sandbox-bureau.js";

/** The one place a credit bureau is chosen (`CREDIT_BUREAU=sandbox|http`). */
export function creditBureauFromEnv(env: NodeJS.ProcessEnv = process.env): CreditBureau {
  switch (env.CREDIT_BUREAU ?? "sandbox") {
    case "sandbox":
      return new SandboxBureau();
    case "http":
      if (!env.CREDIT_BUREAU_URL || !env.CREDIT_BUREAU_KEY) {
        throw new Error("CREDIT_BUREAU=http needs CREDIT_BUREAU_URL and CREDIT_BUREAU_KEY");
      }
      return new HttpBureau({ baseUrl: env.CREDIT_BUREAU_URL, apiKey: env.CREDIT_BUREAU_KEY });
    default:
      throw new Error(`Unknown CREDIT_BUREAU ${env.CREDIT_BUREAU}`);
  }
}

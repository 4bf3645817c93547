import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import { validationFailed } from "../http/errors.js";

/**
 * What a staff password must be (issue 14 finding 4: `aaaaaaaaaa` and ten spaces were
 * accepted). Long enough, and not guessable: zxcvbn-ts estimates the guesses an attacker needs,
 * with the bundled list of the most common and breached passwords (no network), keyboard walks,
 * repeats, dates, and the account's own e-mail and name; anything below "safely unguessable"
 * (score 3 of 4) is refused with the reason.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

let estimator: ZxcvbnFactory | undefined;
function strength() {
  estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return estimator;
}

const WARNINGS: Record<string, string> = {
  common: "This is one of the most common passwords",
  topTen: "This is one of the ten most common passwords",
  topHundred: "This is one of the hundred most common passwords",
  similarToCommon: "This is too close to a common password",
  simpleRepeat: "Repeated characters are easy to guess",
  extendedRepeat: "Repeated patterns are easy to guess",
  straightRow: "Keys in a row on the keyboard are easy to guess",
  keyPattern: "Keyboard patterns are easy to guess",
  sequences: "Sequences like abc or 123 are easy to guess",
  dates: "Dates are easy to guess",
  recentYears: "Recent years are easy to guess",
  userInputs: "Do not use your e-mail address or name",
};

/** Why `password` may not be used, or undefined when it may. */
export function passwordProblem(password: string, userInputs: string[] = []): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `At least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `At most ${PASSWORD_MAX_LENGTH} characters`;
  if (password.trim().length === 0) return "A password cannot be only spaces";
  const inputs = userInputs
    .flatMap((input) => [input, ...input.split(/[@.\s_-]+/)])
    .filter((w) => w.length >= 3);
  const result = strength().check(password, [...inputs, "ssp"]);
  if (result.score >= 3) return undefined;
  return (
    (result.feedback.warning && WARNINGS[result.feedback.warning]) ||
    "Too easy to guess: use a longer, less common one"
  );
}

/** Refuses the request (400, the message under `field`) when the password may not be used. */
export function assertPasswordPolicy(input: { field: string; password: string; userInputs: string[] }): void {
  const problem = passwordProblem(input.password, input.userInputs);
  if (problem) throw validationFailed({ [input.field]: problem });
}

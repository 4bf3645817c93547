import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (memory 19 MiB, 2 passes), OWASP's recommended floor.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Checked when the e-mail is unknown, so a miss takes as long as a wrong password. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("ssp-no-such-user");
  return dummyHash;
}

import type { Signature } from "../documents/seal-contract.js";
import { AppError } from "../http/errors.js";
import type { TSignContractRequest } from "./signing.schemas.js";

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A drawn signature arrives as a PNG data URL; anything that is not a PNG is refused (400). */
export function signatureOf(signature: TSignContractRequest["signature"]): Signature {
  if (signature.kind === "typed") return { kind: "typed", text: signature.text };
  const png = Buffer.from(signature.dataUrl.slice("data:image/png;base64,".length), "base64");
  if (png.length < 60 || !png.subarray(0, 8).equals(PNG_MAGIC)) {
    throw new AppError(400, "validation_failed", "The signature is not a PNG image", {
      "signature.dataUrl": "Not a PNG image",
    });
  }
  return { kind: "drawn", png: new Uint8Array(png) };
}

import type { PublicPartnerIdentity } from "../shared/PartnerIdentity";
import { publicBlob, publicRequest } from "../shared/public-api";

export interface SigningClause {
  id: string;
  title: string;
}

export interface SigningSummary {
  /** The lessor (older API answers may lack it). */
  partner?: PublicPartnerIdentity;
  contractNumber: string;
  customerName: string;
  productName: string;
  monthlyFee: number;
  termMonths: number;
  status: string;
  expiresAt: string;
  remainingAttempts: number;
  clauses: SigningClause[];
  /** A gateway with its own registration page (KakaoPay), offered beside the card form. */
  redirectPayment?: string | null;
  /** Signing is already behind the customer: the link leads on to card registration. */
  signed?: boolean;
  /** The auto-pay method already registered for the contract, if any. */
  paymentMethod?: { display: string } | null;
}

export type SignatureInput = { kind: "drawn"; dataUrl: string } | { kind: "typed"; text: string };

export interface RegisteredCard {
  id: number | string;
  gateway: string;
  display: string;
  status: string;
}

/** `transfer`: a name transfer's agreement, signed by the new holder (/transfer/<token>). */
export type SigningLinkKind = "sign" | "transfer";

/** The public signing API for one link; `proof` is what a verified signer sends back every time. */
export function signingApi(token: string, kind: SigningLinkKind = "sign") {
  const base = `/public/${kind === "transfer" ? "transfer" : "sign"}/${encodeURIComponent(token)}`;
  const withProof = (proof: string) => ({ "X-Signing-Proof": proof });
  return {
    load: () => publicRequest<SigningSummary>(base),
    verify: (birthDate: string) =>
      publicRequest<{ verified: true; proof: string }>(`${base}/verify`, {
        method: "POST",
        body: { birthDate },
      }),
    /**
     * The contract PDF, fetched with the proof in its header: the proof never goes into a URL,
     * where it would reach logs, history and Referer headers (issue 14 finding 6).
     */
    pdf: (proof: string) => publicBlob(`${base}/pdf`, withProof(proof)),
    sign: (proof: string, body: { agreements: Record<string, true>; signature: SignatureInput }) =>
      publicRequest<{ status: "signed" | "completed"; sealedSha256: string }>(`${base}/sign`, {
        method: "POST",
        body,
        headers: withProof(proof),
      }),
    decline: (proof: string, reason: string) =>
      publicRequest<{ status: "cancelled" }>(`${base}/decline`, {
        method: "POST",
        body: { reason },
        headers: withProof(proof),
      }),
    registerCard: (proof: string, card: { cardNumber: string; expiry: string }) =>
      publicRequest<RegisteredCard>(`${base}/payment-method`, {
        method: "POST",
        body: card,
        headers: withProof(proof),
      }),
    startRedirectPayment: (proof: string) =>
      publicRequest<{ redirectUrl: string }>(`${base}/kakaopay-start`, {
        method: "POST",
        headers: withProof(proof),
      }),
  };
}

export type SigningApi = ReturnType<typeof signingApi>;

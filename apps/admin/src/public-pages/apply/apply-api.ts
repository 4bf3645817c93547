import type { PublicPartnerIdentity } from "../shared/PartnerIdentity";
import { PublicApiError, publicRequest } from "../shared/public-api";

export interface OfferedPlan {
  id: number;
  name: string;
  productName: string;
  productModel: string | null;
  category: string | null;
  kind: string;
  monthlyFee: number;
  termMonths: number | null;
  mandatoryMonths: number | null;
  registrationFee: number;
  registrationFeeWaived: boolean;
  discountAmount: number;
  discountMonths: number;
}

export interface PublicPartner {
  name: string;
  slug: string;
  /** The lessor's identity for the page's header and footer. */
  partner?: PublicPartnerIdentity;
  kakaoEnabled: boolean;
  termsVersion: string;
  plans: OfferedPlan[];
}

export interface Applicant {
  method: "kakao" | "phone";
  name: string | null;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
}

export interface ApplyRequest {
  name: string;
  birthDate: string;
  phone: string;
  email: string;
  consents: { privacy: true; creditInquiry: true; marketing: boolean };
  termsVersion: string;
  planId: number;
  installPostcode?: string;
  installAddress: string;
  installAddressDetail?: string;
  billingDay: number;
}

export type ApplyOutcome = "approved" | "review" | "declined";

export interface ApplyResult {
  orderId: number | string;
  outcome: ApplyOutcome;
  message: string;
  contractSent: boolean;
}

/** The public application API for one partner's page. */
export function applyApi(slug: string) {
  const partner = encodeURIComponent(slug);
  return {
    loadPartner: () => publicRequest<PublicPartner>(`/public/partners/${partner}`),
    /** Who the applicant already proved to be, or null when they have not signed up yet. */
    loadApplicant: async (): Promise<Applicant | null> => {
      try {
        return await publicRequest<Applicant>(`/public/applicant?partner=${partner}`);
      } catch (error) {
        if (error instanceof PublicApiError && error.status === 401) return null;
        throw error;
      }
    },
    kakaoStartUrl: `/api/public/auth/kakao/start?partner=${partner}`,
    sendCode: (phone: string) =>
      publicRequest<{ sent: true; expiresInSeconds: number }>("/public/verify-phone", {
        method: "POST",
        body: { partner: slug, phone },
      }),
    confirmCode: (phone: string, code: string) =>
      publicRequest<{ verified: true }>("/public/verify-phone/confirm", {
        method: "POST",
        body: { partner: slug, phone, code },
      }),
    apply: (body: ApplyRequest) =>
      publicRequest<ApplyResult>(`/public/apply/${partner}`, { method: "POST", body }),
  };
}

export type ApplyApi = ReturnType<typeof applyApi>;

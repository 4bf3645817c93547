import { isIsoDate } from "../shared/format";
import { ko } from "../strings";

export interface ApplyForm {
  name: string;
  birthDate: string;
  phone: string;
  email: string;
  installPostcode: string;
  /** Road address (도로명주소), or the whole address typed by hand. */
  installAddress: string;
  installAddressDetail: string;
  billingDay: string;
}

export interface ApplyConsents {
  privacy: boolean;
  creditInquiry: boolean;
  marketing: boolean;
}

export type FieldErrors = Partial<Record<string, string>>;

export const emptyForm: ApplyForm = {
  name: "",
  birthDate: "",
  phone: "",
  email: "",
  installPostcode: "",
  installAddress: "",
  installAddressDetail: "",
  billingDay: "",
};

export const BILLING_DAYS = Array.from({ length: 28 }, (_, i) => i + 1);

export const isEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
export const isPhone = (value: string) => /^01[016789]\d{7,8}$/.test(value.replace(/\D/g, ""));

/** The same checks the API makes, so most mistakes are caught before a round trip. */
export function validateDetails(form: ApplyForm): FieldErrors {
  const errors: FieldErrors = {};
  if (form.name.trim().length < 2) errors.name = ko.apply.requiredField;
  if (!isIsoDate(form.birthDate) || form.birthDate < "1900-01-01")
    errors.birthDate = ko.apply.birthDateInvalid;
  if (!isPhone(form.phone)) errors.phone = ko.apply.phoneInvalid;
  if (!isEmail(form.email)) errors.email = ko.apply.emailInvalid;
  if (form.installPostcode.trim() && !/^\d{5}$/.test(form.installPostcode.trim()))
    errors.installPostcode = ko.apply.postcodeInvalid;
  if (form.installAddress.trim().length < 5) errors.installAddress = ko.apply.installAddressHelp;
  if (!form.billingDay) errors.billingDay = ko.apply.requiredField;
  return errors;
}

const DETAIL_FIELDS = [
  "name",
  "birthDate",
  "phone",
  "email",
  "installPostcode",
  "installAddress",
  "installAddressDetail",
  "billingDay",
];

/** Which step shows a field the API rejected: the plan, the details, or the consents. */
export function stepForErrors(errors: FieldErrors): "plan" | "details" | "consents" {
  const keys = Object.keys(errors);
  if (keys.some((key) => DETAIL_FIELDS.includes(key))) return "details";
  if (keys.includes("planId")) return "plan";
  return "consents";
}

/** Fills what the applicant already told Kakao or the phone check, without overwriting edits. */
export function prefill(
  form: ApplyForm,
  from: { name: string | null; email: string | null; phone: string | null; birthDate: string | null },
): ApplyForm {
  return {
    ...form,
    name: form.name || from.name || "",
    email: form.email || from.email || "",
    phone: form.phone || from.phone || "",
    birthDate: form.birthDate || from.birthDate || "",
  };
}

import { DateField, type DateFieldProps, useLocaleState } from "react-admin";

/**
 * A date (or date and time) in the language the user chose: "2026. 12. 5." in Korean,
 * "12/5/2026" in English — instead of every field fixing Korean.
 */
export function LocaleDateField(props: DateFieldProps) {
  const [locale] = useLocaleState();
  return <DateField {...props} locales={locale === "en" ? "en-US" : "ko-KR"} />;
}

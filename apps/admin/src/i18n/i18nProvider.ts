import polyglotI18nProvider from "ra-i18n-polyglot";
import { EN_LOCALE_NAME, enMessages } from "./en";
import { KO_LOCALE_NAME, koMessages } from "./ko";

/** Korean by default; English is one click away in the app bar (LocalesMenuButton). */
export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === "en" ? enMessages : koMessages),
  "ko",
  [
    { locale: "ko", name: KO_LOCALE_NAME },
    { locale: "en", name: EN_LOCALE_NAME },
  ],
);

import { useTranslate } from "react-admin";

const won = new Intl.NumberFormat("ko-KR", { maximumFractionDigits: 0 });

/** Formats integer won outside a record field (tables of lines, summaries): 29,900원. */
export function useWon(): (amount: number) => string {
  const translate = useTranslate();
  return (amount) => translate("ssp.won", { amount: won.format(amount) });
}

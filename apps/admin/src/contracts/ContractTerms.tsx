import { Table, TableBody, TableCell, TableRow } from "@mui/material";
import { type RaRecord, useRecordContext, useTranslate } from "react-admin";

const won = new Intl.NumberFormat("ko-KR", { maximumFractionDigits: 0 });

const MONEY = new Set(["monthlyFee", "registrationFee", "removalFee", "discountAmount"]);
const ORDER = [
  "kind",
  "monthlyFee",
  "termMonths",
  "mandatoryMonths",
  "registrationFee",
  "registrationFeeWaived",
  "ownershipTransfer",
  "serviceIntervalMonths",
  "earlyTerminationRate",
  "removalFee",
  "coolingOffDays",
  "discountAmount",
  "discountMonths",
] as const;

/** The plan terms frozen into the contract when it was drafted; the plan's labels describe them. */
export function ContractTerms() {
  const record = useRecordContext<RaRecord>();
  const translate = useTranslate();
  const terms = record?.terms as Record<string, unknown> | undefined;
  if (!terms) return null;
  const show = (key: string, value: unknown): string => {
    if (value === null || value === undefined) return "-";
    if (key === "kind") return translate(`ssp.planKind.${String(value)}`, { _: String(value) });
    if (typeof value === "boolean") return translate(value ? "ra.boolean.true" : "ra.boolean.false");
    if (MONEY.has(key) && typeof value === "number")
      return translate("ssp.won", { amount: won.format(value) });
    return String(value);
  };
  return (
    <Table size="small" data-testid="contract-terms">
      <TableBody>
        {ORDER.filter((k) => k in terms).map((key) => (
          <TableRow key={key}>
            <TableCell component="th" sx={{ width: "40%" }}>
              {translate(`resources.plans.fields.${key}`)}
            </TableCell>
            <TableCell>{show(key, terms[key])}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

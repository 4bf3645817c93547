import { Table, TableBody, TableCell, TableRow, Typography } from "@mui/material";
import { useQuery } from "@tanstack/react-query";
import { Labeled, useRecordContext, useTranslate } from "react-admin";
import { API_URL } from "../api-url";
import { httpClient } from "../dataProvider";
import { assetStatusChoices } from "../shared/choices";
import { useRole } from "../shared/use-role";
import { useWon } from "../shared/use-won";

export interface AssetEconomics {
  productId: number;
  units: number;
  unitsByStatus: Record<string, number>;
  acquisitionCost: number;
  accumulatedDepreciation: number;
  bookValue: number;
  rentBilled: number;
  margin: number;
}

const MONEY = ["acquisitionCost", "accumulatedDepreciation", "bookValue", "rentBilled", "margin"] as const;

/** The product's economics to date (owner and finance): units by status and the money in won. */
export function ProductEconomics() {
  const record = useRecordContext();
  const translate = useTranslate();
  const won = useWon();
  const { can } = useRole();
  const allowed = can("reports", "list");
  const { data, isError } = useQuery({
    queryKey: ["asset-economics", record?.id],
    queryFn: async () =>
      (await httpClient(`${API_URL}/asset-economics?productId=${encodeURIComponent(String(record?.id))}`))
        .json as AssetEconomics[],
    enabled: allowed && record?.id !== undefined,
  });
  if (!allowed || !record) return null;
  const row = data?.[0];
  return (
    <Labeled label="ssp.products.economics" fullWidth>
      {isError ? (
        <Typography variant="body2">{translate("ssp.products.economicsFailed")}</Typography>
      ) : !row ? (
        <Typography variant="body2">…</Typography>
      ) : (
        <Table size="small" data-testid="product-economics" sx={{ maxWidth: 560 }}>
          <TableBody>
            <TableRow>
              <TableCell component="th">{translate("ssp.products.units")}</TableCell>
              <TableCell align="right">
                {translate("ssp.products.unitCount", { count: row.units })}
                {row.units > 0 &&
                  ` (${assetStatusChoices
                    .filter((c) => (row.unitsByStatus[c.id] ?? 0) > 0)
                    .map((c) => `${translate(c.name)} ${row.unitsByStatus[c.id]}`)
                    .join(", ")})`}
              </TableCell>
            </TableRow>
            {MONEY.map((key) => (
              <TableRow key={key}>
                <TableCell component="th">{translate(`ssp.products.${key}`)}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
                  {won(row[key])}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Labeled>
  );
}

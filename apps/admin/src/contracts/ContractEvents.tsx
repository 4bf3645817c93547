import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import { useDateTime } from "../shared/use-date-time";
import { useContractQuery } from "./use-contract-query";

/** The signing audit trail: every step with time, IP and user agent (SPEC §3 E-signature). */
export function ContractEvents() {
  const translate = useTranslate();
  const dateTime = useDateTime();
  const { data: events } = useContractQuery("events", (dp, id) => dp.getContractEvents(id));
  if (!events) return null;
  if (events.length === 0) {
    return <Typography variant="body2">{translate("ssp.contracts.noEvents")}</Typography>;
  }
  return (
    <Table size="small" data-testid="contract-events">
      <TableHead>
        <TableRow>
          <TableCell>{translate("ssp.contracts.eventAt")}</TableCell>
          <TableCell>{translate("ssp.contracts.eventKind")}</TableCell>
          <TableCell>IP</TableCell>
          <TableCell>{translate("ssp.contracts.userAgent")}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {events.map((event) => (
          <TableRow key={String(event.id)}>
            <TableCell sx={{ whiteSpace: "nowrap" }}>{dateTime(event.at)}</TableCell>
            <TableCell>{translate(`ssp.contractEventKind.${event.kind}`, { _: event.kind })}</TableCell>
            <TableCell>{event.ip ?? "-"}</TableCell>
            <TableCell
              title={event.userAgent ?? undefined}
              sx={{ maxWidth: 320, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}
            >
              {event.userAgent ?? "-"}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

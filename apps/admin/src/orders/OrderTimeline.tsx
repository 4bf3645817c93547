import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { useQuery } from "@tanstack/react-query";
import { type Identifier, useDataProvider, useRecordContext, useTranslate } from "react-admin";
import type { OrderEvent, SspDataProvider } from "../dataProvider";
import { ServerTextSpan } from "../shared/ServerTextField";
import { useDateTime } from "../shared/use-date-time";

function describe(event: OrderEvent, translate: (key: string, options?: object) => string): string {
  const status = (s: string | null) => (s ? translate(`ssp.orderStatus.${s}`, { _: s }) : "");
  const kind = translate(`ssp.orderEventKind.${event.kind}`, { _: event.kind });
  const move = event.toStatus ? `${status(event.fromStatus) || "—"} → ${status(event.toStatus)}` : "";
  const detail = event.detail as { score?: unknown; grade?: unknown } | null;
  const credit =
    detail && typeof detail.score === "number"
      ? translate("ssp.orders.scoreGrade", { score: detail.score, grade: String(detail.grade) })
      : "";
  return [kind, move, credit].filter(Boolean).join(" · ");
}

/** Every event of the order, oldest first, from GET /orders/:id/timeline. */
export function OrderTimeline() {
  const record = useRecordContext();
  const translate = useTranslate();
  const dateTime = useDateTime();
  const dataProvider = useDataProvider<SspDataProvider>();
  const id = record?.id;
  const { data: events = [], isPending } = useQuery({
    queryKey: ["orders", "timeline", id],
    queryFn: () => dataProvider.getOrderTimeline(id as Identifier).then((r) => r.data),
    enabled: id !== undefined,
  });
  // The API names the actor (every role that reads the order, not only those that read users).
  const who = (event: OrderEvent) =>
    event.userId === null
      ? translate("ssp.orders.system")
      : (event.userName ?? translate("ssp.orders.formerUser"));

  if (isPending) return null;
  if (events.length === 0) {
    return <Typography variant="body2">{translate("ssp.orders.noEvents")}</Typography>;
  }
  const sorted = [...events].sort(
    (a, b) =>
      a.at.localeCompare(b.at) || String(a.id).localeCompare(String(b.id), undefined, { numeric: true }),
  );
  return (
    <Table size="small" data-testid="order-timeline">
      <TableHead>
        <TableRow>
          <TableCell>{translate("ssp.orders.when")}</TableCell>
          <TableCell>{translate("ssp.orders.event")}</TableCell>
          <TableCell>{translate("ssp.orders.who")}</TableCell>
          <TableCell>{translate("ssp.orders.note")}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sorted.map((event) => (
          <TableRow key={String(event.id)}>
            <TableCell sx={{ whiteSpace: "nowrap" }}>{dateTime(event.at)}</TableCell>
            <TableCell>{describe(event, translate)}</TableCell>
            <TableCell>{who(event)}</TableCell>
            <TableCell>
              <ServerTextSpan text={event.noteText} fallback={event.note} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

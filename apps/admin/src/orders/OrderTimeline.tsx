import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { useQuery } from "@tanstack/react-query";
import { type Identifier, useDataProvider, useGetMany, useRecordContext, useTranslate } from "react-admin";
import type { OrderEvent, SspDataProvider } from "../dataProvider";
import { useRole } from "../shared/use-role";

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
  const dataProvider = useDataProvider<SspDataProvider>();
  const { can } = useRole();
  const id = record?.id;
  const { data: events = [], isPending } = useQuery({
    queryKey: ["orders", "timeline", id],
    queryFn: () => dataProvider.getOrderTimeline(id as Identifier).then((r) => r.data),
    enabled: id !== undefined,
  });
  const userIds = [...new Set(events.map((e) => e.userId).filter((u): u is Identifier => u !== null))];
  // Only roles that may read users get names; the others see the user number.
  const { data: users = [] } = useGetMany(
    "users",
    { ids: userIds },
    { enabled: can("users", "show") && userIds.length > 0 },
  );
  const who = (userId: Identifier | null) => {
    if (userId === null) return translate("ssp.orders.system");
    const user = users.find((u) => String(u.id) === String(userId));
    return typeof user?.name === "string"
      ? user.name
      : translate("ssp.orders.userNumber", { id: String(userId) });
  };

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
            <TableCell>{new Date(event.at).toLocaleString("ko-KR")}</TableCell>
            <TableCell>{describe(event, translate)}</TableCell>
            <TableCell>{who(event.userId)}</TableCell>
            <TableCell>{event.note ?? ""}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

import {
  Box,
  Button,
  Card,
  CardContent,
  MenuItem,
  TextField as MuiTextField,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from "@mui/material";
import { type TicketStatus, ticketLifecycle } from "@ssp/domain";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  FunctionField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from "react-admin";
import { errorMessage } from "../shared/error-message";
import { LocaleDateField } from "../shared/LocaleDateField";
import { ServerTextSpan } from "../shared/ServerTextField";
import { StatusChipField } from "../shared/StatusChipField";
import { useDateTime } from "../shared/use-date-time";
import { useRole } from "../shared/use-role";
import { useServerText } from "../shared/use-server-text";
import { useWon } from "../shared/use-won";
import { TicketTransferPanel } from "./TicketTransferPanel";
import { TicketVisitList, TicketVisitPanel } from "./TicketVisitPanel";
import { ticketApi } from "./ticket-api";

interface TicketRecord {
  id: number;
  type: string;
  status: TicketStatus;
  priority: string;
  assigneeId: number | null;
  contractId: number | null;
  slaBreached: boolean;
}

function useAfterChange() {
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const notify = useNotify();
  return async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      notify(done, { type: "success" });
      await queryClient.invalidateQueries({ queryKey: ["tickets"] });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
    }
  };
}

/** Assignment (by name), priority and the next allowed statuses (from the domain's table). */
function TicketControls() {
  const record = useRecordContext<TicketRecord>();
  const translate = useTranslate();
  const { can } = useRole();
  const after = useAfterChange();
  const editable = can("tickets", "edit");
  const { data: people = [] } = useQuery({
    queryKey: ["tickets", "assignees"],
    queryFn: ticketApi.assignees,
    enabled: editable,
  });
  if (!record || !editable) return null;
  const next = ticketLifecycle.next(record.status);
  return (
    <Stack direction={{ xs: "column", sm: "row" }} spacing={2} sx={{ my: 2 }} alignItems="flex-start">
      <MuiTextField
        select
        size="small"
        sx={{ minWidth: 200 }}
        label={translate("ssp.tickets.assignee")}
        value={record.assigneeId ?? ""}
        disabled={record.status === "closed"}
        onChange={(e) =>
          after(
            () =>
              ticketApi.update(record.id, {
                assigneeId: e.target.value === "" ? null : Number(e.target.value),
              }),
            "ssp.tickets.assigned",
          )
        }
      >
        <MenuItem value="">{translate("ssp.tickets.unassigned")}</MenuItem>
        {people.map((p) => (
          <MenuItem key={p.id} value={p.id}>
            {`${p.name} (${translate(`ssp.role.${p.role}`, { _: p.role })})`}
          </MenuItem>
        ))}
      </MuiTextField>
      <Stack direction="row" spacing={1} flexWrap="wrap">
        {next.map((to) => (
          <Button
            key={to}
            variant="outlined"
            size="small"
            onClick={() => after(() => ticketApi.update(record.id, { status: to }), "ssp.tickets.moved")}
          >
            {translate(`ssp.tickets.moveTo.${to}`, { _: to })}
          </Button>
        ))}
      </Stack>
    </Stack>
  );
}

/** A cancellation request: today's exit quote, and the confirmation that terminates the contract. */
function CancellationPanel() {
  const record = useRecordContext<TicketRecord>();
  const translate = useTranslate();
  const won = useWon();
  const serverText = useServerText();
  const { can } = useRole();
  const after = useAfterChange();
  const open = record ? !["resolved", "closed"].includes(record.status) : false;
  const { data: quote, error } = useQuery({
    queryKey: ["tickets", "quote", record?.id],
    queryFn: () => ticketApi.quote(record!.id),
    enabled: record?.type === "cancellation_request" && open,
    retry: false,
  });
  if (record?.type !== "cancellation_request" || !open) return null;
  return (
    <Card variant="outlined" sx={{ my: 2 }}>
      <CardContent>
        <Typography variant="subtitle1">{translate("ssp.tickets.exitQuote")}</Typography>
        {error ? (
          <Typography color="error">{translate(errorMessage(error), { _: errorMessage(error) })}</Typography>
        ) : null}
        {quote ? (
          <Table size="small" aria-label={translate("ssp.tickets.exitQuote")}>
            <TableBody>
              {quote.items.map((item) => (
                <TableRow key={item.kind}>
                  <TableCell>
                    {translate(`ssp.quoteItemKind.${item.kind}`, {
                      _: serverText(item.text, item.description),
                    })}
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
                    {won(item.amount)}
                  </TableCell>
                </TableRow>
              ))}
              <TableRow>
                <TableCell>
                  <strong>{translate("ssp.tickets.quoteTotal", { date: quote.date })}</strong>
                </TableCell>
                <TableCell align="right">
                  <strong>{won(quote.total)}</strong>
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
        ) : null}
        {quote && can("contracts", "edit") ? (
          <Button
            sx={{ mt: 2 }}
            color="error"
            variant="contained"
            onClick={() => {
              if (window.confirm(translate("ssp.tickets.confirmCancellationAsk")))
                void after(() => ticketApi.confirmCancellation(record.id), "ssp.tickets.cancellationDone");
            }}
          >
            {translate("ssp.tickets.confirmCancellation")}
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** Replies, internal notes and events, oldest first, with the form to add a reply or a note. */
function TicketTimeline() {
  const record = useRecordContext<TicketRecord>();
  const translate = useTranslate();
  const dateTime = useDateTime();
  const { can } = useRole();
  const after = useAfterChange();
  const [kind, setKind] = useState<"reply" | "note">("reply");
  const [text, setText] = useState("");
  const { data: entries = [] } = useQuery({
    queryKey: ["tickets", "timeline", record?.id],
    queryFn: () => ticketApi.timeline(record!.id),
    enabled: !!record,
  });
  if (!record) return null;
  const status = (s: string | null) => (s ? translate(`ssp.ticketStatus.${s}`, { _: s }) : "");
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="h6" component="h2">
        {translate("ssp.tickets.timeline")}
      </Typography>
      <Stack spacing={1} sx={{ my: 1 }} component="ol" style={{ listStyle: "none", padding: 0 }}>
        {entries.map((e) => (
          <Box
            component="li"
            key={e.id}
            sx={{
              p: 1,
              borderLeft: 4,
              borderColor:
                e.kind === "note" ? "warning.main" : e.kind === "reply" ? "primary.main" : "divider",
              bgcolor: e.kind === "note" ? "rgba(237, 108, 2, 0.06)" : undefined,
            }}
          >
            <Typography variant="caption" color="text.secondary">
              {`${dateTime(e.at)} · ${
                e.author.name ?? translate("ssp.tickets.system")
              } · ${translate(`ssp.tickets.entryKind.${e.kind}`)}`}
            </Typography>
            <Typography variant="body2" sx={{ whiteSpace: "pre-wrap" }}>
              {e.toStatus ? `${status(e.fromStatus) || "—"} → ${status(e.toStatus)}` : ""}
              {e.toStatus && (e.body || e.bodyText) ? " · " : ""}
              <ServerTextSpan text={e.bodyText} fallback={e.body} />
            </Typography>
          </Box>
        ))}
      </Stack>
      {can("tickets", "edit") && record.status !== "closed" ? (
        <Box
          component="form"
          onSubmit={(ev) => {
            ev.preventDefault();
            if (!text.trim()) return;
            void after(
              async () => {
                await ticketApi.comment(record.id, { kind, body: text });
                setText("");
              },
              kind === "reply" ? "ssp.tickets.replied" : "ssp.tickets.noted",
            );
          }}
        >
          <ToggleButtonGroup
            exclusive
            size="small"
            value={kind}
            onChange={(_, v) => v && setKind(v)}
            aria-label={translate("ssp.tickets.commentKind")}
          >
            <ToggleButton value="reply">{translate("ssp.tickets.entryKind.reply")}</ToggleButton>
            <ToggleButton value="note">{translate("ssp.tickets.entryKind.note")}</ToggleButton>
          </ToggleButtonGroup>
          <MuiTextField
            fullWidth
            multiline
            minRows={3}
            sx={{ my: 1 }}
            label={translate(kind === "reply" ? "ssp.tickets.replyHelp" : "ssp.tickets.noteHelp")}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <Button type="submit" variant="contained" disabled={!text.trim()}>
            {translate("ssp.tickets.addComment")}
          </Button>
        </Box>
      ) : null}
    </Box>
  );
}

function TicketVisits() {
  const after = useAfterChange();
  return (
    <>
      <TicketVisitPanel after={after} />
      <TicketVisitList />
      <TicketTransferPanel after={after} />
    </>
  );
}

export function TicketShow() {
  const translate = useTranslate();
  const dateTime = useDateTime();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="number" />
        <TextField source="subject" />
        <FunctionField
          source="type"
          render={(r: { type: string }) => translate(`ssp.ticketType.${r.type}`, { _: r.type })}
        />
        <StatusChipField source="status" prefix="ssp.ticketStatus" />
        <FunctionField
          source="priority"
          render={(r: { priority: string }) =>
            translate(`ssp.ticketPriority.${r.priority}`, { _: r.priority })
          }
        />
        <FunctionField
          source="slaDueAt"
          render={(r: { slaDueAt: string; slaBreached: boolean }) =>
            `${dateTime(r.slaDueAt)}${r.slaBreached ? ` · ${translate("ssp.tickets.breached")}` : ""}`
          }
        />
        <ReferenceField source="customerId" reference="customers" />
        <ReferenceField source="contractId" reference="contracts" emptyText="-" />
        <FunctionField
          source="source"
          render={(r: { source: string }) => translate(`ssp.tickets.source.${r.source}`, { _: r.source })}
        />
        <TextField source="body" sx={{ whiteSpace: "pre-wrap" }} />
        <LocaleDateField source="createdAt" showTime />
        <TicketControls />
        <CancellationPanel />
        <TicketVisits />
        <TicketTimeline />
      </SimpleShowLayout>
    </Show>
  );
}

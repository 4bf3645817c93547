import {
  Button,
  Card,
  CardContent,
  Chip,
  TextField as MuiTextField,
  Stack,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from "@mui/material";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useRecordContext, useTranslate } from "react-admin";
import { type CustomerOption, CustomerSearch } from "../shared/CustomerSearch";
import { isIsoDate } from "../shared/seoul-today";
import { useRole } from "../shared/use-role";
import { type ContractTransfer, transferApi } from "./ticket-api";

interface TicketRecord {
  id: number;
  type: string;
  status: string;
}

const OPEN = ["requested", "credit_review", "credit_approved", "sent", "signed"];

/**
 * A name_transfer ticket (명의변경): start the transfer to a new holder, then run the credit
 * check, send the agreement for signing, or cancel — each step its own endpoint. Completion
 * happens when the new holder signs; the status here follows it.
 */
export function TicketTransferPanel({
  after,
}: {
  after: (work: () => Promise<unknown>, done: string) => Promise<void>;
}) {
  const record = useRecordContext<TicketRecord>();
  const translate = useTranslate();
  const { can } = useRole();
  const { data: transfers = [] } = useQuery({
    queryKey: ["tickets", "transfers", record?.id],
    queryFn: () => transferApi.list(record!.id),
    enabled: record?.type === "name_transfer",
  });
  if (!record || record.type !== "name_transfer") return null;
  const editable = can("tickets", "edit") && !["resolved", "closed"].includes(record.status);
  const current = transfers.find((t) => OPEN.includes(t.status));
  return (
    <Card variant="outlined" sx={{ my: 2 }} data-testid="transfer-panel">
      <CardContent>
        <Typography variant="subtitle1">{translate("ssp.tickets.transfer.title")}</Typography>
        <Typography variant="body2" color="text.secondary">
          {translate("ssp.tickets.transfer.help")}
        </Typography>
        {transfers.map((t) => (
          <TransferRow key={t.id} transfer={t} editable={editable && t === current} after={after} />
        ))}
        {editable && !current ? <StartTransfer ticketId={record.id} after={after} /> : null}
      </CardContent>
    </Card>
  );
}

function TransferRow(props: {
  transfer: ContractTransfer;
  editable: boolean;
  after: (work: () => Promise<unknown>, done: string) => Promise<void>;
}) {
  const { transfer: t, editable, after } = props;
  const translate = useTranslate();
  const [reason, setReason] = useState("");
  const canCancel = ["requested", "credit_review", "credit_approved", "sent"].includes(t.status);
  return (
    <Stack spacing={1} sx={{ mt: 2, p: 1, border: 1, borderColor: "divider", borderRadius: 1 }}>
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap">
        <Chip
          size="small"
          label={translate(`ssp.transferStatus.${t.status}`, { _: t.status })}
          data-testid="transfer-status"
        />
        <Typography variant="body2">
          {translate("ssp.tickets.transfer.fromTo", {
            from: t.fromCustomerName ?? "-",
            to: t.toCustomerName ?? "-",
          })}
        </Typography>
        {t.credit ? (
          <Typography variant="body2" color="text.secondary">
            {translate("ssp.tickets.transfer.credit", { score: t.credit.score, grade: t.credit.grade })}
          </Typography>
        ) : null}
      </Stack>
      {t.cancelReason ? (
        <Typography variant="body2" color="text.secondary">
          {t.cancelReason}
        </Typography>
      ) : null}
      {editable ? (
        <Stack direction={{ xs: "column", sm: "row" }} spacing={1} alignItems="flex-start">
          {t.status === "requested" ? (
            <Button
              variant="contained"
              onClick={() => void after(() => transferApi.creditCheck(t.id), "ssp.tickets.transfer.checked")}
            >
              {translate("ssp.tickets.transfer.creditCheck")}
            </Button>
          ) : null}
          {t.status === "credit_approved" || t.status === "sent" ? (
            <Button
              variant="contained"
              onClick={() => void after(() => transferApi.send(t.id), "ssp.tickets.transfer.sent")}
            >
              {translate(t.status === "sent" ? "ssp.tickets.transfer.resend" : "ssp.tickets.transfer.send")}
            </Button>
          ) : null}
          {t.status === "credit_review" || canCancel ? (
            <MuiTextField
              size="small"
              label={translate("ssp.tickets.transfer.reason")}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          ) : null}
          {t.status === "credit_review" ? (
            <>
              <Button
                disabled={reason.trim().length < 2}
                onClick={() =>
                  void after(() => transferApi.decide(t.id, true, reason), "ssp.tickets.transfer.decided")
                }
              >
                {translate("ssp.tickets.transfer.approve")}
              </Button>
              <Button
                disabled={reason.trim().length < 2}
                onClick={() =>
                  void after(() => transferApi.decide(t.id, false, reason), "ssp.tickets.transfer.decided")
                }
              >
                {translate("ssp.tickets.transfer.decline")}
              </Button>
            </>
          ) : null}
          {canCancel ? (
            <Button
              color="error"
              disabled={reason.trim().length < 2}
              onClick={() =>
                void after(() => transferApi.cancel(t.id, reason), "ssp.tickets.transfer.cancelled")
              }
            >
              {translate("ssp.tickets.transfer.cancel")}
            </Button>
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}

/** The new holder: a customer the partner has (found by name or phone) or one registered here with consent. */
function StartTransfer(props: {
  ticketId: number;
  after: (work: () => Promise<unknown>, done: string) => Promise<void>;
}) {
  const translate = useTranslate();
  const [mode, setMode] = useState<"new" | "existing">("new");
  const [existing, setExisting] = useState<CustomerOption | null>(null);
  const [fields, setFields] = useState({ name: "", birthDate: "", phone: "", email: "" });
  const [consent, setConsent] = useState(false);
  const set = (key: keyof typeof fields) => (e: { target: { value: string } }) =>
    setFields({ ...fields, [key]: e.target.value });
  const ready =
    mode === "existing"
      ? existing !== null
      : fields.name.trim().length >= 2 &&
        isIsoDate(fields.birthDate) &&
        fields.phone.trim().length >= 9 &&
        consent;
  const start = () =>
    props.after(
      () =>
        transferApi.start(
          props.ticketId,
          mode === "existing"
            ? { customerId: existing!.id }
            : { customer: { ...fields, consents: { privacy: true, creditInquiry: true } } },
        ),
      "ssp.tickets.transfer.started",
    );
  return (
    <Stack spacing={1} sx={{ mt: 2 }}>
      <ToggleButtonGroup exclusive size="small" value={mode} onChange={(_, v) => v && setMode(v)}>
        <ToggleButton value="new">{translate("ssp.tickets.transfer.newCustomer")}</ToggleButton>
        <ToggleButton value="existing">{translate("ssp.tickets.transfer.existingCustomer")}</ToggleButton>
      </ToggleButtonGroup>
      {mode === "existing" ? (
        <CustomerSearch
          label={translate("ssp.tickets.transfer.customerId")}
          value={existing}
          onChange={setExisting}
        />
      ) : (
        <Stack direction={{ xs: "column", sm: "row" }} spacing={1} flexWrap="wrap">
          <MuiTextField
            size="small"
            label={translate("ssp.tickets.transfer.name")}
            value={fields.name}
            onChange={set("name")}
          />
          <MuiTextField
            size="small"
            type="date"
            label={translate("ssp.tickets.transfer.birthDate")}
            value={fields.birthDate}
            onChange={set("birthDate")}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <MuiTextField
            size="small"
            label={translate("ssp.tickets.transfer.phone")}
            value={fields.phone}
            onChange={set("phone")}
          />
          <MuiTextField
            size="small"
            label={translate("ssp.tickets.transfer.email")}
            value={fields.email}
            onChange={set("email")}
          />
        </Stack>
      )}
      {mode === "new" ? (
        <label>
          <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />{" "}
          {translate("ssp.tickets.transfer.consent")}
        </label>
      ) : null}
      <div>
        <Button variant="contained" disabled={!ready} onClick={() => void start()}>
          {translate("ssp.tickets.transfer.start")}
        </Button>
      </div>
    </Stack>
  );
}

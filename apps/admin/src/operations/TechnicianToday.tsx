import QrCodeScannerIcon from "@mui/icons-material/QrCodeScanner";
import {
  Alert,
  Box,
  Button,
  Card,
  CardActions,
  CardContent,
  Chip,
  Link,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { Title, useNotify, useTranslate } from "react-admin";
import { Link as RouterLink } from "react-router-dom";
import { SignatureCanvas } from "../deliveries/SignatureCanvas";
import { errorMessage } from "../shared/error-message";
import { ServerTextSpan } from "../shared/ServerTextField";
import { seoulToday } from "../shared/seoul-today";
import { BarcodeScanDialog } from "./BarcodeScanDialog";
import { flushCompletions, isNetworkFailure, queueCompletion, queuedCompletions } from "./offline-queue";
import { operationsApi, type Stop } from "./operations-api";

/** "필터 1, 패킹 2" → parts with quantities (a bare name counts one). */
export function parseParts(text: string): { name: string; quantity: number }[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(.*?)\s*[x×*]?\s*(\d+)$/.exec(s);
      return m?.[1] ? { name: m[1].trim(), quantity: Number(m[2]) } : { name: s, quantity: 1 };
    });
}

function VisitCompletionForm({ stop, onDone }: { stop: Stop; onDone: (queued: boolean) => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [serial, setSerial] = useState("");
  const [scanning, setScanning] = useState(false);
  const [notes, setNotes] = useState("");
  const [parts, setParts] = useState("");
  const [signature, setSignature] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const serialOk = !stop.serialNumber || serial.trim() === stop.serialNumber;
  const ready = notes.trim().length > 0 && signature !== null && serial.trim().length > 0;

  const submit = async () => {
    if (!signature) return;
    const body = {
      notes: notes.trim(),
      partsUsed: parseParts(parts),
      signature: { kind: "drawn" as const, dataUrl: signature },
      serialNumber: serial.trim(),
    };
    setPending(true);
    try {
      if (!navigator.onLine) throw new TypeError("offline");
      await operationsApi.completeVisit(stop.id, body);
      notify("ssp.today.completed", { type: "success" });
      onDone(false);
    } catch (error) {
      if (isNetworkFailure(error)) {
        queueCompletion({ visitId: stop.id, body, queuedAt: new Date().toISOString() });
        notify("ssp.today.queued", { type: "warning" });
        onDone(true);
      } else notify(errorMessage(error), { type: "error" });
    } finally {
      setPending(false);
    }
  };

  return (
    <Stack spacing={1.5} sx={{ mt: 1 }}>
      <Stack direction="row" spacing={1} alignItems="flex-start">
        <TextField
          label={translate("ssp.today.serial")}
          value={serial}
          onChange={(e) => setSerial(e.target.value)}
          error={serial.trim() !== "" && !serialOk}
          helperText={serial.trim() !== "" && !serialOk ? translate("ssp.today.serialMismatch") : " "}
          slotProps={{ htmlInput: { autoCapitalize: "characters", inputMode: "text" } }}
          fullWidth
        />
        {/* On a phone only the icon, so the serial keeps its width; the name is always there. */}
        <Button
          variant="outlined"
          aria-label={translate("ssp.today.scan.button")}
          onClick={() => setScanning(true)}
          sx={{ flexShrink: 0, minHeight: 56, minWidth: 56, whiteSpace: "nowrap", gap: 1 }}
        >
          <QrCodeScannerIcon />
          <Box component="span" sx={{ display: { xs: "none", sm: "inline" } }}>
            {translate("ssp.today.scan.button")}
          </Box>
        </Button>
      </Stack>
      <BarcodeScanDialog
        open={scanning}
        onClose={() => setScanning(false)}
        onDetected={(text) => {
          setSerial(text.trim());
          setScanning(false);
        }}
      />
      <TextField
        label={translate("ssp.today.notes")}
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
        multiline
        minRows={2}
        fullWidth
      />
      <TextField
        label={translate("ssp.today.parts")}
        helperText={translate("ssp.today.partsHelp")}
        value={parts}
        onChange={(e) => setParts(e.target.value)}
        fullWidth
      />
      <Typography variant="body2">{translate("ssp.today.signHere")}</Typography>
      <SignatureCanvas onChange={setSignature} />
      <Button variant="contained" size="large" disabled={!ready || !serialOk || pending} onClick={submit}>
        {translate("ssp.today.complete")}
      </Button>
    </Stack>
  );
}

function StopCard({ stop, queued, onChanged }: { stop: Stop; queued: boolean; onChanged: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const done = ["completed", "installed", "done"].includes(stop.status) || queued;
  return (
    <Card variant="outlined" data-testid={`stop-${stop.kind}-${stop.id}`}>
      <CardContent sx={{ pb: 1 }}>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }} useFlexGap flexWrap="wrap">
          <Chip size="small" color="primary" label={translate(`ssp.today.kind.${stop.kind}`)} />
          <Typography variant="body2">{stop.date}</Typography>
          {queued ? (
            <Chip size="small" color="warning" label={translate("ssp.today.waitingToSend")} />
          ) : done ? (
            <Chip size="small" color="success" label={translate("ssp.today.done")} />
          ) : null}
        </Stack>
        <Typography variant="h6">{stop.customerName}</Typography>
        <Typography variant="body2" color="text.secondary">
          {stop.productName} · {stop.contractNumber}
          {stop.serialNumber ? ` · ${stop.serialNumber}` : ""}
        </Typography>
        {stop.address ? (
          <Link
            href={stop.mapUrl ?? undefined}
            target="_blank"
            rel="noreferrer"
            sx={{ display: "block", mt: 1 }}
          >
            {stop.address}
          </Link>
        ) : null}
        {stop.customerPhone ? (
          <Link href={`tel:${stop.customerPhone.replace(/[^0-9+]/g, "")}`} sx={{ display: "block" }}>
            {translate("ssp.today.call", { phone: stop.customerPhone })}
          </Link>
        ) : null}
        {stop.note ? (
          <Typography variant="body2" sx={{ mt: 1 }}>
            <ServerTextSpan text={stop.noteText} fallback={stop.note} />
          </Typography>
        ) : null}
        {open && stop.kind === "visit" && !done ? (
          <VisitCompletionForm
            stop={stop}
            onDone={() => {
              setOpen(false);
              onChanged();
            }}
          />
        ) : null}
      </CardContent>
      {!done ? (
        <CardActions>
          {stop.kind === "visit" && !open ? (
            <Button variant="contained" fullWidth onClick={() => setOpen(true)}>
              {translate("ssp.today.startVisit")}
            </Button>
          ) : null}
          {stop.kind === "installation" ? (
            <Button variant="contained" fullWidth component={RouterLink} to={`/deliveries/${stop.id}`}>
              {translate("ssp.today.install")}
            </Button>
          ) : null}
          {stop.kind === "return" ? (
            <Button
              variant="contained"
              fullWidth
              onClick={async () => {
                try {
                  await operationsApi.completeTask(stop.id, translate("ssp.today.returnedOutcome"));
                  notify("ssp.tasks.completed", { type: "success" });
                  onChanged();
                } catch (error) {
                  notify(errorMessage(error), { type: "error" });
                }
              }}
            >
              {translate("ssp.today.pickedUp")}
            </Button>
          ) : null}
        </CardActions>
      ) : null}
    </Card>
  );
}

/**
 * 오늘의 작업: a technician's installations, visits and returns of today and tomorrow in route
 * order, phone-first. Completions made without a connection wait in this browser and are sent
 * when it is back online.
 */
export function TechnicianToday() {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(seoulToday());
  const [queued, setQueued] = useState(() => new Set(queuedCompletions().map((q) => q.visitId)));
  const { data, error, isPending } = useQuery({
    queryKey: ["technician-day", date],
    queryFn: () => operationsApi.technicianDay(date),
  });
  const reload = useCallback(() => {
    setQueued(new Set(queuedCompletions().map((q) => q.visitId)));
    void queryClient.invalidateQueries({ queryKey: ["technician-day"] });
  }, [queryClient]);

  const flush = useCallback(async () => {
    if (queuedCompletions().length === 0) return;
    const { sent } = await flushCompletions(
      (q) => operationsApi.completeVisit(q.visitId, q.body),
      (_q, err) => notify(errorMessage(err), { type: "error" }),
    );
    if (sent > 0) notify("ssp.today.sentQueued", { type: "success", messageArgs: { smart_count: sent } });
    reload();
  }, [notify, reload]);

  useEffect(() => {
    void flush();
    const online = () => void flush();
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [flush]);

  const stops = data?.stops ?? [];
  const days = [...new Set(stops.map((s) => s.date))];
  return (
    <Box sx={{ maxWidth: 560, mx: "auto", p: { xs: 1, sm: 2 } }}>
      <Title title="ssp.today.title" />
      <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 2 }}>
        <Typography variant="h5" sx={{ flexGrow: 1 }}>
          {translate("ssp.today.title")}
        </Typography>
        <TextField
          type="date"
          size="small"
          value={date}
          onChange={(e) => e.target.value && setDate(e.target.value)}
          slotProps={{ htmlInput: { "aria-label": translate("ssp.today.date") } }}
        />
      </Stack>
      {queued.size > 0 ? (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate("ssp.today.pendingSync", { smart_count: queued.size })}
        </Alert>
      ) : null}
      {error ? (
        <Alert severity="error">{translate(errorMessage(error), { _: errorMessage(error) })}</Alert>
      ) : null}
      {isPending ? <Typography>{translate("ra.page.loading")}</Typography> : null}
      {!isPending && stops.length === 0 ? (
        <Alert severity="info">{translate("ssp.today.nothing")}</Alert>
      ) : null}
      {days.map((day) => (
        <Box key={day} sx={{ mb: 3 }}>
          <Typography variant="subtitle1" sx={{ mb: 1 }}>
            {day === date
              ? translate("ssp.today.today", { date: day })
              : translate("ssp.today.tomorrow", { date: day })}
          </Typography>
          <Stack spacing={1.5}>
            {stops
              .filter((s) => s.date === day)
              .map((s) => (
                <StopCard
                  key={`${s.kind}-${s.id}`}
                  stop={s}
                  queued={s.kind === "visit" && queued.has(s.id)}
                  onChanged={reload}
                />
              ))}
          </Stack>
        </Box>
      ))}
    </Box>
  );
}

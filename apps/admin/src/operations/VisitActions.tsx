import { Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from "@mui/material";
import { useState } from "react";
import { Button, type RaRecord, useNotify, useRecordContext, useRefresh, useTranslate } from "react-admin";
import { errorMessage } from "../shared/error-message";
import { ReasonDialog } from "../shared/ReasonDialog";
import { seoulToday } from "../shared/seoul-today";
import { useRole } from "../shared/use-role";
import { operationsApi } from "./operations-api";
import { TechnicianPicker } from "./TechnicianPicker";

type Open = "assign" | "reschedule" | "cancel" | null;

/** Assign (technician picker with the day's load), reschedule and cancel, each with its endpoint. */
export function VisitActions() {
  const record = useRecordContext<
    RaRecord & { status: string; scheduledOn: string; technicianId: number | null }
  >();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { can, role } = useRole();
  const [open, setOpen] = useState<Open>(null);
  const [pending, setPending] = useState(false);
  const [technicianId, setTechnicianId] = useState<number | "">("");
  const [date, setDate] = useState("");
  const [reason, setReason] = useState("");
  if (!record || !can("service-visits", "edit") || role === "technician") return null;
  if (!["scheduled", "assigned"].includes(record.status)) return null;

  const run = async (work: () => Promise<unknown>, done: string) => {
    setPending(true);
    try {
      await work();
      notify(done, { type: "success" });
      setOpen(null);
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
    } finally {
      setPending(false);
    }
  };

  return (
    <Stack direction="row" spacing={1} onClick={(e) => e.stopPropagation()}>
      <Button
        label="ssp.visits.assign"
        onClick={() => {
          setTechnicianId(record.technicianId ?? "");
          setOpen("assign");
        }}
      />
      <Button
        label="ssp.visits.reschedule"
        onClick={() => {
          // The visit's own date, or today if that has passed (ISO dates sort as text).
          setDate([record.scheduledOn, seoulToday()].sort()[1] ?? seoulToday());
          setReason("");
          setOpen("reschedule");
        }}
      />
      <Button label="ssp.visits.cancel" color="error" onClick={() => setOpen("cancel")} />
      <Dialog open={open === "assign"} onClose={() => setOpen(null)} fullWidth maxWidth="xs">
        <DialogTitle>{translate("ssp.visits.assignTitle")}</DialogTitle>
        <DialogContent>
          <TechnicianPicker
            date={record.scheduledOn}
            value={technicianId}
            onChange={setTechnicianId}
            job={{ contractId: Number(record.contractId) }}
          />
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={() => setOpen(null)} />
          <Button
            label="ssp.visits.assign"
            variant="contained"
            disabled={pending || technicianId === ""}
            onClick={() =>
              run(() => operationsApi.assignVisit(record.id, Number(technicianId)), "ssp.visits.assigned")
            }
          />
        </DialogActions>
      </Dialog>
      <Dialog open={open === "reschedule"} onClose={() => setOpen(null)} fullWidth maxWidth="xs">
        <DialogTitle>{translate("ssp.visits.rescheduleTitle")}</DialogTitle>
        <DialogContent>
          <TextField
            type="date"
            fullWidth
            margin="dense"
            label={translate("ssp.visits.newDate")}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            fullWidth
            margin="dense"
            multiline
            minRows={2}
            label={translate("ssp.actions.reason")}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={() => setOpen(null)} />
          <Button
            label="ssp.visits.reschedule"
            variant="contained"
            disabled={pending || !date || reason.trim().length < 2}
            onClick={() =>
              run(
                () => operationsApi.rescheduleVisit(record.id, date, reason.trim()),
                "ssp.visits.rescheduled",
              )
            }
          />
        </DialogActions>
      </Dialog>
      <ReasonDialog
        open={open === "cancel"}
        title={translate("ssp.visits.cancelTitle")}
        confirmLabel="ssp.visits.cancel"
        pending={pending}
        onClose={() => setOpen(null)}
        onConfirm={(why) => run(() => operationsApi.cancelVisit(record.id, why), "ssp.visits.cancelled")}
      />
    </Stack>
  );
}

import { Dialog, DialogActions, DialogContent, DialogTitle, TextField } from "@mui/material";
import { useState } from "react";
import { Button, useTranslate } from "react-admin";

/**
 * Asks for the reason an action needs (approve, decline, cancel). The confirm button stays
 * disabled until a reason is written, since the API refuses the action without one.
 */
export function ReasonDialog({
  open,
  title,
  confirmLabel,
  pending,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  pending?: boolean;
  onConfirm: (reason: string) => void | Promise<void>;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const [reason, setReason] = useState("");
  const trimmed = reason.trim();
  const close = () => {
    setReason("");
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <TextField
          label={translate("ssp.actions.reason")}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          fullWidth
          multiline
          minRows={2}
          margin="dense"
          helperText={trimmed ? " " : translate("ssp.actions.reasonRequired")}
        />
      </DialogContent>
      <DialogActions>
        <Button label="ra.action.cancel" onClick={close} />
        <Button
          label={confirmLabel}
          variant="contained"
          disabled={!trimmed || pending}
          onClick={async () => {
            await onConfirm(trimmed);
            setReason("");
          }}
        />
      </DialogActions>
    </Dialog>
  );
}

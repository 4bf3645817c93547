import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { messageOf } from "../shared/public-api";
import { ko } from "../strings";

/** Declining is deliberate: a reason is asked for, and the API cancels the contract. */
export function DeclineDialog(props: {
  open: boolean;
  onClose: () => void;
  onDecline: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    if (reason.trim().length < 2) {
      setError(ko.signing.declineReasonTooShort);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onDecline(reason.trim());
    } catch (caught) {
      setError(messageOf(caught));
      setBusy(false);
    }
  }

  return (
    <Dialog open={props.open} onClose={busy ? undefined : props.onClose} fullWidth maxWidth="xs">
      <DialogTitle>{ko.signing.declineTitle}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {ko.signing.declineHelp}
        </Typography>
        <TextField
          label={ko.signing.declineReason}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          multiline
          minRows={3}
          fullWidth
          autoFocus
          slotProps={{ htmlInput: { maxLength: 500, "data-testid": "decline-reason-input" } }}
        />
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={busy}>
          {ko.common.cancel}
        </Button>
        <Button
          color="error"
          variant="contained"
          onClick={confirm}
          disabled={busy}
          data-testid="decline-confirm-button"
        >
          {ko.signing.declineConfirm}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

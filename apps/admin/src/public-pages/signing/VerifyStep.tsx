import { Alert, Button, Paper, Stack, TextField, Typography } from "@mui/material";
import { type FormEvent, useState } from "react";
import { formatBirthDateInput, isIsoDate } from "../shared/format";
import { PublicApiError } from "../shared/public-api";
import { ko } from "../strings";
import type { SigningApi } from "./signing-api";

/** Step 1: the signer proves who they are with their birth date; the API counts the misses. */
export function VerifyStep(props: {
  api: SigningApi;
  remainingAttempts: number;
  onVerified: (proof: string) => void;
  onFatal: (error: PublicApiError) => void;
}) {
  const [birthDate, setBirthDate] = useState("");
  const [remaining, setRemaining] = useState(props.remainingAttempts);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!isIsoDate(birthDate)) {
      setError(ko.signing.birthDateFormat);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { proof } = await props.api.verify(birthDate);
      props.onVerified(proof);
    } catch (caught) {
      if (caught instanceof PublicApiError && caught.code === "verification_failed") {
        setError(caught.message);
        const left = caught.numberField("remainingAttempts");
        if (left !== undefined) setRemaining(left);
      } else if (caught instanceof PublicApiError && caught.status !== 0 && caught.status !== 400) {
        props.onFatal(caught);
      } else {
        setError(caught instanceof PublicApiError ? caught.message : ko.common.unexpectedError);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper variant="outlined" component="form" onSubmit={submit} noValidate sx={{ p: 2 }}>
      <Stack spacing={2}>
        <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 700 }}>
          {ko.signing.verifyTitle}
        </Typography>
        <Typography variant="body2">{ko.signing.verifyHelp}</Typography>
        <TextField
          label={ko.signing.birthDate}
          placeholder={ko.signing.birthDatePlaceholder}
          value={birthDate}
          onChange={(event) => setBirthDate(formatBirthDateInput(event.target.value))}
          autoComplete="bday"
          fullWidth
          error={Boolean(error)}
          slotProps={{ htmlInput: { inputMode: "numeric", maxLength: 10, "data-testid": "birthdate-input" } }}
        />
        {error && (
          <Alert severity="error" data-testid="verify-error">
            {error}
          </Alert>
        )}
        <Typography variant="body2" color="text.secondary" data-testid="remaining-attempts">
          {ko.signing.remainingAttempts(remaining)}
        </Typography>
        <Button type="submit" variant="contained" size="large" disabled={busy} data-testid="verify-button">
          {ko.signing.verify}
        </Button>
      </Stack>
    </Paper>
  );
}

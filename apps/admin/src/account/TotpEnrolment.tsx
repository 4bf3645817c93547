import { Alert, Box, Button, CircularProgress, Stack, TextField, Typography } from "@mui/material";
import { QRCodeSVG } from "qrcode.react";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslate } from "react-admin";
import { accountApi, useApiMessage } from "./account-api";

/**
 * Setting up an authenticator app: the QR code to scan (and the key to type, for a phone that
 * cannot scan), then the first code it shows, which `onCode` sends (to finish signing in, or
 * to turn the factor on from the account page).
 */
export function TotpEnrolment(props: { onCode: (code: string) => Promise<void> }) {
  const translate = useTranslate();
  const apiMessage = useApiMessage();
  const [setup, setSetup] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    accountApi.setupTotp().then(
      (answer) => live && setSetup(answer),
      (caught: unknown) => live && setError(apiMessage(caught) ?? translate("ssp.account.failed")),
    );
    return () => {
      live = false;
    };
  }, [translate, apiMessage]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.onCode(code.trim());
    } catch (caught) {
      setError(apiMessage(caught, "code") ?? translate("ssp.account.failed"));
      setBusy(false);
    }
  }

  if (!setup) return error ? <Alert severity="error">{error}</Alert> : <CircularProgress aria-busy />;
  return (
    <Stack component="form" spacing={2} onSubmit={submit} data-testid="totp-enrolment">
      <Typography variant="body2">{translate("ssp.account.enrolHelp")}</Typography>
      <Box sx={{ alignSelf: "center", p: 1, bgcolor: "#fff" }}>
        <QRCodeSVG value={setup.otpauthUri} size={180} title={translate("ssp.account.qrTitle")} />
      </Box>
      <Typography variant="caption" sx={{ wordBreak: "break-all" }}>
        {translate("ssp.account.manualKey")}: <code data-testid="totp-secret">{setup.secret}</code>
      </Typography>
      <TextField
        label={translate("ssp.account.code")}
        name="code"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        inputProps={{ inputMode: "numeric", autoComplete: "one-time-code", maxLength: 6 }}
        autoFocus
      />
      {error && <Alert severity="error">{error}</Alert>}
      <Button type="submit" variant="contained" disabled={busy || !/^\d{6}$/.test(code.trim())}>
        {translate("ssp.account.enable")}
      </Button>
    </Stack>
  );
}

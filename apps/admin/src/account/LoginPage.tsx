import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from "@mui/material";
import { type FormEvent, useState } from "react";
import { useLogin, useTranslate } from "react-admin";
import { SecondFactorDue } from "../authProvider";
import { useApiMessage } from "./account-api";
import { TotpEnrolment } from "./TotpEnrolment";

type Step = "password" | "verify" | "enroll";

/**
 * Signing in: e-mail and password, then — for roles that need it, or users who turned it on —
 * the code from an authenticator app, or setting one up first (issue 14 finding 4).
 */
export function LoginPage() {
  const translate = useTranslate();
  const apiMessage = useApiMessage();
  const login = useLogin();
  const [step, setStep] = useState<Step>("password");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function attempt(params: Parameters<typeof login>[0]) {
    setBusy(true);
    setError(null);
    try {
      await login(params);
    } catch (caught) {
      if (caught instanceof SecondFactorDue) setStep(caught.step);
      else setError(apiMessage(caught, "code") ?? translate("ra.auth.sign_in_error"));
    } finally {
      setBusy(false);
    }
  }

  const submitPassword = (event: FormEvent) => {
    event.preventDefault();
    void attempt({ email, password });
  };
  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    void attempt({ code: code.trim() });
  };

  return (
    <Box
      sx={{ minHeight: "100vh", display: "grid", placeItems: "center", bgcolor: "background.default", p: 2 }}
    >
      <Card sx={{ width: "100%", maxWidth: 380 }}>
        <CardContent>
          <Typography component="h1" variant="h6" sx={{ mb: 2 }}>
            {translate(step === "password" ? "ssp.title" : `ssp.account.${step}Title`)}
          </Typography>
          {step === "password" && (
            <Stack component="form" spacing={2} onSubmit={submitPassword}>
              <TextField
                label={translate("ra.auth.email")}
                name="email"
                type="email"
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                required
                autoFocus
              />
              <TextField
                label={translate("ra.auth.password")}
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
              />
              {error && <Alert severity="error">{error}</Alert>}
              <Button type="submit" variant="contained" disabled={busy}>
                {translate("ra.auth.sign_in")}
              </Button>
            </Stack>
          )}
          {step === "verify" && (
            <Stack component="form" spacing={2} onSubmit={submitCode} data-testid="totp-verify">
              <Typography variant="body2">{translate("ssp.account.verifyHelp")}</Typography>
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
                {translate("ssp.account.verify")}
              </Button>
            </Stack>
          )}
          {step === "enroll" && (
            <Stack spacing={2}>
              <Alert severity="info">{translate("ssp.account.enrolRequired")}</Alert>
              <TotpEnrolment onCode={(enrolmentCode) => login({ enrolmentCode })} />
            </Stack>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}

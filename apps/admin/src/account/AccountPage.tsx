import { Alert, Button, Card, CardContent, Chip, Stack, TextField, Typography } from "@mui/material";
import { type FormEvent, useState } from "react";
import { Title, useAuthProvider, useGetIdentity, useNotify, useTranslate } from "react-admin";
import { accountApi, useApiMessage } from "./account-api";
import { TotpEnrolment } from "./TotpEnrolment";

/** The signed-in staff member's own account: password and second factor. */
export function AccountPage() {
  const translate = useTranslate();
  return (
    <Stack spacing={2} sx={{ maxWidth: 520, mt: 2 }}>
      <Title title={translate("ssp.account.title")} />
      <PasswordCard />
      <TwoFactorCard />
    </Stack>
  );
}

function PasswordCard() {
  const translate = useTranslate();
  const apiMessage = useApiMessage();
  const notify = useNotify();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [errors, setErrors] = useState<{ current?: string; next?: string; other?: string }>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await accountApi.changePassword(current, next);
      setCurrent("");
      setNext("");
      notify("ssp.account.passwordChanged", { type: "success" });
    } catch (caught) {
      const body = (caught as { body?: { errors?: Record<string, string> } }).body;
      setErrors({
        current: apiMessage(caught, "currentPassword"),
        next: apiMessage(caught, "newPassword"),
        other: body?.errors ? undefined : apiMessage(caught),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card>
      <CardContent>
        <Stack component="form" spacing={2} onSubmit={submit} data-testid="password-form">
          <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 700 }}>
            {translate("ssp.account.passwordTitle")}
          </Typography>
          <TextField
            label={translate("ssp.account.currentPassword")}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            error={!!errors.current}
            helperText={errors.current}
            required
          />
          <TextField
            label={translate("ssp.account.newPassword")}
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            error={!!errors.next}
            helperText={errors.next ?? translate("ssp.account.passwordRules")}
            required
          />
          {errors.other && <Alert severity="error">{errors.other}</Alert>}
          <Button type="submit" variant="contained" disabled={busy}>
            {translate("ssp.account.changePassword")}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}

function TwoFactorCard() {
  const translate = useTranslate();
  const apiMessage = useApiMessage();
  const notify = useNotify();
  const authProvider = useAuthProvider() as { forgetIdentity?: () => void } | undefined;
  const { identity, refetch } = useGetIdentity();
  const [enrolling, setEnrolling] = useState(false);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const state = identity?.twoFactor as { enabled: boolean; required: boolean } | undefined;

  const reload = async () => {
    authProvider?.forgetIdentity?.();
    await refetch();
  };

  async function enable(code: string) {
    await accountApi.enableTotp(code);
    setEnrolling(false);
    notify("ssp.account.enabled", { type: "success" });
    await reload();
  }

  async function disable(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await accountApi.disableTotp(password);
      setPassword("");
      await reload();
    } catch (caught) {
      setError(apiMessage(caught) ?? translate("ssp.account.failed"));
    }
  }

  return (
    <Card>
      <CardContent>
        <Stack spacing={2} data-testid="two-factor-card">
          <Stack direction="row" spacing={1} alignItems="center">
            <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 700 }}>
              {translate("ssp.account.twoFactorTitle")}
            </Typography>
            <Chip
              size="small"
              color={state?.enabled ? "success" : "default"}
              label={translate(state?.enabled ? "ssp.account.on" : "ssp.account.off")}
            />
            {state?.required && (
              <Chip size="small" color="warning" label={translate("ssp.account.required")} />
            )}
          </Stack>
          {!state?.enabled && !enrolling && (
            <Button variant="outlined" onClick={() => setEnrolling(true)}>
              {translate("ssp.account.setUp")}
            </Button>
          )}
          {enrolling && <TotpEnrolment onCode={enable} />}
          {state?.enabled && !state.required && (
            <Stack component="form" spacing={1} onSubmit={disable}>
              <TextField
                label={translate("ra.auth.password")}
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
              />
              {error && <Alert severity="error">{error}</Alert>}
              <Button type="submit" color="error">
                {translate("ssp.account.turnOff")}
              </Button>
            </Stack>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}

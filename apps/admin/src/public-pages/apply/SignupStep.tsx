import { Alert, Box, Button, Divider, Stack, TextField, Typography } from "@mui/material";
import { type FormEvent, useEffect, useState } from "react";
import { messageOf, PublicApiError } from "../shared/public-api";
import { ko } from "../strings";
import type { ApplyApi } from "./apply-api";
import { isEmail, isPhone } from "./apply-form";

const KAKAO_YELLOW = "#FEE500";

/**
 * Step 2: prove who is applying — Kakao Login (a full-page redirect that comes back with
 * ?signup=kakao), or an e-mail plus a six-digit code sent to the phone.
 */
export function SignupStep(props: {
  api: ApplyApi;
  kakaoEnabled: boolean;
  email: string;
  phone: string;
  notice: string | null;
  onContact: (contact: { email: string; phone: string }) => void;
  onKakao: () => void;
  onVerified: () => Promise<void>;
}) {
  const [sentFor, setSentFor] = useState<string | null>(null);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<{ email?: string; phone?: string; code?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (secondsLeft <= 0) return;
    const timer = window.setTimeout(() => setSecondsLeft((s) => s - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [secondsLeft]);

  async function sendCode() {
    const next = {
      email: isEmail(props.email) ? undefined : ko.apply.emailInvalid,
      phone: isPhone(props.phone) ? undefined : ko.apply.phoneInvalid,
    };
    setErrors(next);
    if (next.email || next.phone) return;
    setBusy(true);
    setError(null);
    try {
      const sent = await props.api.sendCode(props.phone);
      setSentFor(props.phone);
      setSecondsLeft(sent.expiresInSeconds);
      setCode("");
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (!sentFor) return;
    if (!/^\d{6}$/.test(code)) {
      setErrors({ code: ko.apply.code });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.api.confirmCode(sentFor, code);
      await props.onVerified();
    } catch (caught) {
      const left = caught instanceof PublicApiError ? caught.numberField("remainingAttempts") : undefined;
      setError(
        left === undefined ? messageOf(caught) : `${messageOf(caught)} ${ko.apply.codeRemaining(left)}`,
      );
      setBusy(false);
    }
  }

  return (
    <Stack spacing={2}>
      <Typography component="h2" variant="h6" sx={{ fontWeight: 700 }}>
        {ko.apply.signupTitle}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {ko.apply.signupHelp}
      </Typography>
      {props.notice && <Alert severity="warning">{props.notice}</Alert>}
      {props.kakaoEnabled && (
        <>
          <Button
            href={props.api.kakaoStartUrl}
            onClick={props.onKakao}
            size="large"
            fullWidth
            data-testid="kakao-button"
            startIcon={<KakaoSymbol />}
            sx={{
              bgcolor: KAKAO_YELLOW,
              color: "rgba(0, 0, 0, 0.85)",
              "&:hover": { bgcolor: "#F5DC00" },
            }}
          >
            {ko.apply.kakao}
          </Button>
          <Divider>
            <Typography variant="caption" color="text.secondary">
              {ko.apply.or}
            </Typography>
          </Divider>
        </>
      )}
      <TextField
        label={ko.apply.email}
        type="email"
        value={props.email}
        onChange={(event) => props.onContact({ email: event.target.value, phone: props.phone })}
        error={Boolean(errors.email)}
        helperText={errors.email}
        autoComplete="email"
        fullWidth
        slotProps={{ htmlInput: { "data-testid": "signup-email-input" } }}
      />
      <TextField
        label={ko.apply.phone}
        type="tel"
        placeholder={ko.apply.phonePlaceholder}
        value={props.phone}
        onChange={(event) => props.onContact({ email: props.email, phone: event.target.value })}
        error={Boolean(errors.phone)}
        helperText={errors.phone}
        autoComplete="tel"
        fullWidth
        slotProps={{ htmlInput: { inputMode: "tel", "data-testid": "signup-phone-input" } }}
      />
      <Button
        variant="outlined"
        size="large"
        onClick={sendCode}
        disabled={busy}
        data-testid="send-code-button"
      >
        {sentFor ? ko.apply.resendCode : ko.apply.sendCode}
      </Button>
      {sentFor && (
        <Box component="form" onSubmit={confirm} noValidate>
          <Stack spacing={2}>
            <Alert severity="info">{ko.apply.codeSent(Math.max(0, secondsLeft))}</Alert>
            <TextField
              label={ko.apply.code}
              value={code}
              onChange={(event) => setCode(event.target.value.replace(/\D/g, "").slice(0, 6))}
              error={Boolean(errors.code)}
              autoComplete="one-time-code"
              fullWidth
              slotProps={{ htmlInput: { inputMode: "numeric", maxLength: 6, "data-testid": "code-input" } }}
            />
            <Button
              type="submit"
              variant="contained"
              size="large"
              disabled={busy}
              data-testid="confirm-code-button"
            >
              {ko.apply.confirmCode}
            </Button>
          </Stack>
        </Box>
      )}
      {error && (
        <Alert severity="error" data-testid="signup-error">
          {error}
        </Alert>
      )}
    </Stack>
  );
}

/** Kakao's speech-bubble symbol, drawn inline so the page loads no extra asset. */
function KakaoSymbol() {
  return (
    <Box component="svg" viewBox="0 0 24 24" aria-hidden sx={{ width: 20, height: 20 }}>
      <path
        fill="#000"
        d="M12 3C6.48 3 2 6.5 2 10.82c0 2.8 1.87 5.25 4.68 6.63l-.95 3.5a.4.4 0 0 0 .6.44l4.1-2.72c.52.07 1.04.1 1.57.1 5.52 0 10-3.5 10-7.82C22 6.5 17.52 3 12 3Z"
      />
    </Box>
  );
}

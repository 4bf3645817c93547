import CheckCircleIcon from "@mui/icons-material/CheckCircle";
import { Alert, Button, Paper, Stack, TextField, Typography } from "@mui/material";
import { type FormEvent, useState } from "react";
import { PublicApiError } from "../shared/public-api";
import { ko } from "../strings";
import { formatCardNumber, formatExpiry, isCardNumber, isExpiry } from "./card-input";
import type { RegisteredCard, SigningApi } from "./signing-api";

/**
 * Auto-pay right after signing. A declined card or a gateway timeout is shown with the API's own
 * message and the form stays filled in, so the customer can correct it or try another card.
 */
export function PaymentStep(props: {
  api: SigningApi;
  proof: string;
  redirectPayment?: string | null;
  onRegistered: (card: RegisteredCard) => void;
  onFatal: (error: PublicApiError) => void;
}) {
  const [cardNumber, setCardNumber] = useState("");
  const [expiry, setExpiry] = useState("");
  const [fieldErrors, setFieldErrors] = useState<{ cardNumber?: string; expiry?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function startRedirect() {
    setBusy(true);
    setError(null);
    try {
      const { redirectUrl } = await props.api.startRedirectPayment(props.proof);
      window.location.assign(redirectUrl);
    } catch (caught) {
      setError(caught instanceof PublicApiError ? caught.message : ko.common.unexpectedError);
      setBusy(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors = {
      cardNumber: isCardNumber(cardNumber) ? undefined : ko.signing.cardNumberInvalid,
      expiry: isExpiry(expiry) ? undefined : ko.signing.expiryInvalid,
    };
    setFieldErrors(errors);
    if (errors.cardNumber || errors.expiry) return;
    setBusy(true);
    setError(null);
    try {
      props.onRegistered(
        await props.api.registerCard(props.proof, { cardNumber: cardNumber.replace(/\D/g, ""), expiry }),
      );
    } catch (caught) {
      if (caught instanceof PublicApiError && [400, 422, 504, 0].includes(caught.status)) {
        const fields = caught.fieldErrors;
        if (fields.cardNumber || fields.expiry) setFieldErrors(fields);
        setError(caught.message);
      } else if (caught instanceof PublicApiError && caught.status >= 500) {
        setError(caught.message);
      } else if (caught instanceof PublicApiError) {
        props.onFatal(caught);
      } else {
        setError(ko.common.unexpectedError);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack spacing={2}>
      <Alert icon={<CheckCircleIcon />} severity="success">
        {ko.signing.signedNotice}
      </Alert>
      <Paper variant="outlined" component="form" onSubmit={submit} noValidate sx={{ p: 2 }}>
        <Stack spacing={2}>
          <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 700 }}>
            {ko.signing.paymentTitle}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {ko.signing.paymentHelp}
          </Typography>
          {props.redirectPayment === "kakaopay" && (
            <Stack spacing={1}>
              <Button
                variant="contained"
                onClick={startRedirect}
                disabled={busy}
                data-testid="kakaopay-button"
                sx={{ bgcolor: "#FEE500", color: "rgba(0,0,0,0.85)", "&:hover": { bgcolor: "#F5DC00" } }}
              >
                {ko.signing.kakaopayButton}
              </Button>
              <Typography variant="caption" color="text.secondary">
                {ko.signing.kakaopayHelp}
              </Typography>
            </Stack>
          )}
          <TextField
            label={ko.signing.cardNumber}
            placeholder={ko.signing.cardNumberPlaceholder}
            value={cardNumber}
            onChange={(event) => setCardNumber(formatCardNumber(event.target.value))}
            error={Boolean(fieldErrors.cardNumber)}
            helperText={fieldErrors.cardNumber}
            autoComplete="cc-number"
            fullWidth
            slotProps={{ htmlInput: { inputMode: "numeric", "data-testid": "card-number-input" } }}
          />
          <TextField
            label={ko.signing.expiry}
            placeholder={ko.signing.expiryPlaceholder}
            value={expiry}
            onChange={(event) => setExpiry(formatExpiry(event.target.value))}
            error={Boolean(fieldErrors.expiry)}
            helperText={fieldErrors.expiry}
            autoComplete="cc-exp"
            fullWidth
            slotProps={{
              htmlInput: { inputMode: "numeric", maxLength: 5, "data-testid": "card-expiry-input" },
            }}
          />
          {error && (
            <Alert severity="error" data-testid="card-error">
              {error}
              <Typography variant="body2" sx={{ mt: 0.5 }}>
                {ko.signing.cardRetryHint}
              </Typography>
            </Alert>
          )}
          <Button
            type="submit"
            variant="contained"
            size="large"
            disabled={busy}
            data-testid="register-card-button"
          >
            {ko.signing.registerCard}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}

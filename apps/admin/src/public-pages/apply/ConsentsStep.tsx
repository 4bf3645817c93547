import {
  Alert,
  Box,
  Button,
  Checkbox,
  Divider,
  FormControlLabel,
  Paper,
  Stack,
  Typography,
} from "@mui/material";
import type { InputHTMLAttributes } from "react";
import { ko } from "../strings";
import type { ApplyConsents, FieldErrors } from "./apply-form";

const ITEMS: { key: keyof ApplyConsents; label: string; text: string; required: boolean }[] = [
  { key: "privacy", label: ko.apply.consentPrivacy, text: ko.apply.consentPrivacyText, required: true },
  { key: "creditInquiry", label: ko.apply.consentCredit, text: ko.apply.consentCreditText, required: true },
  {
    key: "marketing",
    label: ko.apply.consentMarketing,
    text: ko.apply.consentMarketingText,
    required: false,
  },
];

/** Step 4: the two required consents and the optional one, each with what it means, then submit. */
export function ConsentsStep(props: {
  consents: ApplyConsents;
  termsVersion: string;
  errors: FieldErrors;
  submitError: string | null;
  busy: boolean;
  onChange: (consents: ApplyConsents) => void;
  onSubmit: () => void;
}) {
  const { consents } = props;
  const all = ITEMS.every((item) => consents[item.key]);
  const requiredGiven = consents.privacy && consents.creditInquiry;
  return (
    <Stack spacing={2}>
      <Typography component="h2" variant="h6" sx={{ fontWeight: 700 }}>
        {ko.apply.consentsTitle}
      </Typography>
      <Typography variant="body2" color="text.secondary" data-testid="terms-version">
        {ko.apply.termsVersion(props.termsVersion)}
      </Typography>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <FormControlLabel
          control={
            <Checkbox
              checked={all}
              onChange={(event) =>
                props.onChange({
                  privacy: event.target.checked,
                  creditInquiry: event.target.checked,
                  marketing: event.target.checked,
                })
              }
              slotProps={{ input: testId("consent-all") }}
            />
          }
          label={<Typography sx={{ fontWeight: 700 }}>{ko.apply.consentAll}</Typography>}
        />
        <Divider sx={{ my: 1 }} />
        {ITEMS.map((item) => (
          <Box key={item.key} sx={{ py: 0.5 }}>
            <FormControlLabel
              control={
                <Checkbox
                  checked={consents[item.key]}
                  onChange={(event) => props.onChange({ ...consents, [item.key]: event.target.checked })}
                  slotProps={{ input: testId(`consent-${item.key}`) }}
                />
              }
              label={
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  <Typography
                    component="span"
                    variant="body2"
                    color={item.required ? "primary" : "text.secondary"}
                    sx={{ fontWeight: 700, mr: 0.5 }}
                  >
                    [{item.required ? ko.common.required : ko.common.optional}]
                  </Typography>
                  {item.label}
                </Typography>
              }
            />
            <Typography variant="caption" color="text.secondary" component="p" sx={{ pl: 4.5, pr: 1 }}>
              {item.text}
            </Typography>
            {props.errors[`consents.${item.key}`] && (
              <Typography variant="caption" color="error" component="p" sx={{ pl: 4.5 }}>
                {props.errors[`consents.${item.key}`]}
              </Typography>
            )}
          </Box>
        ))}
      </Paper>
      {props.submitError && (
        <Alert severity="error" data-testid="apply-error">
          {props.submitError}
        </Alert>
      )}
      {!requiredGiven && (
        <Typography variant="body2" color="text.secondary">
          {ko.apply.submitNeedsConsents}
        </Typography>
      )}
      <Button
        variant="contained"
        size="large"
        disabled={!requiredGiven || props.busy}
        onClick={props.onSubmit}
        data-testid="submit-button"
      >
        {ko.apply.submit}
      </Button>
    </Stack>
  );
}

function testId(id: string): InputHTMLAttributes<HTMLInputElement> {
  const attributes: InputHTMLAttributes<HTMLInputElement> & { "data-testid": string } = { "data-testid": id };
  return attributes;
}

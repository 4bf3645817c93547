import { Button, Paper, Stack, TextField, Typography } from "@mui/material";
import { ko } from "../strings";
import { SignaturePad } from "./SignaturePad";
import type { SignatureInput } from "./signing-api";

export type SignatureMode = "drawn" | "typed";

/** The signature: drawn on a canvas, or the signer's name typed instead. */
export function SignatureSection(props: {
  customerName: string;
  mode: SignatureMode;
  onModeChange: (mode: SignatureMode) => void;
  drawn: string | null;
  onDrawnChange: (dataUrl: string | null) => void;
  typed: string;
  onTypedChange: (text: string) => void;
}) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack spacing={1.5}>
        <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 700 }}>
          {ko.signing.signatureTitle}
        </Typography>
        {props.mode === "drawn" ? (
          <SignaturePad onChange={props.onDrawnChange} />
        ) : (
          <TextField
            label={ko.signing.typedLabel}
            value={props.typed}
            onChange={(event) => props.onTypedChange(event.target.value)}
            helperText={ko.signing.typedHelp(props.customerName)}
            autoComplete="name"
            fullWidth
            slotProps={{
              htmlInput: { maxLength: 40, "data-testid": "typed-signature-input" },
              input: { sx: { fontFamily: "serif", fontSize: 22 } },
            }}
          />
        )}
        <Button
          variant="text"
          sx={{ alignSelf: "flex-start" }}
          data-testid="signature-mode-toggle"
          onClick={() => props.onModeChange(props.mode === "drawn" ? "typed" : "drawn")}
        >
          {props.mode === "drawn" ? ko.signing.useTyped : ko.signing.useDrawn}
        </Button>
      </Stack>
    </Paper>
  );
}

/** The signature the API should receive, or null while there is nothing usable yet. */
export function signatureFrom(options: {
  mode: SignatureMode;
  drawn: string | null;
  typed: string;
}): SignatureInput | null {
  if (options.mode === "drawn") return options.drawn ? { kind: "drawn", dataUrl: options.drawn } : null;
  const text = options.typed.trim();
  return text.length >= 2 ? { kind: "typed", text } : null;
}

import CheckCircleIcon from "@mui/icons-material/CheckCircle";
import { Box, Paper, Typography } from "@mui/material";
import { ko } from "../strings";
import type { RegisteredCard } from "./signing-api";

/** The end: the contract number and the sealed document's hash, which the customer may keep. */
export function DoneStep(props: {
  contractNumber: string;
  sealedSha256: string | null;
  /** None for a name transfer: the new holder registers auto-pay by the link e-mailed to them. */
  card: Pick<RegisteredCard, "display"> | null;
}) {
  return (
    <Paper variant="outlined" role="status" data-testid="done-message" sx={{ p: 3, textAlign: "center" }}>
      <CheckCircleIcon color="success" sx={{ fontSize: 56 }} />
      <Typography component="h2" variant="h6" sx={{ fontWeight: 700, mt: 1 }}>
        {ko.signing.doneTitle}
      </Typography>
      <Typography variant="body1" sx={{ mt: 1.5 }}>
        {props.card ? ko.signing.doneBody : ko.signing.transferDoneBody}
      </Typography>
      <Box sx={{ mt: 2.5, textAlign: "left", display: "grid", rowGap: 1.5 }}>
        <Field label={ko.signing.contractNumber} value={props.contractNumber} testId="done-contract-number" />
        {props.card && <Field label={ko.signing.registeredCard} value={props.card.display} />}
        {props.sealedSha256 && (
          <Field
            label={ko.signing.sealedSha256}
            value={props.sealedSha256}
            testId="done-sealed-sha256"
            mono
            help={ko.signing.sealedHelp}
          />
        )}
      </Box>
    </Paper>
  );
}

function Field(props: { label: string; value: string; testId?: string; mono?: boolean; help?: string }) {
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">
        {props.label}
      </Typography>
      <Typography
        variant="body1"
        data-testid={props.testId}
        sx={{
          fontWeight: 600,
          wordBreak: "break-all",
          ...(props.mono ? { fontFamily: "ui-monospace, Menlo, Consolas, monospace", fontSize: 13 } : {}),
        }}
      >
        {props.value}
      </Typography>
      {props.help && (
        <Typography variant="caption" color="text.secondary">
          {props.help}
        </Typography>
      )}
    </Box>
  );
}

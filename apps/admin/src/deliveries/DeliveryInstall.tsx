import {
  Alert,
  CardContent,
  Button as MuiButton,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from "@mui/material";
import { useState } from "react";
import {
  DateInput,
  Edit,
  Form,
  TextField as RaTextField,
  ReferenceField,
  required,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
} from "react-admin";
import type { InstallSignature, SspDataProvider } from "../dataProvider";
import { errorMessage } from "../shared/error-message";
import { SignatureCanvas } from "./SignatureCanvas";

const today = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Seoul" });

/**
 * 설치 및 인수 확인: the technician records the date and the customer's signature (drawn or
 * typed). POST /orders/:id/install activates the contract; nothing here is a PUT.
 */
function InstallForm() {
  const record = useRecordContext();
  const translate = useTranslate();
  const dataProvider = useDataProvider<SspDataProvider>();
  const notify = useNotify();
  const redirect = useRedirect();
  const [mode, setMode] = useState<"drawn" | "typed">("drawn");
  const [drawn, setDrawn] = useState<string | null>(null);
  const [typed, setTyped] = useState("");
  const [pending, setPending] = useState(false);
  if (!record) return null;
  if (record.status !== "scheduled") {
    return <Alert severity="info">{translate("ssp.deliveries.notScheduled")}</Alert>;
  }

  const signature: InstallSignature | null =
    mode === "drawn"
      ? drawn
        ? { kind: "drawn", dataUrl: drawn }
        : null
      : typed.trim()
        ? { kind: "typed", text: typed.trim() }
        : null;

  const submit = async (values: Record<string, unknown>) => {
    if (!signature) return;
    setPending(true);
    try {
      await dataProvider.installOrder(record.orderId, { date: String(values.date), signature });
      notify("ssp.deliveries.installed", { type: "success" });
      redirect("list", "deliveries");
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
    } finally {
      setPending(false);
    }
  };

  return (
    <Form onSubmit={submit} defaultValues={{ date: today() }}>
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="body2">
            {translate("resources.deliveries.fields.assetId")}:{" "}
            <ReferenceField source="assetId" reference="assets" link={false}>
              <RaTextField source="serialNumber" />
            </ReferenceField>
          </Typography>
          <DateInput source="date" label="ssp.deliveries.date" validate={required()} />
          <ToggleButtonGroup
            exclusive
            size="small"
            value={mode}
            onChange={(_, value: "drawn" | "typed" | null) => value && setMode(value)}
          >
            <ToggleButton value="drawn">{translate("ssp.deliveries.drawn")}</ToggleButton>
            <ToggleButton value="typed">{translate("ssp.deliveries.typed")}</ToggleButton>
          </ToggleButtonGroup>
          {mode === "drawn" ? (
            <SignatureCanvas onChange={setDrawn} />
          ) : (
            <TextField
              label={translate("ssp.deliveries.typedName")}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              sx={{ maxWidth: 400 }}
            />
          )}
          <Typography variant="caption" color="text.secondary">
            {translate("ssp.deliveries.confirmation")}
          </Typography>
          <div>
            <MuiButton type="submit" variant="contained" disabled={!signature || pending}>
              {translate("ssp.deliveries.confirmInstall")}
            </MuiButton>
          </div>
        </Stack>
      </CardContent>
    </Form>
  );
}

export function DeliveryInstall() {
  return (
    <Edit title="ssp.deliveries.installTitle" actions={false}>
      <InstallForm />
    </Edit>
  );
}

import { Alert, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import { useContractQuery } from "./use-contract-query";

/** GET /contracts/:id/verify recomputes the sealed PDF's SHA-256 and compares it with the stored one. */
export function ContractVerification() {
  const translate = useTranslate();
  const { data, error } = useContractQuery("verify", (dp, id) => dp.verifyContract(id));
  if (error) return <Alert severity="error">{translate("ssp.contracts.verifyFailed")}</Alert>;
  if (!data) return null;
  if (!data.sealed) {
    return <Typography variant="body2">{translate("ssp.contracts.notSealed")}</Typography>;
  }
  return (
    <Alert severity={data.valid ? "success" : "error"} data-testid="contract-verify">
      {translate(data.valid ? "ssp.contracts.valid" : "ssp.contracts.invalid")}
      <Typography variant="caption" component="div" sx={{ fontFamily: "monospace", wordBreak: "break-all" }}>
        SHA-256 {data.computedSha256 ?? data.storedSha256}
      </Typography>
    </Alert>
  );
}

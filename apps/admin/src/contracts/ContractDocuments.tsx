import DownloadIcon from "@mui/icons-material/Download";
import { Button } from "@mui/material";
import { useRecordContext, useTranslate } from "react-admin";
import { API_URL } from "../api-url";

/**
 * Downloads of the contract's documents: the contract PDF (the sealed one once signed) and, once
 * the unit is installed, the installation receipt the customer signed on site.
 */
export function ContractDocumentButtons() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  const base = `${API_URL}/contracts/${encodeURIComponent(String(record.id))}`;
  const number = String(record.number ?? record.id);
  return (
    <>
      <Button
        size="small"
        startIcon={<DownloadIcon />}
        href={`${base}/pdf`}
        download={`${number}${record.signedAt ? "-sealed" : ""}.pdf`}
      >
        {translate(record.signedAt ? "ssp.contracts.downloadSealed" : "ssp.contracts.downloadContract")}
      </Button>
      {record.activatedOn && (
        <Button
          size="small"
          startIcon={<DownloadIcon />}
          href={`${base}/installation-receipt.pdf`}
          download={`${number}-installation-receipt.pdf`}
        >
          {translate("ssp.contracts.downloadReceipt")}
        </Button>
      )}
    </>
  );
}

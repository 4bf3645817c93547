import { useRecordContext, useTranslate } from "react-admin";
import { contractPdfUrl } from "../dataProvider";

/** The PDF from the API (the sealed one once signed), shown in place with the session cookie. */
export function ContractPdf() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  // The status in the URL reloads the frame when signing replaces the document.
  const src = `${contractPdfUrl(record.id)}?v=${encodeURIComponent(String(record.status))}`;
  return (
    <iframe
      title={translate("ssp.contracts.document")}
      src={src}
      data-testid="contract-pdf"
      style={{ width: "100%", height: 720, border: "1px solid rgba(0,0,0,0.12)" }}
    />
  );
}

import { Button } from "@mui/material";
import { useState } from "react";
import { publicBlob } from "../shared/public-api";
import { errorMessage } from "./page-actions";

/**
 * The sealed contract PDF, fetched with the proof (a plain link could not send the header) and
 * handed to the phone as a download named after the contract.
 */
export function ContractPdfButton(props: {
  base: string;
  headers: Record<string, string>;
  number: string;
  onError: (text: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="outlined"
      size="small"
      sx={{ mt: 1 }}
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          const url = URL.createObjectURL(await publicBlob(`${props.base}/pdf`, props.headers));
          const link = document.createElement("a");
          link.href = url;
          link.download = `${props.number}.pdf`;
          link.click();
          setTimeout(() => URL.revokeObjectURL(url), 60_000);
        } catch (e) {
          props.onError(errorMessage(e));
        } finally {
          setBusy(false);
        }
      }}
    >
      서명된 계약서 (PDF) 받기
    </Button>
  );
}

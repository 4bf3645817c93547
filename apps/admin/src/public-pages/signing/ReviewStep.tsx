import { Alert, Button, Stack } from "@mui/material";
import { useEffect, useRef, useState } from "react";
import { PublicApiError } from "../shared/public-api";
import { ko } from "../strings";
import { ClausesSection } from "./ClausesSection";
import { DeclineDialog } from "./DeclineDialog";
import { PdfSection } from "./PdfSection";
import { type SignatureMode, SignatureSection, signatureFrom } from "./SignatureSection";
import type { SigningApi, SigningSummary } from "./signing-api";

export type ReviewProgress = "reading" | "agreeing" | "signing";

/**
 * Steps 2–4 on one screen, read top to bottom: the PDF, one checkbox per clause, the signature.
 * Signing stays disabled until every clause is agreed to and a signature is given.
 */
export function ReviewStep(props: {
  api: SigningApi;
  proof: string;
  summary: SigningSummary;
  onProgress: (progress: ReviewProgress) => void;
  onSigned: (sealedSha256: string) => void;
  onDeclined: () => void;
  onFatal: (error: PublicApiError) => void;
}) {
  const { summary } = props;
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const [mode, setMode] = useState<SignatureMode>("drawn");
  const [drawn, setDrawn] = useState<string | null>(null);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [declining, setDeclining] = useState(false);

  const [pdfUrl, setPdfUrl] = useState<string | null>(null);
  const { api, proof } = props;
  // The page hands a new callback each render; the PDF is fetched once per proof all the same.
  const onFatal = useRef(props.onFatal);
  onFatal.current = props.onFatal;
  // The PDF arrives as a blob shown from a blob: URL, released when the step goes away.
  useEffect(() => {
    let url: string | null = null;
    let gone = false;
    api
      .pdf(proof)
      .then((blob) => {
        if (gone) return;
        url = URL.createObjectURL(blob);
        setPdfUrl(url);
      })
      .catch((caught) => {
        if (!gone && caught instanceof PublicApiError && [401, 404, 410, 423].includes(caught.status))
          onFatal.current(caught);
        else if (!gone)
          setError(caught instanceof PublicApiError ? caught.message : ko.common.unexpectedError);
      });
    return () => {
      gone = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [api, proof]);

  const allAgreed = summary.clauses.every((c) => checked[c.id]);
  const signature = signatureFrom({ mode, drawn, typed });

  function changeChecked(next: Record<string, boolean>) {
    setChecked(next);
    const every = summary.clauses.every((c) => next[c.id]);
    props.onProgress(every ? "signing" : Object.values(next).some(Boolean) ? "agreeing" : "reading");
  }

  async function sign() {
    if (!allAgreed || !signature) return;
    setBusy(true);
    setError(null);
    try {
      const agreements = Object.fromEntries(summary.clauses.map((c) => [c.id, true as const]));
      const { sealedSha256 } = await props.api.sign(props.proof, { agreements, signature });
      props.onSigned(sealedSha256);
    } catch (caught) {
      if (caught instanceof PublicApiError && [401, 404, 409, 410, 423].includes(caught.status))
        props.onFatal(caught);
      else setError(caught instanceof PublicApiError ? caught.message : ko.common.unexpectedError);
      setBusy(false);
    }
  }

  async function decline(reason: string) {
    try {
      await props.api.decline(props.proof, reason);
    } catch (caught) {
      if (caught instanceof PublicApiError && [401, 404, 410, 423].includes(caught.status)) {
        props.onFatal(caught);
        return;
      }
      throw caught;
    }
    props.onDeclined();
  }

  return (
    <Stack spacing={2}>
      <PdfSection url={pdfUrl} title={`${ko.signing.pdfTitle} ${summary.contractNumber}`} />
      <ClausesSection clauses={summary.clauses} checked={checked} onChange={changeChecked} />
      <SignatureSection
        customerName={summary.customerName}
        mode={mode}
        onModeChange={setMode}
        drawn={drawn}
        onDrawnChange={setDrawn}
        typed={typed}
        onTypedChange={setTyped}
      />
      {error && (
        <Alert severity="error" data-testid="sign-error">
          {error}
        </Alert>
      )}
      {(!allAgreed || !signature) && (
        <Alert severity="info" variant="outlined">
          {ko.signing.signNeedsAll}
        </Alert>
      )}
      <Button
        variant="contained"
        size="large"
        disabled={!allAgreed || !signature || busy}
        onClick={sign}
        data-testid="sign-button"
      >
        {ko.signing.sign}
      </Button>
      <Button color="error" onClick={() => setDeclining(true)} data-testid="decline-button">
        {ko.signing.decline}
      </Button>
      <DeclineDialog open={declining} onClose={() => setDeclining(false)} onDecline={decline} />
    </Stack>
  );
}

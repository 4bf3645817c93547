import { Button, CircularProgress, Stack } from "@mui/material";
import { useEffect, useMemo, useState } from "react";
import { MessagePage } from "../shared/MessagePage";
import { WithPartnerIdentity } from "../shared/PartnerIdentity";
import type { PublicApiError } from "../shared/public-api";
import { StepHeader } from "../shared/StepHeader";
import { ko } from "../strings";
import { ContractSummary } from "./ContractSummary";
import { DoneStep } from "./DoneStep";
import { PaymentStep } from "./PaymentStep";
import { type ReviewProgress, ReviewStep } from "./ReviewStep";
import { type RegisteredCard, type SigningLinkKind, type SigningSummary, signingApi } from "./signing-api";
import { asPublicError, signingErrorTitle } from "./signing-errors";
import { VerifyStep } from "./VerifyStep";

type Stage =
  | { kind: "loading" }
  | { kind: "failed"; error: PublicApiError }
  | { kind: "verify"; summary: SigningSummary }
  | { kind: "review"; summary: SigningSummary; proof: string; progress: ReviewProgress }
  | { kind: "payment"; summary: SigningSummary; proof: string; sealedSha256: string | null }
  | {
      kind: "done";
      summary: SigningSummary;
      sealedSha256: string | null;
      card: Pick<RegisteredCard, "display"> | null;
    }
  | { kind: "declined" };

const REVIEW_STEP: Record<ReviewProgress, number> = { reading: 1, agreeing: 2, signing: 3 };

/**
 * Where a verified customer goes next, whatever step they stopped at: still to sign → the
 * contract; signed without a card → card registration; card registered → the done page.
 */
function afterVerification(summary: SigningSummary, proof: string): Stage {
  if (!summary.signed) return { kind: "review", summary, proof, progress: "reading" };
  if (summary.paymentMethod)
    return { kind: "done", summary, sealedSha256: null, card: summary.paymentMethod };
  return { kind: "payment", summary, proof, sealedSha256: null };
}

/**
 * The customer's signing page for one link. The proof from verification lives only in memory:
 * a reload asks for the birth date again, and nothing about the signer is left in storage.
 */
export function SigningPage(props: { token: string; kind?: SigningLinkKind }) {
  const api = useMemo(() => signingApi(props.token, props.kind), [props.token, props.kind]);
  const [stage, setStage] = useState<Stage>({ kind: "loading" });

  // Back from a gateway's own page (KakaoPay): the link is used up, so say how it went and stop.
  const returned = new URLSearchParams(window.location.search).get("payment");
  useEffect(() => {
    if (returned) return;
    let live = true;
    setStage({ kind: "loading" });
    api.load().then(
      (summary) => live && setStage({ kind: "verify", summary }),
      (caught: unknown) => live && setStage({ kind: "failed", error: asPublicError(caught) }),
    );
    return () => {
      live = false;
    };
  }, [api, returned]);

  if (returned === "done") {
    return (
      <MessagePage
        tone="info"
        title={ko.signing.paymentDoneTitle}
        body={ko.signing.paymentDoneBody}
        testId="payment-returned-done"
      />
    );
  }
  if (returned === "cancelled" || returned === "failed") {
    return (
      <MessagePage
        tone="error"
        title={returned === "cancelled" ? ko.signing.paymentCancelledTitle : ko.signing.paymentFailedTitle}
        body={ko.signing.paymentRetryBody}
        testId={`payment-returned-${returned}`}
      />
    );
  }

  const fail = (error: PublicApiError) => setStage({ kind: "failed", error });

  return (
    <WithPartnerIdentity partner={"summary" in stage ? stage.summary.partner : undefined}>
      {content()}
    </WithPartnerIdentity>
  );

  function content() {
    switch (stage.kind) {
      case "loading":
        return (
          <Stack alignItems="center" sx={{ py: 8 }} aria-busy="true" aria-label={ko.common.loading}>
            <CircularProgress />
          </Stack>
        );
      case "failed": {
        const { error } = stage;
        const transient = error.status === 0 || error.status >= 500;
        return (
          <MessagePage
            tone={error.code === "link_used" ? "info" : "error"}
            title={signingErrorTitle(error)}
            body={error.message}
            hint={ko.signing.errorHint}
            testId={`signing-error-${error.code}`}
          >
            {transient && (
              <Button variant="outlined" onClick={() => window.location.reload()}>
                {ko.common.retry}
              </Button>
            )}
          </MessagePage>
        );
      }
      case "declined":
        return (
          <MessagePage
            tone="info"
            title={ko.signing.declinedTitle}
            body={props.kind === "transfer" ? ko.signing.transferDeclinedBody : ko.signing.declinedBody}
            testId="declined-message"
          />
        );
      case "verify":
        return (
          <>
            <StepHeader steps={ko.signing.steps} active={0} />
            <Stack spacing={2}>
              <ContractSummary summary={stage.summary} />
              <VerifyStep
                api={api}
                remainingAttempts={stage.summary.remainingAttempts}
                onVerified={(proof) => setStage(afterVerification(stage.summary, proof))}
                onFatal={fail}
              />
            </Stack>
          </>
        );
      case "review":
        return (
          <>
            <StepHeader steps={ko.signing.steps} active={REVIEW_STEP[stage.progress]} />
            <Stack spacing={2}>
              <ContractSummary summary={stage.summary} />
              <ReviewStep
                api={api}
                proof={stage.proof}
                summary={stage.summary}
                onProgress={(progress) => setStage({ ...stage, progress })}
                onSigned={(sealedSha256) =>
                  // A transfer's new holder registers auto-pay by the link e-mailed on completion.
                  setStage(
                    props.kind === "transfer"
                      ? { kind: "done", summary: stage.summary, sealedSha256, card: null }
                      : { kind: "payment", summary: stage.summary, proof: stage.proof, sealedSha256 },
                  )
                }
                onDeclined={() => setStage({ kind: "declined" })}
                onFatal={fail}
              />
            </Stack>
          </>
        );
      case "payment":
        return (
          <>
            <StepHeader steps={ko.signing.steps} active={4} />
            <PaymentStep
              api={api}
              proof={stage.proof}
              redirectPayment={stage.summary.redirectPayment}
              onRegistered={(card) =>
                setStage({ kind: "done", summary: stage.summary, sealedSha256: stage.sealedSha256, card })
              }
              onFatal={fail}
            />
          </>
        );
      case "done":
        return (
          <>
            <StepHeader steps={ko.signing.steps} active={6} />
            <DoneStep
              contractNumber={stage.summary.contractNumber}
              sealedSha256={stage.sealedSha256}
              card={stage.card}
            />
          </>
        );
    }
  }
}

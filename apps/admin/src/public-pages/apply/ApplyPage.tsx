import { Alert, Box, Button, CircularProgress, Stack, Typography } from "@mui/material";
import { useEffect, useMemo, useState } from "react";
import { MessagePage } from "../shared/MessagePage";
import { WithPartnerIdentity } from "../shared/PartnerIdentity";
import { PublicApiError } from "../shared/public-api";
import { StepHeader } from "../shared/StepHeader";
import { ko } from "../strings";
import { type Applicant, type ApplyResult, applyApi, type PublicPartner } from "./apply-api";
import {
  type ApplyConsents,
  type ApplyForm,
  emptyForm,
  type FieldErrors,
  prefill,
  stepForErrors,
  validateDetails,
} from "./apply-form";
import { ConsentsStep } from "./ConsentsStep";
import { DetailsStep } from "./DetailsStep";
import { PlanCard, PlanStep } from "./PlanStep";
import { ResultView } from "./ResultView";
import { SignupStep } from "./SignupStep";

type Step = "plan" | "signup" | "details" | "consents";
const STEP_INDEX: Record<Step, number> = { plan: 0, signup: 1, details: 2, consents: 3 };

type Load =
  | { kind: "loading" }
  | { kind: "failed"; error: PublicApiError }
  | { kind: "ready"; partner: PublicPartner };

/** The chosen plan survives the round trip to Kakao in this tab's session storage. */
const planKey = (slug: string) => `ssp-apply:${slug}:plan`;

/**
 * A partner's public application page: pick a plan → sign up (Kakao or phone code) → details →
 * consents → the credit check's answer. The page passes titles and the props to the step shown.
 */
export function ApplyPage(props: { slug: string; signup?: string | null }) {
  const api = useMemo(() => applyApi(props.slug), [props.slug]);
  const [load, setLoad] = useState<Load>({ kind: "loading" });
  const [step, setStep] = useState<Step>("plan");
  const [planId, setPlanId] = useState<number | null>(null);
  const [applicant, setApplicant] = useState<Applicant | null>(null);
  const [form, setForm] = useState<ApplyForm>(emptyForm);
  const [consents, setConsents] = useState<ApplyConsents>({
    privacy: false,
    creditInquiry: false,
    marketing: false,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ApplyResult | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all([api.loadPartner(), api.loadApplicant().catch(() => null)]).then(
      ([partner, found]) => {
        if (!live) return;
        const saved = Number(window.sessionStorage.getItem(planKey(props.slug)));
        const plan = partner.plans.find((p) => p.id === saved)?.id ?? null;
        setLoad({ kind: "ready", partner });
        setPlanId(plan);
        setApplicant(found);
        if (found) setForm((f) => prefill(f, found));
        if (plan !== null && found) setStep("details");
        else if (plan !== null && props.signup) setStep("signup");
        if (props.signup === "kakao" && !found) setNotice(ko.apply.kakaoFailed);
      },
      (caught: unknown) => {
        if (!live) return;
        setLoad({
          kind: "failed",
          error:
            caught instanceof PublicApiError
              ? caught
              : new PublicApiError({ status: 0, code: "unexpected", message: ko.common.unexpectedError }),
        });
      },
    );
    return () => {
      live = false;
    };
  }, [api, props.slug, props.signup]);

  const partnerName = load.kind === "ready" ? load.partner.name : null;
  useEffect(() => {
    if (partnerName) document.title = ko.apply.pageTitle(partnerName);
  }, [partnerName]);

  if (load.kind === "loading")
    return (
      <Stack alignItems="center" sx={{ py: 8 }} aria-busy="true" aria-label={ko.common.loading}>
        <CircularProgress />
      </Stack>
    );
  if (load.kind === "failed")
    return load.error.status === 404 ? (
      <MessagePage title={ko.apply.notFoundTitle} body={ko.apply.notFoundBody} testId="apply-not-found" />
    ) : (
      <MessagePage
        title={ko.signing.errors.generic ?? ""}
        body={load.error.message}
        testId="apply-load-error"
      />
    );

  const { partner } = load;
  const plan = partner.plans.find((p) => p.id === planId) ?? null;

  if (result) return <ResultView result={result} />;

  function choosePlan(id: number) {
    setPlanId(id);
    window.sessionStorage.setItem(planKey(props.slug), String(id));
    setStep(applicant ? "details" : "signup");
    scrollToTop();
  }

  async function afterPhoneVerified() {
    const found = await api.loadApplicant();
    setApplicant(found);
    if (found) setForm((f) => prefill(f, found));
    setNotice(null);
    setStep("details");
  }

  function detailsDone() {
    const found = validateDetails(form);
    setErrors(found);
    if (Object.keys(found).length === 0) setStep("consents");
  }

  async function submit() {
    if (!plan || !consents.privacy || !consents.creditInquiry) return;
    setBusy(true);
    setSubmitError(null);
    try {
      const answer = await api.apply({
        name: form.name.trim(),
        birthDate: form.birthDate,
        phone: form.phone.trim(),
        email: form.email.trim(),
        consents: { privacy: true, creditInquiry: true, marketing: consents.marketing },
        termsVersion: partner.termsVersion,
        planId: plan.id,
        installAddress: form.installAddress.trim(),
        // Typed by hand, an address may have no postcode or detail: those are left out.
        ...(form.installPostcode.trim() ? { installPostcode: form.installPostcode.trim() } : {}),
        ...(form.installAddressDetail.trim()
          ? { installAddressDetail: form.installAddressDetail.trim() }
          : {}),
        billingDay: Number(form.billingDay),
      });
      window.sessionStorage.removeItem(planKey(props.slug));
      setResult(answer);
      scrollToTop();
    } catch (caught) {
      if (caught instanceof PublicApiError && caught.status === 401) {
        setApplicant(null);
        setNotice(caught.message);
        setStep("signup");
      } else if (caught instanceof PublicApiError && caught.status === 400) {
        const fields = caught.fieldErrors;
        setErrors(fields);
        const where = stepForErrors(fields);
        setSubmitError(fields.termsVersion ?? ko.apply.fixErrors);
        setStep(where);
      } else {
        setSubmitError(caught instanceof PublicApiError ? caught.message : ko.common.unexpectedError);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <WithPartnerIdentity partner={partner.partner}>
      <Typography component="p" variant="subtitle2" color="text.secondary" sx={{ mb: 1 }}>
        {ko.apply.pageTitle(partner.name)}
      </Typography>
      <StepHeader steps={ko.apply.steps} active={STEP_INDEX[step]} />
      {plan && step !== "plan" && (
        <Box sx={{ mb: 2 }}>
          <Stack direction="row" sx={{ justifyContent: "space-between", alignItems: "center", mb: 0.5 }}>
            <Typography variant="body2" color="text.secondary">
              {ko.apply.selectedPlan}
            </Typography>
            <Button size="small" onClick={() => setStep("plan")} data-testid="change-plan-button">
              {ko.apply.change}
            </Button>
          </Stack>
          <PlanCard plan={plan} compact />
        </Box>
      )}
      {step === "plan" && <PlanStep plans={partner.plans} selectedId={planId} onSelect={choosePlan} />}
      {step === "signup" && (
        <SignupStep
          api={api}
          kakaoEnabled={partner.kakaoEnabled}
          email={form.email}
          phone={form.phone}
          notice={notice}
          onContact={(contact) => setForm({ ...form, ...contact })}
          onKakao={() =>
            planId !== null && window.sessionStorage.setItem(planKey(props.slug), String(planId))
          }
          onVerified={afterPhoneVerified}
        />
      )}
      {step === "details" && (
        <>
          {applicant && (
            <Alert severity="success" sx={{ mb: 2 }}>
              {applicant.method === "kakao" ? ko.apply.signedUpKakao : ko.apply.signedUpPhone}
            </Alert>
          )}
          {submitError && (
            <Alert severity="error" sx={{ mb: 2 }}>
              {submitError}
            </Alert>
          )}
          <DetailsStep
            form={form}
            errors={errors}
            phoneLocked={applicant?.method === "phone" && Boolean(applicant.phone)}
            onChange={setForm}
            onNext={detailsDone}
          />
        </>
      )}
      {step === "consents" && (
        <ConsentsStep
          consents={consents}
          termsVersion={partner.termsVersion}
          errors={errors}
          submitError={submitError}
          busy={busy}
          onChange={setConsents}
          onSubmit={submit}
        />
      )}
      {step !== "plan" && (
        <Button
          sx={{ mt: 2 }}
          onClick={() =>
            setStep(step === "consents" ? "details" : step === "details" && !applicant ? "signup" : "plan")
          }
        >
          {ko.common.back}
        </Button>
      )}
    </WithPartnerIdentity>
  );
}

/** Each step starts at the top of a phone screen (jsdom has no scrolling, hence the guard). */
function scrollToTop() {
  document.body.scrollIntoView?.({ block: "start" });
}

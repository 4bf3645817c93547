import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from "@mui/material";
import { useCallback, useEffect, useState } from "react";
import { formatWon } from "../shared/format";
import { MessagePage } from "../shared/MessagePage";
import { type PublicPartnerIdentity, WithPartnerIdentity } from "../shared/PartnerIdentity";
import { PublicApiError, publicRequest } from "../shared/public-api";
import { CardForm } from "./CardForm";
import { ContractPdfButton } from "./ContractPdfButton";
import { NoticeAt } from "./NoticeAt";
import { type Act, errorMessage, type Notice, proofRejected } from "./page-actions";
import { RequestForm } from "./RequestForm";

interface Invoice {
  id: number;
  number: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  total: number;
  status: "open" | "paid" | "void";
  overdueDays: number;
  receipts: { amount: number; method: string; at: string }[];
}

interface Intro {
  contractNumber: string;
  partnerName: string;
  partner: PublicPartnerIdentity;
}

interface Overview {
  partnerName: string;
  closed: boolean;
  closedMessage: string | null;
  contract: {
    number: string;
    statusLabel: string;
    productName: string;
    monthlyFee: number;
    endsOn: string | null;
    sealedPdf: boolean;
  };
  nextCharge: { date: string; amount: number } | null;
  paymentMethod: { display: string } | null;
  invoices: Invoice[];
  requests: {
    number: string;
    subject: string;
    status: string;
    replies: { body: string; fromCustomer: boolean }[];
  }[];
}

const STATUS = { open: "미납", paid: "결제 완료", void: "취소" } as const;
const REQUEST_STATUS: Record<string, string> = {
  open: "접수",
  in_progress: "처리 중",
  waiting_customer: "회신 대기",
  resolved: "해결",
  closed: "종료",
};

/** What people type on a phone keypad — 19900131, 1990.01.31, 1990 1 31 — as 1990-01-31. */
function isoBirthDate(typed: string): string | null {
  const parts = typed.trim().match(/^(\d{4})\D*(\d{1,2})\D*(\d{1,2})$/);
  if (!parts) return null;
  const [, y, m, d] = parts as unknown as [string, string, string, string];
  if (Number(m) < 1 || Number(m) > 12 || Number(d) < 1 || Number(d) > 31) return null;
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

/** The customer's own page (SPEC §3 Customer self-service), mobile first. */
export function MyPage({ token }: { token: string }) {
  const [proof, setProof] = useState<string | null>(null);
  const [intro, setIntro] = useState<Intro | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [birthDate, setBirthDate] = useState("");
  const [error, setError] = useState<string | null>(null);
  // A second tap while the first is on its way would spend a second of the five attempts.
  const [verifying, setVerifying] = useState(false);
  const base = `/public/my/${encodeURIComponent(token)}`;
  const proofRejectedBack = useCallback((text: string) => {
    setProof(null);
    setError(text);
  }, []);

  useEffect(() => {
    publicRequest<Intro>(base).then(setIntro, (e) => setFatal(errorMessage(e)));
  }, [base]);

  if (fatal) return <MessagePage title="페이지를 열 수 없습니다" body={fatal} />;
  if (!intro) return null;
  // The lessor's identity around the page, as on signing: the customer sees whose contract it is.
  return (
    <WithPartnerIdentity partner={intro.partner}>
      {proof ? <Verified base={base} proof={proof} onProofRejected={proofRejectedBack} /> : verifyForm(intro)}
    </WithPartnerIdentity>
  );

  function verifyForm(intro: Intro) {
    return (
      <Box
        component="form"
        onSubmit={async (ev) => {
          ev.preventDefault();
          setError(null);
          const iso = isoBirthDate(birthDate);
          // A malformed date is no attempt: it is not sent (the API would answer in English).
          if (!iso) return setError("생년월일을 1990-01-31처럼 입력해 주세요.");
          setVerifying(true);
          try {
            const r = await publicRequest<{ proof: string }>(`${base}/verify`, {
              method: "POST",
              body: { birthDate: iso },
            });
            setProof(r.proof);
          } catch (e) {
            if (e instanceof PublicApiError && e.status === 423) setFatal(e.message);
            else setError(errorMessage(e));
          } finally {
            setVerifying(false);
          }
        }}
      >
        <Typography variant="h5" component="h1" gutterBottom>
          {`계약 ${intro.contractNumber}`}
        </Typography>
        <Typography sx={{ mb: 2 }}>본인 확인을 위해 생년월일을 입력해 주세요.</Typography>
        <TextField
          label="생년월일 (예: 1990-01-31)"
          value={birthDate}
          onChange={(e) => setBirthDate(e.target.value)}
          inputProps={{ inputMode: "numeric", autoComplete: "bday" }}
          fullWidth
          error={!!error}
          helperText={error ?? " "}
        />
        <Button type="submit" variant="contained" size="large" fullWidth sx={{ mt: 1 }} disabled={verifying}>
          확인
        </Button>
      </Box>
    );
  }
}

function Verified({
  base,
  proof,
  onProofRejected,
}: {
  base: string;
  proof: string;
  /** Back to the birth date, with why (the page would otherwise stay blank or refuse every action). */
  onProofRejected: (text: string) => void;
}) {
  const headers = { "X-Customer-Proof": proof };
  const [page, setPage] = useState<Overview | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      publicRequest<Overview>(`${base}/overview`, { headers: { "X-Customer-Proof": proof } }).then(setPage),
    [base, proof],
  );
  useEffect(() => {
    load().catch((e) =>
      proofRejected(e) ? onProofRejected(errorMessage(e)) : setLoadError(errorMessage(e)),
    );
  }, [load, onProofRejected]);
  const act: Act = async ({ at, work, done, onFields }) => {
    // One action at a time: a second tap must not open a second ticket or charge twice.
    setBusy(true);
    setNotice(null);
    try {
      await work();
      setNotice({ at, tone: "success", text: done });
      await load().catch(() => undefined);
      return true;
    } catch (e) {
      if (proofRejected(e)) onProofRejected(errorMessage(e));
      else {
        if (e instanceof PublicApiError && e.code === "validation_failed") onFields?.(e.fieldErrors);
        setNotice({ at, tone: "error", text: errorMessage(e) });
      }
      return false;
    } finally {
      setBusy(false);
    }
  };
  const noticeAt = (at: Notice["at"]) => <NoticeAt notice={notice} at={at} />;
  if (loadError) return <MessagePage title="페이지를 열 수 없습니다" body={loadError} />;
  if (!page) return null;
  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">
        {`${page.contract.productName} · ${page.contract.number}`}
      </Typography>
      {page.closed ? (
        <Alert severity="info" role="status">
          {page.closedMessage}
        </Alert>
      ) : null}
      <Card component="section" aria-labelledby="contract-heading">
        <CardContent>
          <Typography id="contract-heading" variant="h6" component="h2">
            계약
          </Typography>
          <Typography>{`상태: ${page.contract.statusLabel}`}</Typography>
          <Typography>{`월 요금: ${formatWon(page.contract.monthlyFee)}`}</Typography>
          {page.nextCharge ? (
            <Typography>{`다음 결제: ${page.nextCharge.date} · ${formatWon(page.nextCharge.amount)}`}</Typography>
          ) : null}
          {page.contract.endsOn ? <Typography>{`계약 만료일: ${page.contract.endsOn}`}</Typography> : null}
          <Typography>{`자동결제: ${page.paymentMethod?.display ?? "등록된 결제수단 없음"}`}</Typography>
          {noticeAt("contract")}
          {page.contract.sealedPdf ? (
            <ContractPdfButton
              base={base}
              headers={headers}
              number={page.contract.number}
              onError={(text) => setNotice({ at: "contract", tone: "error", text })}
            />
          ) : null}
        </CardContent>
      </Card>
      <Card component="section" aria-labelledby="invoices-heading">
        <CardContent>
          <Typography id="invoices-heading" variant="h6" component="h2">
            청구서와 영수증
          </Typography>
          {noticeAt("invoices")}
          {page.invoices.length === 0 ? <Typography>아직 청구서가 없습니다.</Typography> : null}
          <Stack component="ul" spacing={1} sx={{ listStyle: "none", p: 0 }}>
            {page.invoices.map((i) => (
              <Box
                component="li"
                key={i.id}
                data-testid="invoice"
                sx={{ borderBottom: 1, borderColor: "divider", pb: 1 }}
              >
                <Typography>{`${i.periodStart} ~ ${i.periodEnd} · ${formatWon(i.total)}`}</Typography>
                <Typography color={i.overdueDays > 0 ? "error" : "text.secondary"}>
                  {`${STATUS[i.status]}${i.overdueDays > 0 ? ` (${i.overdueDays}일 연체)` : ""} · 납부기한 ${i.dueDate}`}
                </Typography>
                {i.receipts.map((r) => (
                  <Typography
                    key={r.at}
                    variant="body2"
                  >{`영수: ${formatWon(r.amount)} (${r.at.slice(0, 10)})`}</Typography>
                ))}
                {i.status === "open" && i.overdueDays > 0 ? (
                  <Button
                    variant="contained"
                    size="small"
                    disabled={busy}
                    onClick={() =>
                      act({
                        at: "invoices",
                        work: () =>
                          publicRequest(`${base}/invoices/${i.id}/pay`, { method: "POST", headers }),
                        done: "결제가 완료되었습니다.",
                      })
                    }
                  >
                    지금 결제하기
                  </Button>
                ) : null}
              </Box>
            ))}
          </Stack>
        </CardContent>
      </Card>
      {page.closed ? null : <CardForm base={base} headers={headers} act={act} busy={busy} notice={notice} />}
      {page.closed ? null : (
        <RequestForm base={base} headers={headers} act={act} busy={busy} notice={notice} />
      )}
      {page.requests.length > 0 ? (
        <Card component="section" aria-labelledby="requests-heading">
          <CardContent>
            <Typography id="requests-heading" variant="h6" component="h2">
              내 요청
            </Typography>
            {page.requests.map((r) => (
              <Box key={r.number} sx={{ mt: 1 }}>
                <Typography>{`${r.subject} · ${REQUEST_STATUS[r.status] ?? r.status}`}</Typography>
                {r.replies
                  .filter((x) => !x.fromCustomer)
                  .map((x) => (
                    <Typography
                      key={x.body}
                      variant="body2"
                      color="text.secondary"
                    >{`답변: ${x.body}`}</Typography>
                  ))}
              </Box>
            ))}
          </CardContent>
        </Card>
      ) : null}
    </Stack>
  );
}

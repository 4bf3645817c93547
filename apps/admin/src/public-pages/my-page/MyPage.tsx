import { Alert, Box, Button, Card, CardContent, MenuItem, Stack, TextField, Typography } from "@mui/material";
import { useCallback, useEffect, useState } from "react";
import { formatWon } from "../shared/format";
import { MessagePage } from "../shared/MessagePage";
import { type PublicPartnerIdentity, WithPartnerIdentity } from "../shared/PartnerIdentity";
import { PublicApiError, publicRequest } from "../shared/public-api";

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

const REQUEST_TYPES = [
  { id: "repair", name: "고장·수리" },
  { id: "relocation", name: "이전설치 (이사)" },
  { id: "cancellation_request", name: "해지" },
  { id: "inquiry", name: "기타 문의" },
];

const STATUS = { open: "미납", paid: "결제 완료", void: "취소" } as const;
const REQUEST_STATUS: Record<string, string> = {
  open: "접수",
  in_progress: "처리 중",
  waiting_customer: "회신 대기",
  resolved: "해결",
  closed: "종료",
};

const message = (e: unknown) => (e instanceof PublicApiError ? e.message : "잠시 후 다시 시도해 주세요.");
/** The verification has run out (30 minutes) or the proof is no longer the link's. */
const proofRejected = (e: unknown) => e instanceof PublicApiError && e.status === 401;

/** The customer's own page (SPEC §3 Customer self-service), mobile first. */
export function MyPage({ token }: { token: string }) {
  const [proof, setProof] = useState<string | null>(null);
  const [intro, setIntro] = useState<Intro | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [birthDate, setBirthDate] = useState("");
  const [error, setError] = useState<string | null>(null);
  const base = `/public/my/${encodeURIComponent(token)}`;
  const proofRejectedBack = useCallback((text: string) => {
    setProof(null);
    setError(text);
  }, []);

  useEffect(() => {
    publicRequest<Intro>(base).then(setIntro, (e) => setFatal(message(e)));
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
          try {
            const r = await publicRequest<{ proof: string }>(`${base}/verify`, {
              method: "POST",
              body: { birthDate },
            });
            setProof(r.proof);
          } catch (e) {
            if (e instanceof PublicApiError && e.status === 423) setFatal(e.message);
            else setError(message(e));
          }
        }}
      >
        <Typography variant="h5" component="h1" gutterBottom>
          {`${intro.partnerName} 계약 ${intro.contractNumber}`}
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
        <Button type="submit" variant="contained" size="large" fullWidth sx={{ mt: 1 }}>
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
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      publicRequest<Overview>(`${base}/overview`, { headers: { "X-Customer-Proof": proof } }).then(setPage),
    [base, proof],
  );
  useEffect(() => {
    load().catch((e) => (proofRejected(e) ? onProofRejected(message(e)) : setLoadError(message(e))));
  }, [load, onProofRejected]);
  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setNotice({ tone: "success", text: done });
      await load();
    } catch (e) {
      if (proofRejected(e)) onProofRejected(message(e));
      else setNotice({ tone: "error", text: message(e) });
    }
  };
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
      {notice ? (
        <Alert severity={notice.tone} role={notice.tone === "error" ? "alert" : "status"}>
          {notice.text}
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
          <Typography>{`자동결제: ${page.paymentMethod?.display ?? "등록된 결제수단 없음"}`}</Typography>
        </CardContent>
      </Card>
      <Card component="section" aria-labelledby="invoices-heading">
        <CardContent>
          <Typography id="invoices-heading" variant="h6" component="h2">
            청구서와 영수증
          </Typography>
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
                    onClick={() =>
                      act(
                        () => publicRequest(`${base}/invoices/${i.id}/pay`, { method: "POST", headers }),
                        "결제가 완료되었습니다.",
                      )
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
      {page.closed ? null : <CardForm base={base} headers={headers} act={act} />}
      {page.closed ? null : <RequestForm base={base} headers={headers} act={act} />}
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

type Act = (work: () => Promise<unknown>, done: string) => Promise<void>;

function CardForm({ base, headers, act }: { base: string; headers: Record<string, string>; act: Act }) {
  const [cardNumber, setCardNumber] = useState("");
  const [expiry, setExpiry] = useState("");
  return (
    <Card component="section" aria-labelledby="card-heading">
      <CardContent
        component="form"
        onSubmit={(ev) => {
          ev.preventDefault();
          void act(
            () =>
              publicRequest(`${base}/payment-method`, {
                method: "POST",
                headers,
                body: { cardNumber, expiry },
              }),
            "자동결제 카드가 변경되었습니다.",
          );
        }}
      >
        <Typography id="card-heading" variant="h6" component="h2">
          자동결제 카드 변경
        </Typography>
        <TextField
          label="카드 번호"
          value={cardNumber}
          onChange={(e) => setCardNumber(e.target.value)}
          inputProps={{ inputMode: "numeric", autoComplete: "cc-number" }}
          fullWidth
          margin="dense"
        />
        <TextField
          label="유효기간 (MM/YY)"
          value={expiry}
          onChange={(e) => setExpiry(e.target.value)}
          inputProps={{ autoComplete: "cc-exp" }}
          fullWidth
          margin="dense"
        />
        <Button type="submit" variant="outlined" fullWidth>
          카드 변경
        </Button>
      </CardContent>
    </Card>
  );
}

function RequestForm({ base, headers, act }: { base: string; headers: Record<string, string>; act: Act }) {
  const [type, setType] = useState("repair");
  const [body, setBody] = useState("");
  const [newAddress, setNewAddress] = useState("");
  const [quote, setQuote] = useState<{ total: number; date: string } | null>(null);
  const proof = headers["X-Customer-Proof"] ?? "";
  useEffect(() => {
    if (type !== "cancellation_request") return;
    publicRequest<{ total: number; date: string }>(`${base}/exit-quote`, {
      headers: { "X-Customer-Proof": proof },
    }).then(setQuote, () => setQuote(null));
  }, [type, base, proof]);
  return (
    <Card component="section" aria-labelledby="request-heading">
      <CardContent
        component="form"
        onSubmit={(ev) => {
          ev.preventDefault();
          void act(async () => {
            await publicRequest(`${base}/requests`, {
              method: "POST",
              headers,
              body: { type, body, ...(type === "relocation" ? { newAddress } : {}) },
            });
            setBody("");
            setNewAddress("");
          }, "요청이 접수되었습니다. 담당자가 연락드립니다.");
        }}
      >
        <Typography id="request-heading" variant="h6" component="h2">
          요청하기
        </Typography>
        <TextField
          select
          label="요청 종류"
          value={type}
          onChange={(e) => setType(e.target.value)}
          fullWidth
          margin="dense"
        >
          {REQUEST_TYPES.map((t) => (
            <MenuItem key={t.id} value={t.id}>
              {t.name}
            </MenuItem>
          ))}
        </TextField>
        {type === "cancellation_request" && quote ? (
          <Alert severity="warning" sx={{ my: 1 }}>
            {`오늘(${quote.date}) 해지하시면 정산 금액은 ${formatWon(quote.total)}입니다.`}
          </Alert>
        ) : null}
        {type === "relocation" ? (
          <TextField
            label="이전할 주소"
            value={newAddress}
            onChange={(e) => setNewAddress(e.target.value)}
            fullWidth
            margin="dense"
          />
        ) : null}
        <TextField
          label="내용"
          value={body}
          onChange={(e) => setBody(e.target.value)}
          multiline
          minRows={3}
          fullWidth
          margin="dense"
        />
        <Button type="submit" variant="contained" fullWidth>
          요청 보내기
        </Button>
      </CardContent>
    </Card>
  );
}

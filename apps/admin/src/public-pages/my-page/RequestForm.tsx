import { Alert, Button, Card, CardContent, MenuItem, Stack, TextField, Typography } from "@mui/material";
import { useEffect, useState } from "react";
import { AddressInput, type AddressValue } from "../../shared/address/AddressInput";
import { formatWon } from "../shared/format";
import { publicRequest } from "../shared/public-api";
import { ko } from "../strings";
import { NoticeAt } from "./NoticeAt";
import type { Act, Notice } from "./page-actions";

const NO_ADDRESS: AddressValue = { postcode: "", road: "", detail: "" };

const REQUEST_TYPES = [
  { id: "repair", name: "고장·수리" },
  { id: "relocation", name: "이전설치 (이사)" },
  { id: "cancellation_request", name: "해지" },
  { id: "inquiry", name: "기타 문의" },
];

/** A request that opens a CS ticket; a cancellation first shows today's exit quote. */
export function RequestForm(props: {
  base: string;
  headers: Record<string, string>;
  act: Act;
  busy: boolean;
  notice: Notice | null;
}) {
  const { base } = props;
  const [type, setType] = useState("repair");
  const [body, setBody] = useState("");
  const [newAddress, setNewAddress] = useState<AddressValue>(NO_ADDRESS);
  const [preferredDate, setPreferredDate] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [quote, setQuote] = useState<{ total: number; date: string } | null>(null);
  const proof = props.headers["X-Customer-Proof"] ?? "";
  const visit = type === "repair" || type === "relocation";
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
        noValidate
        onSubmit={async (ev) => {
          ev.preventDefault();
          setErrors({});
          const sent = await props.act({
            at: "request",
            work: () =>
              publicRequest(`${base}/requests`, {
                method: "POST",
                headers: props.headers,
                body: {
                  type,
                  body,
                  ...(type === "relocation" && newAddress.road.trim()
                    ? {
                        newPostcode: newAddress.postcode,
                        newAddress: newAddress.road,
                        newAddressDetail: newAddress.detail,
                      }
                    : {}),
                  ...(visit && preferredDate ? { preferredDate } : {}),
                },
              }),
            done: "요청이 접수되었습니다. 담당자가 연락드립니다.",
            // The request schema's messages are Korean ("이전할 주소를 적어 주세요").
            onFields: setErrors,
          });
          if (sent) {
            setBody("");
            setNewAddress(NO_ADDRESS);
            setPreferredDate("");
          }
        }}
      >
        <Typography id="request-heading" variant="h6" component="h2">
          요청하기
        </Typography>
        <NoticeAt notice={props.notice} at="request" />
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
          <Stack sx={{ mt: 2 }} data-testid="request-new-address">
            {/* The three parts typed by hand: this page's policy keeps the postcode search's script
                out, as a card is typed here too (security-headers.ts). */}
            <AddressInput
              value={newAddress}
              onChange={setNewAddress}
              searchable={false}
              required
              errors={{
                postcode: errors.newPostcode,
                road: errors.newAddress,
                detail: errors.newAddressDetail,
              }}
              helperTexts={{ road: ko.myPage.newAddressHelp, detail: ko.myPage.newAddressDetailHelp }}
              labels={{
                postcode: ko.myPage.newPostcode,
                road: ko.myPage.newAddress,
                detail: ko.myPage.newAddressDetail,
                search: ko.apply.addressSearch,
                dialogTitle: ko.apply.addressSearchTitle,
                close: ko.apply.addressSearchClose,
                unavailable: ko.apply.addressSearchUnavailable,
              }}
            />
          </Stack>
        ) : null}
        {visit ? (
          <TextField
            label="방문 희망일"
            type="date"
            value={preferredDate}
            onChange={(e) => setPreferredDate(e.target.value)}
            error={!!errors.preferredDate}
            helperText={errors.preferredDate}
            InputLabelProps={{ shrink: true }}
            fullWidth
            margin="dense"
          />
        ) : null}
        <TextField
          label="내용"
          value={body}
          onChange={(e) => setBody(e.target.value)}
          error={!!errors.body}
          helperText={errors.body}
          multiline
          minRows={3}
          fullWidth
          margin="dense"
        />
        <Button type="submit" variant="contained" fullWidth disabled={props.busy}>
          요청 보내기
        </Button>
      </CardContent>
    </Card>
  );
}

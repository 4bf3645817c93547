import { Button, Card, CardContent, TextField, Typography } from "@mui/material";
import { useState } from "react";
import { publicRequest } from "../shared/public-api";
import { formatCardNumber, formatExpiry, isCardNumber, isExpiry } from "../signing/card-input";
import { NoticeAt } from "./NoticeAt";
import type { Act, Notice } from "./page-actions";

type CardErrors = { cardNumber?: string; expiry?: string };

/** Replacing the auto-pay card: checked as on signing before it goes to the gateway. */
export function CardForm(props: {
  base: string;
  headers: Record<string, string>;
  act: Act;
  busy: boolean;
  notice: Notice | null;
}) {
  const [cardNumber, setCardNumber] = useState("");
  const [expiry, setExpiry] = useState("");
  const [errors, setErrors] = useState<CardErrors>({});
  return (
    <Card component="section" aria-labelledby="card-heading">
      <CardContent
        component="form"
        noValidate
        onSubmit={async (ev) => {
          ev.preventDefault();
          const found: CardErrors = {
            cardNumber: isCardNumber(cardNumber) ? undefined : "카드 번호를 정확히 입력해 주세요.",
            expiry: isExpiry(expiry) ? undefined : "유효기간을 MM/YY 형식으로 입력해 주세요.",
          };
          setErrors(found);
          if (found.cardNumber || found.expiry) return;
          const changed = await props.act({
            at: "card",
            work: () =>
              publicRequest(`${props.base}/payment-method`, {
                method: "POST",
                headers: props.headers,
                body: { cardNumber: cardNumber.replace(/\D/g, ""), expiry },
              }),
            done: "자동결제 카드가 변경되었습니다.",
          });
          // The card number does not stay on the screen once the gateway has it.
          if (changed) {
            setCardNumber("");
            setExpiry("");
          }
        }}
      >
        <Typography id="card-heading" variant="h6" component="h2">
          자동결제 카드 변경
        </Typography>
        <NoticeAt notice={props.notice} at="card" />
        <TextField
          label="카드 번호"
          value={cardNumber}
          onChange={(e) => setCardNumber(formatCardNumber(e.target.value))}
          error={!!errors.cardNumber}
          helperText={errors.cardNumber}
          inputProps={{ inputMode: "numeric", autoComplete: "cc-number" }}
          fullWidth
          margin="dense"
        />
        <TextField
          label="유효기간 (MM/YY)"
          value={expiry}
          onChange={(e) => setExpiry(formatExpiry(e.target.value))}
          error={!!errors.expiry}
          helperText={errors.expiry}
          inputProps={{ inputMode: "numeric", maxLength: 5, autoComplete: "cc-exp" }}
          fullWidth
          margin="dense"
        />
        <Button type="submit" variant="outlined" fullWidth disabled={props.busy}>
          카드 변경
        </Button>
      </CardContent>
    </Card>
  );
}

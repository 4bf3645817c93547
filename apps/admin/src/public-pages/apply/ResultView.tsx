import CheckCircleIcon from "@mui/icons-material/CheckCircle";
import HourglassTopIcon from "@mui/icons-material/HourglassTop";
import InfoOutlinedIcon from "@mui/icons-material/InfoOutlined";
import { Paper, Typography } from "@mui/material";
import { ko } from "../strings";
import type { ApplyResult } from "./apply-api";

/** The answer right after applying: approved, under review, or (politely) declined. */
export function ResultView(props: { result: ApplyResult }) {
  const { result } = props;
  const view = {
    approved: {
      Icon: CheckCircleIcon,
      color: "success" as const,
      title: result.contractSent ? ko.apply.resultApproved : ko.apply.resultApprovedPending,
      next: ko.apply.resultApprovedNext,
    },
    review: {
      Icon: HourglassTopIcon,
      color: "primary" as const,
      title: ko.apply.resultReview,
      next: ko.apply.resultReviewNext,
    },
    declined: {
      Icon: InfoOutlinedIcon,
      color: "action" as const,
      title: ko.apply.resultDeclined,
      next: ko.apply.resultDeclinedNext,
    },
  }[result.outcome];
  return (
    <Paper
      variant="outlined"
      role="status"
      data-testid="apply-result"
      data-outcome={result.outcome}
      sx={{ p: 3, textAlign: "center" }}
    >
      <view.Icon color={view.color} sx={{ fontSize: 56 }} />
      <Typography component="h2" variant="h6" sx={{ fontWeight: 700, mt: 1 }}>
        {view.title}
      </Typography>
      <Typography variant="body1" sx={{ mt: 1.5 }}>
        {view.next}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
        {ko.apply.orderNumber(result.orderId)}
      </Typography>
    </Paper>
  );
}

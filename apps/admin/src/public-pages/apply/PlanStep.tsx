import { Box, Button, Card, CardActions, CardContent, Chip, Stack, Typography } from "@mui/material";
import { formatWon } from "../shared/format";
import { ko } from "../strings";
import type { OfferedPlan } from "./apply-api";

/** Step 1: the plans on offer as cards, the monthly fee first. */
export function PlanStep(props: {
  plans: OfferedPlan[];
  selectedId: number | null;
  onSelect: (id: number) => void;
}) {
  if (props.plans.length === 0) return <Typography>{ko.apply.noPlans}</Typography>;
  return (
    <Stack spacing={2}>
      <Typography component="h2" variant="h6" sx={{ fontWeight: 700 }}>
        {ko.apply.planTitle}
      </Typography>
      {props.plans.map((plan) => (
        <PlanCard
          key={plan.id}
          plan={plan}
          selected={plan.id === props.selectedId}
          onSelect={() => props.onSelect(plan.id)}
        />
      ))}
    </Stack>
  );
}

export function PlanCard(props: {
  plan: OfferedPlan;
  selected?: boolean;
  onSelect?: () => void;
  compact?: boolean;
}) {
  const { plan } = props;
  const facts = [
    plan.termMonths ? ko.apply.term(plan.termMonths) : null,
    plan.mandatoryMonths ? ko.apply.mandatory(plan.mandatoryMonths) : null,
    plan.registrationFeeWaived
      ? ko.apply.registrationFeeWaived
      : plan.registrationFee > 0
        ? ko.apply.registrationFee(formatWon(plan.registrationFee))
        : null,
  ].filter((fact): fact is string => fact !== null);
  return (
    <Card
      variant="outlined"
      data-testid={`plan-card-${plan.id}`}
      sx={{ borderColor: props.selected ? "primary.main" : undefined, borderWidth: props.selected ? 2 : 1 }}
    >
      <CardContent sx={{ pb: props.compact ? "16px !important" : 1 }}>
        {!props.compact && (
          <Stack direction="row" spacing={1} sx={{ mb: 1, flexWrap: "wrap" }}>
            {plan.category && <Chip size="small" label={plan.category} />}
            <Chip size="small" variant="outlined" label={ko.apply.kindLabels[plan.kind] ?? plan.kind} />
          </Stack>
        )}
        <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 700, lineHeight: 1.35 }}>
          {plan.name}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {plan.productName}
          {plan.productModel && !plan.productName.includes(plan.productModel)
            ? ` (${plan.productModel})`
            : ""}
        </Typography>
        <Box sx={{ mt: 1.5, display: "flex", alignItems: "baseline", gap: 0.75 }}>
          <Typography variant="body2" color="text.secondary">
            {ko.apply.perMonth}
          </Typography>
          <Typography variant="h5" component="p" sx={{ fontWeight: 800 }} data-testid={`plan-fee-${plan.id}`}>
            {formatWon(plan.monthlyFee)}
          </Typography>
        </Box>
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          {facts.join(" · ")}
        </Typography>
        {plan.discountAmount > 0 && plan.discountMonths > 0 && (
          <Chip
            color="secondary"
            size="small"
            sx={{ mt: 1, height: "auto", "& .MuiChip-label": { whiteSpace: "normal", py: 0.5 } }}
            label={ko.apply.promotion(formatWon(plan.discountAmount), plan.discountMonths)}
          />
        )}
      </CardContent>
      {props.onSelect && (
        <CardActions sx={{ px: 2, pb: 2 }}>
          <Button
            fullWidth
            size="large"
            variant={props.selected ? "contained" : "outlined"}
            onClick={props.onSelect}
            data-testid={`plan-${plan.id}`}
          >
            {props.selected ? ko.apply.chosen : ko.apply.choosePlan}
          </Button>
        </CardActions>
      )}
    </Card>
  );
}

import { Box, Step, StepLabel, Stepper, Typography } from "@mui/material";

/**
 * A stepper that fits a 390 px screen: six small dots-with-labels would not, so the phone shows
 * "3 / 6 · 약관 동의" above a compact stepper without labels; wider screens get the labels.
 */
export function StepHeader(props: { steps: readonly string[]; active: number }) {
  const { steps, active } = props;
  const current = Math.min(active, steps.length - 1);
  return (
    <Box sx={{ mb: 2 }} data-testid="stepper">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1, display: { xs: "block", sm: "none" } }}>
        <Box component="span" sx={{ fontWeight: 700, color: "primary.main" }}>
          {current + 1} / {steps.length}
        </Box>{" "}
        · {steps[current]}
      </Typography>
      <Stepper activeStep={active} alternativeLabel>
        {steps.map((label) => (
          <Step key={label}>
            <StepLabel
              sx={{
                "& .MuiStepLabel-label": {
                  display: { xs: "none", sm: "block" },
                  fontSize: 12,
                  mt: "4px !important",
                },
              }}
            >
              {label}
            </StepLabel>
          </Step>
        ))}
      </Stepper>
    </Box>
  );
}

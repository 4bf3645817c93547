/** Choices for the job filters; the labels are translation keys. */
export const JOB_NAMES = [
  "billing",
  "dunning",
  "end-of-term",
  "payment-methods",
  "metrics",
  "service-visits",
  "reminders",
].map((id) => ({
  id,
  name: `ssp.jobName.${id}`,
}));

export const JOB_STATUSES = ["running", "completed", "completed_with_failures", "failed"].map((id) => ({
  id,
  name: `ssp.jobStatus.${id}`,
}));

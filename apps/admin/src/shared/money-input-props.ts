// Money is integer won (ADR 0001): no decimals, never negative.
export const wonInputProps = { step: 1, min: 0 } as const;

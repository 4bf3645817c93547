import { Button, Stack, TextField, Typography } from "@mui/material";
import type { FormEvent, InputHTMLAttributes } from "react";
import { AddressInput } from "../../shared/address/AddressInput";
import { formatBirthDateInput } from "../shared/format";
import { ko } from "../strings";
import { type ApplyForm, BILLING_DAYS, type FieldErrors } from "./apply-form";

/** Step 3: who, where, and which day of the month to pay. A verified phone cannot be changed here. */
export function DetailsStep(props: {
  form: ApplyForm;
  errors: FieldErrors;
  phoneLocked: boolean;
  onChange: (form: ApplyForm) => void;
  onNext: () => void;
}) {
  const { form, errors } = props;
  const set = (field: keyof ApplyForm) => (value: string) => props.onChange({ ...form, [field]: value });
  const input = (testId: string, extra: InputHTMLAttributes<HTMLInputElement> = {}) => {
    const attributes: InputHTMLAttributes<HTMLInputElement> & { "data-testid": string } = {
      ...extra,
      "data-testid": testId,
    };
    return attributes;
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    props.onNext();
  }

  return (
    <Stack component="form" spacing={2} onSubmit={submit} noValidate>
      <Typography component="h2" variant="h6" sx={{ fontWeight: 700 }}>
        {ko.apply.detailsTitle}
      </Typography>
      <TextField
        label={ko.apply.name}
        value={form.name}
        onChange={(event) => set("name")(event.target.value)}
        error={Boolean(errors.name)}
        helperText={errors.name}
        autoComplete="name"
        required
        fullWidth
        slotProps={{ htmlInput: input("name-input", { maxLength: 40 }) }}
      />
      <TextField
        label={ko.apply.birthDate}
        placeholder="YYYY-MM-DD"
        value={form.birthDate}
        onChange={(event) => set("birthDate")(formatBirthDateInput(event.target.value))}
        error={Boolean(errors.birthDate)}
        helperText={errors.birthDate}
        autoComplete="bday"
        required
        fullWidth
        slotProps={{ htmlInput: input("apply-birthdate-input", { inputMode: "numeric", maxLength: 10 }) }}
      />
      <TextField
        label={ko.apply.email}
        type="email"
        value={form.email}
        onChange={(event) => set("email")(event.target.value)}
        error={Boolean(errors.email)}
        helperText={errors.email}
        autoComplete="email"
        required
        fullWidth
        slotProps={{ htmlInput: input("email-input") }}
      />
      <TextField
        label={ko.apply.phone}
        type="tel"
        placeholder={ko.apply.phonePlaceholder}
        value={form.phone}
        onChange={(event) => set("phone")(event.target.value)}
        error={Boolean(errors.phone)}
        helperText={errors.phone}
        autoComplete="tel"
        required
        fullWidth
        slotProps={{ htmlInput: input("phone-input", { inputMode: "tel", readOnly: props.phoneLocked }) }}
      />
      <AddressInput
        value={{
          postcode: form.installPostcode,
          road: form.installAddress,
          detail: form.installAddressDetail,
        }}
        onChange={(address) =>
          props.onChange({
            ...form,
            installPostcode: address.postcode,
            installAddress: address.road,
            installAddressDetail: address.detail,
          })
        }
        errors={{
          postcode: errors.installPostcode,
          road: errors.installAddress,
          detail: errors.installAddressDetail,
        }}
        helperTexts={{ road: ko.apply.installAddressHelp, detail: ko.apply.installAddressDetailHelp }}
        required
        labels={{
          postcode: ko.apply.installPostcode,
          road: ko.apply.installAddress,
          detail: ko.apply.installAddressDetail,
          search: ko.apply.addressSearch,
          dialogTitle: ko.apply.addressSearchTitle,
          close: ko.apply.addressSearchClose,
          unavailable: ko.apply.addressSearchUnavailable,
        }}
      />
      <TextField
        select
        label={ko.apply.billingDay}
        value={form.billingDay}
        onChange={(event) => set("billingDay")(event.target.value)}
        error={Boolean(errors.billingDay)}
        helperText={errors.billingDay}
        required
        fullWidth
        slotProps={{
          select: { native: true },
          htmlInput: input("billing-day-select"),
          inputLabel: { shrink: true },
        }}
      >
        <option value="" disabled>
          {ko.apply.billingDay}
        </option>
        {BILLING_DAYS.map((day) => (
          <option key={day} value={String(day)}>
            {ko.apply.billingDayOption(day)}
          </option>
        ))}
      </TextField>
      <Button type="submit" variant="contained" size="large" data-testid="details-next-button">
        {ko.common.next}
      </Button>
    </Stack>
  );
}

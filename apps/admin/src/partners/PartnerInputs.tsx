import { JOURNAL_ACCOUNTS, normalizeBusinessNumber, normalizeServicePhone } from "@ssp/domain";
import { Fragment } from "react";
import {
  BooleanInput,
  FormDataConsumer,
  maxLength,
  maxValue,
  minValue,
  NumberInput,
  regex,
  required,
  TextArrayInput,
  TextInput,
} from "react-admin";

import { PartnerLogoInput } from "./PartnerLogoInput";

// Empty is allowed (the field is cleared); a value must be a real number with its check digit.
const businessNumber = (value: unknown) =>
  !value || normalizeBusinessNumber(String(value)) ? undefined : "ssp.partners.invalidBusinessNumber";
const servicePhone = (value: unknown) =>
  !value || normalizeServicePhone(String(value)) ? undefined : "ssp.partners.invalidPhone";

const score = [minValue(1), maxValue(1000)];
const days = [minValue(1)];

// Retry days are edited as a list of numbers but TextArrayInput yields strings.
const toDays = (values: unknown) =>
  Array.isArray(values) ? values.map(Number).filter((n) => Number.isInteger(n) && n > 0) : values;
const fromDays = (values: unknown) => (Array.isArray(values) ? values.map(String) : values);

export function PartnerInputs({ mode }: { mode: "create" | "edit" }) {
  return (
    <>
      <TextInput source="name" validate={required()} />
      {mode === "create" && <TextInput source="slug" validate={[required(), regex(/^[a-z0-9-]+$/)]} />}
      {/* The lessor's identity, printed on contracts and the customer's pages (issue 15). */}
      <TextInput
        source="businessNumber"
        validate={businessNumber}
        helperText="ssp.partners.businessNumberHelp"
      />
      <TextInput source="representative" validate={maxLength(50)} />
      <TextInput source="postcode" validate={regex(/^\d{5}$/, "ssp.partners.invalidPostcode")} />
      <TextInput source="address" validate={maxLength(200)} fullWidth />
      <TextInput source="addressDetail" validate={maxLength(100)} />
      <TextInput source="csPhone" validate={servicePhone} />
      {mode === "edit" && <PartnerLogoInput />}
      <NumberInput source="settings.credit.approveAt" step={1} validate={score} />
      <NumberInput source="settings.credit.reviewAt" step={1} validate={score} />
      <TextArrayInput source="settings.dunning.retryDays" parse={toDays} format={fromDays} />
      <NumberInput source="settings.dunning.suspendAfterDays" step={1} validate={days} />
      <NumberInput source="settings.dunning.demandAfterInvoices" step={1} validate={days} />
      <NumberInput source="settings.dunning.demandDeadlineDays" step={1} validate={[minValue(14)]} />
      <BooleanInput source="settings.notifications.email" />
      <BooleanInput source="settings.notifications.alimtalk" />
      <BooleanInput source="settings.lateInterest.enabled" />
      <FormDataConsumer>
        {({ formData }) =>
          formData.settings?.lateInterest?.enabled ? (
            // SPEC §4: a partner's late-interest rate may not exceed 6 % a year.
            <NumberInput
              source="settings.lateInterest.annualRatePercent"
              step={0.1}
              min={0}
              max={6}
              validate={[required(), minValue(0), maxValue(6)]}
            />
          ) : null
        }
      </FormDataConsumer>
      {/* The journal's accounts in the partner's own chart of accounts (매출전표). */}
      {JOURNAL_ACCOUNTS.map((account) => (
        <Fragment key={account}>
          <TextInput
            source={`settings.accounting.${account}.code`}
            validate={[required(), regex(/^[0-9A-Za-z-]{1,20}$/)]}
          />
          <TextInput source={`settings.accounting.${account}.name`} validate={[required(), maxLength(40)]} />
        </Fragment>
      ))}
    </>
  );
}

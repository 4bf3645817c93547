import { TextField } from "@mui/material";
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
  useTranslate,
} from "react-admin";
import { API_URL } from "../api-url";
import { AddressSourcesInput } from "../shared/address/AddressSourcesInput";
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

/** The events a partner can have an approved alimtalk template for (API: TEMPLATE_VARIABLES). */
const TEMPLATE_EVENTS = [
  "contract_sent",
  "contract_signed",
  "payment_method_registered",
  "payment_succeeded",
  "payment_failed",
  "upcoming_charge",
  "contract_suspended",
  "formal_demand",
  "contract_terminated",
  "contract_reactivated",
  "contract_ending",
  "contract_completed",
  "card_expiring",
  "order_received",
] as const;

/**
 * The partner's Solapi account (alimtalk with SMS/LMS fallback) and, per event, the template
 * Kakao approved: its code, whether it is approved, and its text with `#{variable}`s (the API
 * names any variable the event does not have). The secret is write-only: empty keeps it.
 */
function MessagingInputs() {
  const translate = useTranslate();
  return (
    <>
      <TextInput source="settings.messaging.apiKey" />
      <TextInput
        source="settings.messaging.apiSecret"
        type="password"
        parse={(v: string) => v || undefined}
        helperText="ssp.partners.secretWriteOnly"
      />
      <TextInput source="settings.messaging.pfId" />
      <TextInput source="settings.messaging.senderPhone" validate={[regex(/^$|^[0-9-]{8,13}$/)]} />
      {TEMPLATE_EVENTS.map((event) => {
        const name = translate(`ssp.messageTemplate.${event}`, { _: event });
        return (
          <Fragment key={event}>
            <TextInput
              source={`settings.messaging.templates.${event}.code`}
              label={`${name} · ${translate("ssp.partners.templateCode")}`}
            />
            <BooleanInput
              source={`settings.messaging.templates.${event}.approved`}
              label={`${name} · ${translate("ssp.partners.templateApproved")}`}
            />
            <TextInput
              source={`settings.messaging.templates.${event}.text`}
              label={`${name} · ${translate("ssp.partners.templateText")}`}
              multiline
              validate={[maxLength(1000)]}
            />
          </Fragment>
        );
      })}
    </>
  );
}

/**
 * Kakao Login on the partner's application page, with the partner's own Kakao app: its REST API
 * key (also the id_token's audience), its client secret (write-only: empty keeps it) and the
 * Redirect URI to register in Kakao Developers — fixed by SSP, so shown, not edited.
 */
function KakaoLoginInputs() {
  const translate = useTranslate();
  return (
    <>
      <BooleanInput source="settings.kakao.enabled" />
      <TextInput source="settings.kakao.restApiKey" validate={[maxLength(100)]} />
      <TextInput
        source="settings.kakao.clientSecret"
        type="password"
        parse={(v: string) => v || undefined}
        helperText="ssp.partners.secretWriteOnly"
      />
      <TextField
        label={translate("ssp.partners.kakaoRedirectUri")}
        helperText={translate("ssp.partners.kakaoRedirectUriHelp")}
        value={`${API_URL}/public/auth/kakao/callback`}
        slotProps={{ input: { readOnly: true } }}
        size="small"
        fullWidth
        sx={{ mb: 2 }}
      />
    </>
  );
}

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
      <AddressSourcesInput
        sources={{ postcode: "postcode", road: "address", detail: "addressDetail" }}
        roadMaxLength={200}
      />
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
      <MessagingInputs />
      <KakaoLoginInputs />
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
      {/* Service visits (방문관리): missed-visit grace and credit, and the relocation fee. */}
      <NumberInput source="settings.visits.graceDays" step={1} validate={[minValue(0), maxValue(60)]} />
      <BooleanInput source="settings.visits.creditMissed" />
      <NumberInput
        source="settings.visits.creditAmount"
        step={1000}
        validate={[minValue(0), maxValue(1_000_000)]}
      />
      <NumberInput
        source="settings.visits.relocationFee"
        step={1000}
        validate={[minValue(0), maxValue(1_000_000)]}
      />
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

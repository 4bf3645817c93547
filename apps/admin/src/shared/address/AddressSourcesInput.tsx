import {
  FieldTitle,
  InputHelperText,
  maxLength,
  regex,
  required,
  useInput,
  useResourceContext,
  useTranslate,
} from "react-admin";
import { AddressInput, type AddressValue } from "./AddressInput";

const postcodeRule = regex(/^\d{5}$/, "ssp.address.invalidPostcode");

/**
 * `AddressInput` in a react-admin form: the three parts bound to three sources of the record
 * (customers: postcode / address / addressDetail; orders: installPostcode / installAddress /
 * installAddressDetail), labelled by the resource's field names.
 */
export function AddressSourcesInput(props: {
  sources: Record<keyof AddressValue, string>;
  required?: boolean;
  /** The longest road address the API takes. */
  roadMaxLength?: number;
}) {
  const translate = useTranslate();
  const resource = useResourceContext();
  const { sources } = props;
  const postcode = useInput({ source: sources.postcode, validate: postcodeRule });
  const road = useInput({
    source: sources.road,
    validate: [...(props.required ? [required()] : []), maxLength(props.roadMaxLength ?? 300)],
  });
  const detail = useInput({ source: sources.detail, validate: maxLength(100) });
  const inputs = { postcode, road, detail };
  const label = (part: keyof AddressValue) => (
    <FieldTitle source={sources[part]} resource={resource} isRequired={inputs[part].isRequired} />
  );
  const error = (part: keyof AddressValue) => {
    const { invalid, error } = inputs[part].fieldState;
    return invalid && error?.message ? <InputHelperText error={error.message} /> : undefined;
  };

  return (
    <AddressInput
      value={{
        postcode: postcode.field.value ?? "",
        road: road.field.value ?? "",
        detail: detail.field.value ?? "",
      }}
      onChange={(next) => {
        for (const part of ["postcode", "road", "detail"] as const) {
          if (next[part] !== (inputs[part].field.value ?? "")) inputs[part].field.onChange(next[part]);
        }
      }}
      onBlur={(part) => inputs[part].field.onBlur()}
      errors={{ postcode: error("postcode"), road: error("road"), detail: error("detail") }}
      labels={{
        postcode: label("postcode"),
        road: label("road"),
        detail: label("detail"),
        search: translate("ssp.address.search"),
        dialogTitle: translate("ssp.address.dialogTitle"),
        close: translate("ra.action.close"),
        unavailable: translate("ssp.address.unavailable"),
      }}
    />
  );
}

import {
  BooleanInput,
  email,
  FormDataConsumer,
  minLength,
  PasswordInput,
  required,
  SelectInput,
  TextInput,
} from "react-admin";
import { roleChoices } from "../shared/choices";

/**
 * Create needs an e-mail and a password; edit cannot change the e-mail, may deactivate the
 * account, and changes the password only when one is typed.
 */
export function UserInputs({ mode }: { mode: "create" | "edit" }) {
  return (
    <>
      <TextInput source="email" type="email" validate={[required(), email()]} disabled={mode === "edit"} />
      <TextInput source="name" validate={required()} />
      <SelectInput source="role" choices={roleChoices} validate={required()} />
      <FormDataConsumer>
        {({ formData }) =>
          formData.role === "technician" ? (
            <TextInput
              source="serviceRegions"
              helperText="ssp.users.serviceRegionsHelp"
              format={(v: unknown) => (Array.isArray(v) ? v.join(", ") : "")}
              parse={(v: string) =>
                v
                  .split(",")
                  .map((r) => r.trim())
                  .filter(Boolean)
              }
              fullWidth
            />
          ) : null
        }
      </FormDataConsumer>
      {mode === "edit" && <BooleanInput source="active" />}
      {mode === "edit" && <BooleanInput source="resetTwoFactor" helperText="ssp.users.resetTwoFactorHelp" />}
      <PasswordInput
        source="password"
        validate={mode === "create" ? [required(), minLength(10)] : minLength(10)}
        helperText={mode === "edit" ? "ssp.users.passwordHelp" : undefined}
      />
    </>
  );
}

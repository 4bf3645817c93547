import { DEFAULT_ACCOUNT_CODES } from "@ssp/domain";
import { Create, SimpleForm } from "react-admin";
import { PartnerInputs } from "./PartnerInputs";

/** A new partner starts from the usual Korean account codes; its owner can change them later. */
const defaults = { settings: { accounting: DEFAULT_ACCOUNT_CODES } };

export function PartnerCreate() {
  return (
    <Create redirect="show">
      <SimpleForm defaultValues={defaults}>
        <PartnerInputs mode="create" />
      </SimpleForm>
    </Create>
  );
}

import { Create, SimpleForm } from "react-admin";
import { PartnerInputs } from "./PartnerInputs";

export function PartnerCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <PartnerInputs mode="create" />
      </SimpleForm>
    </Create>
  );
}

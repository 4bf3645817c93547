import { Edit, SaveButton, SimpleForm, Toolbar } from "react-admin";
import { PartnerInputs } from "./PartnerInputs";

// Settings decide credit approval and dunning, so saves wait for the server; partners are
// never deleted from the admin.
const SaveOnlyToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

export function PartnerEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm toolbar={<SaveOnlyToolbar />}>
        <PartnerInputs mode="edit" />
      </SimpleForm>
    </Edit>
  );
}

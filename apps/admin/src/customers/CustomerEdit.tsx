import { Edit, SimpleForm } from "react-admin";
import { CustomerInputs } from "./CustomerInputs";

// Pessimistic, so that the API's field errors (phone format, …) land under the inputs.
export function CustomerEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm>
        <CustomerInputs />
      </SimpleForm>
    </Edit>
  );
}

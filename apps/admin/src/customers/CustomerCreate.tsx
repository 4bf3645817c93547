import { Create, SimpleForm } from "react-admin";
import { CustomerInputs } from "./CustomerInputs";

export function CustomerCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <CustomerInputs />
      </SimpleForm>
    </Create>
  );
}

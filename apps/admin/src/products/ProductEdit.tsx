import { Edit, SimpleForm } from "react-admin";
import { ProductInputs } from "./ProductInputs";

export function ProductEdit() {
  return (
    <Edit redirect="show">
      <SimpleForm>
        <ProductInputs />
      </SimpleForm>
    </Edit>
  );
}

import { Create, SimpleForm } from "react-admin";
import { ProductInputs } from "./ProductInputs";

export function ProductCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <ProductInputs />
      </SimpleForm>
    </Create>
  );
}

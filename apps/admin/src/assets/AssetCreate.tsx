import { Create, SimpleForm } from "react-admin";
import { AssetInputs } from "./AssetInputs";

export function AssetCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <AssetInputs />
      </SimpleForm>
    </Create>
  );
}

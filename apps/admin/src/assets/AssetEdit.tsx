import { Edit, SimpleForm } from "react-admin";
import { AssetInputs } from "./AssetInputs";

// Acquisition cost drives depreciation, so saves wait for the server.
export function AssetEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm>
        <AssetInputs />
      </SimpleForm>
    </Edit>
  );
}

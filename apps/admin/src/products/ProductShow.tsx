import {
  BooleanField,
  Datagrid,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
} from "react-admin";
import { AssetStatusField } from "../shared/AssetStatusField";
import { planKindChoices } from "../shared/choices";
import { LocaleDateField } from "../shared/LocaleDateField";
import { WonField } from "../shared/WonField";
import { ProductEconomics } from "./ProductEconomics";

export function ProductShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="model" />
        <TextField source="category" />
        <LocaleDateField source="createdAt" showTime />
        <ReferenceManyField label="ssp.products.plans" reference="plans" target="productId">
          <Datagrid rowClick="show" bulkActionButtons={false}>
            <TextField source="name" />
            <SelectField source="kind" choices={planKindChoices} />
            <WonField source="monthlyFee" />
            <TextField source="termMonths" />
            <BooleanField source="active" />
          </Datagrid>
        </ReferenceManyField>
        <ProductEconomics />
        <ReferenceManyField label="ssp.products.assets" reference="assets" target="productId">
          <Datagrid rowClick="show" bulkActionButtons={false}>
            <TextField source="serialNumber" />
            <AssetStatusField source="status" />
            <WonField source="bookValue" />
          </Datagrid>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}

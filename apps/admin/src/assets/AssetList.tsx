import {
  Datagrid,
  DateField,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
} from "react-admin";
import { AssetStatusField } from "../shared/AssetStatusField";
import { assetStatusChoices } from "../shared/choices";
import { WonField } from "../shared/WonField";

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="productId" source="productId" reference="products" />,
  <SelectInput key="status" source="status" choices={assetStatusChoices} />,
];

export function AssetList() {
  return (
    <List filters={filters} sort={{ field: "createdAt", order: "DESC" }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="serialNumber" />
        <ReferenceField source="productId" reference="products" />
        <AssetStatusField source="status" />
        <DateField source="acquiredOn" locales="ko-KR" />
        <WonField source="acquisitionCost" />
        <WonField source="bookValue" sortable={false} />
        <ReferenceField source="customerId" reference="customers" emptyText="-" />
      </Datagrid>
    </List>
  );
}

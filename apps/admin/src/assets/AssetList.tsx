import {
  CreateButton,
  Datagrid,
  ExportButton,
  FilterButton,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
} from "react-admin";
import { AssetStatusField } from "../shared/AssetStatusField";
import { assetStatusChoices } from "../shared/choices";
import { LocaleDateField } from "../shared/LocaleDateField";
import { useRole } from "../shared/use-role";
import { WonField } from "../shared/WonField";
import { AssetImportButton } from "./AssetImportButton";

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="productId" source="productId" reference="products" />,
  <SelectInput key="status" source="status" choices={assetStatusChoices} />,
];

function AssetListActions() {
  const { can } = useRole();
  return (
    <TopToolbar>
      <FilterButton />
      {can("assets", "create") && <CreateButton />}
      <AssetImportButton />
      <ExportButton />
    </TopToolbar>
  );
}

export function AssetList() {
  return (
    <List actions={<AssetListActions />} filters={filters} sort={{ field: "createdAt", order: "DESC" }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="serialNumber" />
        <ReferenceField source="productId" reference="products" />
        <AssetStatusField source="status" />
        <LocaleDateField source="acquiredOn" />
        <WonField source="acquisitionCost" />
        <WonField source="bookValue" sortable={false} />
        <ReferenceField source="customerId" reference="customers" emptyText="-" />
      </Datagrid>
    </List>
  );
}

import { Datagrid, List, ReferenceField, ReferenceInput, TextField } from "react-admin";
import { AssetStatusField } from "../shared/AssetStatusField";
import { LocaleDateField } from "../shared/LocaleDateField";

const filters = [<ReferenceInput key="assetId" source="assetId" reference="assets" />];

export function AssetEventList() {
  return (
    <List filters={filters} sort={{ field: "at", order: "DESC" }}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <LocaleDateField source="at" showTime />
        <ReferenceField source="assetId" reference="assets" link="show" />
        <AssetStatusField source="fromStatus" />
        <AssetStatusField source="toStatus" />
        <TextField source="userName" label="resources.asset-events.fields.userId" emptyText="-" />
        <TextField source="note" emptyText="" />
      </Datagrid>
    </List>
  );
}

import { Datagrid, List, ReferenceField, ReferenceInput, TextField } from "react-admin";
import { AssetStatusField } from "../shared/AssetStatusField";
import { LocaleDateField } from "../shared/LocaleDateField";
import { ServerTextField } from "../shared/ServerTextField";

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
        <ServerTextField source="note" textSource="noteText" label="resources.asset-events.fields.note" />
      </Datagrid>
    </List>
  );
}

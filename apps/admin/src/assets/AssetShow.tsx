import {
  Datagrid,
  Labeled,
  NumberField,
  ReferenceField,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
} from "react-admin";
import { AssetStatusField } from "../shared/AssetStatusField";
import { LocaleDateField } from "../shared/LocaleDateField";
import { ServerTextField } from "../shared/ServerTextField";
import { useRole } from "../shared/use-role";
import { WonField } from "../shared/WonField";
import { AssetTransitionButtons } from "./AssetTransitionButtons";

export function AssetShow() {
  const { can } = useRole();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="serialNumber" />
        <ReferenceField source="productId" reference="products" />
        <AssetStatusField source="status" />
        <Labeled label="ssp.assets.changeStatus">
          <AssetTransitionButtons />
        </Labeled>
        <LocaleDateField source="acquiredOn" />
        <WonField source="acquisitionCost" />
        <NumberField source="usefulLifeMonths" />
        <WonField source="bookValue" />
        <ReferenceField source="customerId" reference="customers" emptyText="-" />
        {/* The contract holding the asset, by its number, for the roles that may open contracts. */}
        {can("contracts", "show") ? (
          <ReferenceField source="contractId" reference="contracts" link="show" emptyText="-" />
        ) : null}
        <ReferenceManyField
          label="ssp.assets.events"
          reference="asset-events"
          target="assetId"
          sort={{ field: "at", order: "DESC" }}
        >
          <Datagrid bulkActionButtons={false} rowClick={false}>
            <LocaleDateField source="at" showTime />
            <AssetStatusField source="fromStatus" />
            <AssetStatusField source="toStatus" />
            <TextField source="userName" label="resources.asset-events.fields.userId" emptyText="-" />
            <ServerTextField source="note" textSource="noteText" label="resources.asset-events.fields.note" />
          </Datagrid>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}

import {
  Datagrid,
  DateField,
  Labeled,
  NumberField,
  ReferenceField,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
} from "react-admin";
import { AssetStatusField } from "../shared/AssetStatusField";
import { WonField } from "../shared/WonField";
import { AssetTransitionButtons } from "./AssetTransitionButtons";

export function AssetShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="serialNumber" />
        <ReferenceField source="productId" reference="products" />
        <AssetStatusField source="status" />
        <Labeled label="ssp.assets.changeStatus">
          <AssetTransitionButtons />
        </Labeled>
        <DateField source="acquiredOn" locales="ko-KR" />
        <WonField source="acquisitionCost" />
        <NumberField source="usefulLifeMonths" />
        <WonField source="bookValue" />
        <ReferenceField source="customerId" reference="customers" emptyText="-" />
        <TextField source="contractId" emptyText="-" />
        <ReferenceManyField
          label="ssp.assets.events"
          reference="asset-events"
          target="assetId"
          sort={{ field: "at", order: "DESC" }}
        >
          <Datagrid bulkActionButtons={false} rowClick={false}>
            <DateField source="at" showTime locales="ko-KR" />
            <AssetStatusField source="fromStatus" />
            <AssetStatusField source="toStatus" />
            <TextField source="userName" label="resources.asset-events.fields.userId" emptyText="-" />
            <TextField source="note" emptyText="" />
          </Datagrid>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}

import {
  EditButton,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from "react-admin";
import { LocaleDateField } from "../shared/LocaleDateField";
import { StatusChipField } from "../shared/StatusChipField";
import { useRole } from "../shared/use-role";

function Actions() {
  const record = useRecordContext();
  const { can } = useRole();
  return (
    <TopToolbar>
      {record?.status === "scheduled" && can("deliveries", "edit") && (
        <EditButton label="ssp.deliveries.install" />
      )}
    </TopToolbar>
  );
}

export function DeliveryShow() {
  const { can } = useRole();
  return (
    <Show actions={<Actions />}>
      <SimpleShowLayout>
        <LocaleDateField source="scheduledOn" />
        <StatusChipField source="status" prefix="ssp.deliveryStatus" />
        <TextField source="customerName" emptyText="-" />
        {can("orders", "show") ? <ReferenceField source="orderId" reference="orders" link="show" /> : null}
        {can("contracts", "show") ? (
          <ReferenceField source="contractId" reference="contracts" link="show" emptyText="-" />
        ) : (
          <TextField source="contractNumber" label="resources.deliveries.fields.contractId" emptyText="-" />
        )}
        <ReferenceField source="assetId" reference="assets" link={false} emptyText="-" />
        <TextField source="technicianName" label="resources.deliveries.fields.technicianId" emptyText="-" />
        <LocaleDateField source="installedOn" emptyText="-" />
        <TextField source="receiptSha256" emptyText="-" />
      </SimpleShowLayout>
    </Show>
  );
}

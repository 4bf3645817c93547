import {
  Datagrid,
  EditButton,
  List,
  ReferenceField,
  SelectInput,
  TextField,
  useRecordContext,
} from "react-admin";
import { deliveryStatusChoices } from "../shared/choices";
import { LocaleDateField } from "../shared/LocaleDateField";
import { StatusChipField } from "../shared/StatusChipField";
import { useRole } from "../shared/use-role";

const filters = [<SelectInput key="status" source="status" choices={deliveryStatusChoices} alwaysOn />];

function InstallButton() {
  const record = useRecordContext();
  const { can } = useRole();
  if (record?.status !== "scheduled" || !can("deliveries", "edit")) return null;
  return <EditButton label="ssp.deliveries.install" />;
}

/** A technician gets only their own visits from the API, hence "내 설치 일정". */
export function DeliveryList() {
  const { can } = useRole();
  return (
    // Open jobs only, the earliest first: what is overdue or due today leads, finished ones
    // are one filter change away.
    <List
      filters={filters}
      filterDefaultValues={{ status: "scheduled" }}
      sort={{ field: "scheduledOn", order: "ASC" }}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <LocaleDateField source="scheduledOn" />
        <StatusChipField source="status" prefix="ssp.deliveryStatus" />
        <TextField source="customerName" sortable={false} emptyText="-" />
        {can("orders", "show") ? (
          <ReferenceField source="orderId" sortable={false} reference="orders" link="show" />
        ) : (
          <TextField
            source="contractNumber"
            label="resources.deliveries.fields.contractId"
            sortable={false}
          />
        )}
        <ReferenceField source="assetId" sortable={false} reference="assets" link={false} emptyText="-" />
        <TextField
          source="technicianName"
          label="resources.deliveries.fields.technicianId"
          sortable={false}
        />
        <LocaleDateField source="installedOn" sortable={false} emptyText="-" />
        <InstallButton />
      </Datagrid>
    </List>
  );
}

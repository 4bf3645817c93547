import {
  BooleanField,
  BooleanInput,
  Datagrid,
  DateInput,
  FunctionField,
  List,
  type RaRecord,
  ReferenceField,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  useTranslate,
} from "react-admin";
import { LocaleDateField } from "../shared/LocaleDateField";
import { StatusChipField } from "../shared/StatusChipField";
import { visitStatusChoices } from "./choices";
import { VisitActions } from "./VisitActions";

const filters = [
  <SelectInput key="status" source="status" choices={visitStatusChoices} alwaysOn />,
  <DateInput key="scheduledOn" source="scheduledOn" alwaysOn />,
  <BooleanInput key="missed" source="missed" />,
];

/** 방문관리: every visit with customer, address and technician by name, and its actions. */
export function VisitList() {
  return (
    <List filters={filters} sort={{ field: "scheduledOn", order: "ASC" }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <LocaleDateField source="scheduledOn" />
        <StatusChipField source="status" prefix="ssp.visitStatus" />
        <VisitKindField sortable={false} />
        <BooleanField source="missed" sortable={false} />
        <TextField source="contractNumber" sortable={false} />
        <TextField source="customerName" sortable={false} />
        <TextField source="address" sortable={false} />
        <TextField source="technicianName" sortable={false} emptyText="-" />
        <VisitActions />
      </Datagrid>
    </List>
  );
}

/** Regular, repair, or a relocation's removal / reinstallation — by its label. */
function VisitKindField({ sortable }: { sortable?: boolean }) {
  const translate = useTranslate();
  return (
    <FunctionField
      source="kind"
      sortable={sortable}
      render={(r: RaRecord) => translate(`ssp.visitKind.${String(r.kind)}`, { _: String(r.kind) })}
    />
  );
}

function Parts() {
  const translate = useTranslate();
  return (
    <FunctionField
      source="partsUsed"
      render={(r: RaRecord) =>
        (r.partsUsed as { name: string; quantity: number }[]).length === 0
          ? "-"
          : (r.partsUsed as { name: string; quantity: number }[])
              .map((p) => translate("ssp.visits.part", { name: p.name, quantity: p.quantity }))
              .join(", ")
      }
    />
  );
}

export function VisitShow() {
  return (
    <Show actions={false}>
      <SimpleShowLayout>
        <VisitActions />
        <StatusChipField source="status" prefix="ssp.visitStatus" />
        <VisitKindField />
        <ReferenceField source="ticketId" reference="tickets" emptyText="-" />
        <BooleanField source="missed" />
        <LocaleDateField source="dueOn" />
        <LocaleDateField source="scheduledOn" />
        <TextField source="contractNumber" />
        <TextField source="customerName" />
        <TextField source="customerPhone" />
        <TextField source="address" />
        <TextField source="productName" />
        <TextField source="serialNumber" emptyText="-" />
        <TextField source="technicianName" emptyText="-" />
        <TextField source="reason" emptyText="-" />
        <TextField source="notes" emptyText="-" />
        <Parts />
        <BooleanField source="signed" />
        <LocaleDateField source="completedAt" showTime emptyText="-" />
      </SimpleShowLayout>
    </Show>
  );
}

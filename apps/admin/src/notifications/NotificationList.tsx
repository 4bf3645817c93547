import { Datagrid, DateField, List, NumberField, SelectInput, TextField, TextInput } from "react-admin";
import { notificationStatusChoices } from "../shared/choices";
import { StatusChipField } from "../shared/StatusChipField";

const filters = [
  <SelectInput key="status" source="status" choices={notificationStatusChoices} alwaysOn />,
  <TextInput key="template" source="template" />,
  <TextInput key="entity" source="entity" />,
];

/** 보낸 메시지: the outbox, with every delivery's outcome. */
export function NotificationList() {
  return (
    <List filters={filters} sort={{ field: "createdAt", order: "DESC" }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <DateField source="createdAt" showTime locales="ko-KR" />
        <TextField source="channel" sortable={false} />
        <TextField source="to" sortable={false} />
        <TextField source="template" />
        <TextField source="subject" sortable={false} />
        <StatusChipField source="status" prefix="ssp.notificationStatus" />
        <NumberField source="attempts" sortable={false} />
        <DateField source="sentAt" showTime locales="ko-KR" emptyText="-" />
      </Datagrid>
    </List>
  );
}

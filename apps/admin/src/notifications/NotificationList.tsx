import { Datagrid, List, NumberField, SelectInput, TextField } from "react-admin";
import {
  messageTemplateChoices,
  notificationEntityChoices,
  notificationStatusChoices,
} from "../shared/choices";
import { LabelField } from "../shared/LabelField";
import { LocaleDateField } from "../shared/LocaleDateField";
import { StatusChipField } from "../shared/StatusChipField";

const filters = [
  <SelectInput key="status" source="status" choices={notificationStatusChoices} alwaysOn />,
  <SelectInput key="template" source="template" choices={messageTemplateChoices} />,
  <SelectInput key="entity" source="entity" choices={notificationEntityChoices} />,
];

/** 보낸 메시지: the outbox, with every delivery's outcome. */
export function NotificationList() {
  return (
    <List filters={filters} sort={{ field: "createdAt", order: "DESC" }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <LocaleDateField source="createdAt" showTime />
        <LabelField source="channel" prefix="ssp.notificationChannel" sortable={false} />
        <TextField source="to" sortable={false} />
        <LabelField source="template" prefix="ssp.messageTemplate" />
        <TextField source="subject" sortable={false} />
        <StatusChipField source="status" prefix="ssp.notificationStatus" />
        <NumberField source="attempts" sortable={false} />
        <LocaleDateField source="sentAt" showTime emptyText="-" />
      </Datagrid>
    </List>
  );
}

import { DateField, NumberField, Show, SimpleShowLayout, TextField } from "react-admin";
import { StatusChipField } from "../shared/StatusChipField";

export function NotificationShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="channel" />
        <TextField source="to" />
        <TextField source="template" />
        <TextField source="subject" />
        {/* The Korean body as the customer received it, line breaks kept. */}
        <TextField source="body" sx={{ whiteSpace: "pre-wrap" }} component="div" />
        <StatusChipField source="status" prefix="ssp.notificationStatus" />
        <NumberField source="attempts" />
        <TextField source="lastError" emptyText="-" />
        <TextField source="entity" emptyText="-" />
        <TextField source="entityId" emptyText="-" />
        <DateField source="createdAt" showTime locales="ko-KR" />
        <DateField source="sentAt" showTime locales="ko-KR" emptyText="-" />
      </SimpleShowLayout>
    </Show>
  );
}

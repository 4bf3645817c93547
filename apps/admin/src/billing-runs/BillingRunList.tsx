import { BooleanField, Datagrid, DateField, DateInput, List, NumberField } from "react-admin";
import { StatusChipField } from "../shared/StatusChipField";
import { BillingRunPanel } from "./BillingRunPanel";
import { PreviewAmountField } from "./PreviewAmountField";

const filters = [<DateInput key="runDate" source="runDate" alwaysOn />];

export function BillingRunList() {
  return (
    <>
      <BillingRunPanel />
      <List filters={filters} sort={{ field: "id", order: "DESC" }}>
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <NumberField source="id" />
          <DateField source="runDate" locales="ko-KR" />
          <BooleanField source="dryRun" sortable={false} />
          <StatusChipField source="status" prefix="ssp.billingRunStatus" sortable={false} />
          <NumberField source="issued" sortable={false} />
          <NumberField source="charged" sortable={false} />
          <NumberField source="failed" sortable={false} />
          <NumberField source="skipped" sortable={false} />
          <PreviewAmountField source="preview" sortable={false} />
          <StatusChipField source="trigger" prefix="ssp.billingTrigger" sortable={false} />
          <DateField source="startedAt" showTime locales="ko-KR" />
          <NumberField source="durationMs" sortable={false} />
        </Datagrid>
      </List>
    </>
  );
}

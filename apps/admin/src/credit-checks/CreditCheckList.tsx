import { Divider } from "@mui/material";
import { Datagrid, List, NumberField, ReferenceField, SelectInput } from "react-admin";
import { creditOutcomeChoices } from "../shared/choices";
import { LocaleDateField } from "../shared/LocaleDateField";
import { StatusChipField } from "../shared/StatusChipField";
import { CreditCheckTabs } from "./CreditCheckTabs";
import { CreditDecisionButtons } from "./CreditDecisionButtons";

const filters = [<SelectInput key="outcome" source="outcome" choices={creditOutcomeChoices} />];

export function CreditCheckList() {
  return (
    <List
      filters={filters}
      filterDefaultValues={{ pending: true }}
      sort={{ field: "requestedAt", order: "DESC" }}
    >
      <CreditCheckTabs />
      <Divider />
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <ReferenceField source="orderId" sortable={false} reference="orders" link="show" />
        <ReferenceField source="customerId" sortable={false} reference="customers" />
        <NumberField source="score" />
        <NumberField source="grade" sortable={false} />
        <StatusChipField source="outcome" prefix="ssp.creditOutcome" />
        <StatusChipField source="decision" sortable={false} prefix="ssp.creditOutcome" />
        <LocaleDateField source="requestedAt" showTime />
        <CreditDecisionButtons />
      </Datagrid>
    </List>
  );
}

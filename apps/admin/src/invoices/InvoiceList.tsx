import { Divider } from "@mui/material";
import {
  Datagrid,
  DateInput,
  FilterButton,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
} from "react-admin";
import { ReportExportButton } from "../reports/ReportExportButton";
import { overdueBucketChoices } from "../shared/finance-choices";
import { LocaleDateField } from "../shared/LocaleDateField";
import { StatusChipField } from "../shared/StatusChipField";
import { WonField } from "../shared/WonField";
import { InvoiceStatusTabs } from "./InvoiceStatusTabs";
import { OverdueField } from "./OverdueField";

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="customerId" source="customerId" reference="customers" />,
  <ReferenceInput key="contractId" source="contractId" reference="contracts" />,
  <DateInput key="issueDate" source="issueDate" />,
  <DateInput key="periodFrom" source="periodFrom" />,
  <DateInput key="periodTo" source="periodTo" />,
  <SelectInput key="overdueBucket" source="overdueBucket" choices={overdueBucketChoices} alwaysOn />,
];

// Exports go through the billing register report (the list's filter, exactly), not react-admin's
// JSON-keyed exporter.
const actions = (
  <TopToolbar>
    <FilterButton />
    <ReportExportButton report="billing-register" />
  </TopToolbar>
);

export function InvoiceList() {
  return (
    <List filters={filters} sort={{ field: "id", order: "DESC" }} actions={actions} exporter={false}>
      <InvoiceStatusTabs />
      <Divider />
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="number" />
        <ReferenceField source="customerId" reference="customers" sortable={false} />
        <ReferenceField source="contractId" reference="contracts" sortable={false} />
        <StatusChipField source="periodKind" prefix="ssp.periodKind" sortable={false} />
        <LocaleDateField source="periodStart" />
        <LocaleDateField source="dueDate" />
        <WonField source="total" textAlign="right" />
        <StatusChipField source="status" prefix="ssp.invoiceStatus" />
        <OverdueField source="overdueDays" sortable={false} />
        <LocaleDateField source="paidAt" showTime emptyText="-" sortable={false} />
      </Datagrid>
    </List>
  );
}

import {
  AutocompleteInput,
  Datagrid,
  DateInput,
  FilterButton,
  List,
  NumberField,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  TextField,
  TopToolbar,
} from "react-admin";
import { ReportExportButton } from "../reports/ReportExportButton";
import { paymentMethodChoices, paymentStatusChoices } from "../shared/finance-choices";
import { LocaleDateField } from "../shared/LocaleDateField";
import { PaymentFailureField } from "../shared/payment-failure";
import { StatusChipField } from "../shared/StatusChipField";
import { WonField } from "../shared/WonField";

const filters = [
  <SelectInput key="status" source="status" choices={paymentStatusChoices} alwaysOn />,
  <SelectInput key="method" source="method" choices={paymentMethodChoices} alwaysOn />,
  // Seoul calendar days, both inclusive: the API turns them into instants.
  <DateInput key="attemptedFrom" source="attemptedFrom" alwaysOn />,
  <DateInput key="attemptedTo" source="attemptedTo" alwaysOn />,
  <ReferenceInput key="invoiceId" source="invoiceId" reference="invoices" alwaysOn>
    <AutocompleteInput optionText="number" filterToQuery={(q: string) => ({ q })} />
  </ReferenceInput>,
];

// The payments report is by attempt date, like this list's date filters: they are its period too.
const actions = (
  <TopToolbar>
    <FilterButton />
    <ReportExportButton report="payments" periodFrom="attemptedFrom" periodTo="attemptedTo" />
  </TopToolbar>
);

/** Every collection attempt; a row opens its invoice, where the actions are. */
export function PaymentList() {
  return (
    <List filters={filters} sort={{ field: "id", order: "DESC" }} actions={actions} exporter={false}>
      <Datagrid
        rowClick={(_id, _resource, record) =>
          `/invoices/${encodeURIComponent(String(record.invoiceId))}/show`
        }
        bulkActionButtons={false}
      >
        <TextField source="id" />
        <ReferenceField source="invoiceId" reference="invoices" link={false} />
        <NumberField source="attempt" />
        <WonField source="amount" />
        <StatusChipField source="status" prefix="ssp.paymentStatus" />
        <StatusChipField source="method" prefix="ssp.paymentMethodKind" />
        <TextField source="gatewayRef" emptyText="-" sortable={false} />
        <PaymentFailureField source="failureCode" sortable={false} />
        <LocaleDateField source="attemptedAt" showTime />
      </Datagrid>
    </List>
  );
}

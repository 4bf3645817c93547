import {
  AutocompleteInput,
  Datagrid,
  DateField,
  List,
  NumberField,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  TextField,
} from "react-admin";
import { paymentStatusChoices } from "../shared/finance-choices";
import { StatusChipField } from "../shared/StatusChipField";
import { WonField } from "../shared/WonField";

const filters = [
  <SelectInput key="status" source="status" choices={paymentStatusChoices} alwaysOn />,
  <ReferenceInput key="invoiceId" source="invoiceId" reference="invoices" alwaysOn>
    <AutocompleteInput optionText="number" filterToQuery={(q: string) => ({ q })} />
  </ReferenceInput>,
];

/** Every collection attempt; a row opens its invoice, where the actions are. */
export function PaymentList() {
  return (
    <List filters={filters} sort={{ field: "id", order: "DESC" }}>
      <Datagrid
        rowClick={(_id, _resource, record) =>
          `/invoices/${encodeURIComponent(String(record.invoiceId))}/show`
        }
        bulkActionButtons={false}
      >
        <TextField source="id" />
        <ReferenceField source="invoiceId" reference="invoices" link={false} sortable={false} />
        <NumberField source="attempt" sortable={false} />
        <WonField source="amount" />
        <StatusChipField source="status" prefix="ssp.paymentStatus" />
        <StatusChipField source="method" prefix="ssp.paymentMethodKind" sortable={false} />
        <TextField source="gatewayRef" emptyText="-" sortable={false} />
        <TextField source="failureCode" emptyText="-" sortable={false} />
        <DateField source="attemptedAt" showTime locales="ko-KR" />
      </Datagrid>
    </List>
  );
}

import {
  Datagrid,
  List,
  NumberField,
  ReferenceField,
  SearchInput,
  SelectInput,
  TextField,
} from "react-admin";
import { contractStatusChoices } from "../shared/choices";
import { LocaleDateField } from "../shared/LocaleDateField";
import { StatusChipField } from "../shared/StatusChipField";

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={contractStatusChoices} alwaysOn />,
];

export function ContractList() {
  return (
    <List filters={filters} sort={{ field: "id", order: "DESC" }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="number" />
        <ReferenceField source="customerId" reference="customers" />
        <TextField source="productName" sortable={false} />
        <StatusChipField source="status" prefix="ssp.contractStatus" />
        <NumberField source="billingDay" sortable={false} />
        <LocaleDateField source="activatedOn" emptyText="-" />
        <LocaleDateField source="endsOn" emptyText="-" />
      </Datagrid>
    </List>
  );
}

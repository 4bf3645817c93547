import {
  BooleanField,
  BooleanInput,
  Datagrid,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectField,
  SelectInput,
  TextField,
} from "react-admin";
import { planKindChoices } from "../shared/choices";
import { WonField } from "../shared/WonField";

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="productId" source="productId" reference="products" />,
  <SelectInput key="kind" source="kind" choices={planKindChoices} />,
  <BooleanInput key="active" source="active" />,
];

export function PlanList() {
  return (
    <List filters={filters} sort={{ field: "name", order: "ASC" }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <ReferenceField source="productId" reference="products" />
        <SelectField source="kind" choices={planKindChoices} />
        <WonField source="monthlyFee" />
        <TextField source="termMonths" />
        <TextField source="version" />
        <BooleanField source="active" />
      </Datagrid>
    </List>
  );
}

import { maskPhone } from "@ssp/domain";
import {
  Datagrid,
  EmailField,
  FunctionField,
  List,
  type RaRecord,
  SearchInput,
  TextArrayField,
  TextField,
  TextInput,
} from "react-admin";
import { LocaleDateField } from "../shared/LocaleDateField";

const filters = [<SearchInput key="q" source="q" alwaysOn />, <TextInput key="tags" source="tags" />];

const maskedPhone = (record: RaRecord) => (typeof record.phone === "string" ? maskPhone(record.phone) : "");

export function CustomerList() {
  return (
    // The list's rows carry masked phones; a distinct meta keeps react-admin from reusing them
    // as the show page's record, which must carry the full number.
    <List
      filters={filters}
      sort={{ field: "createdAt", order: "DESC" }}
      queryOptions={{ meta: { view: "list" } }}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <LocaleDateField source="birthDate" />
        <FunctionField source="phone" render={maskedPhone} />
        <EmailField source="email" />
        <TextArrayField source="tags" />
        <LocaleDateField source="createdAt" />
      </Datagrid>
    </List>
  );
}

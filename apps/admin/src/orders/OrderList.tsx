import { Divider } from "@mui/material";
import {
  Datagrid,
  List,
  NumberField,
  ReferenceField,
  ReferenceInput,
  SelectField,
  TextField,
} from "react-admin";
import { orderSourceChoices } from "../shared/choices";
import { LocaleDateField } from "../shared/LocaleDateField";
import { StatusChipField } from "../shared/StatusChipField";
import { OrderStatusTabs } from "./OrderStatusTabs";

const filters = [<ReferenceInput key="customerId" source="customerId" reference="customers" />];

export function OrderList() {
  return (
    <List filters={filters} sort={{ field: "createdAt", order: "DESC" }}>
      <OrderStatusTabs />
      <Divider />
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <ReferenceField source="customerId" reference="customers" />
        <ReferenceField source="planId" sortable={false} reference="plans" />
        <StatusChipField source="status" prefix="ssp.orderStatus" />
        <NumberField source="billingDay" />
        <SelectField source="source" sortable={false} choices={orderSourceChoices} emptyText="-" />
        <LocaleDateField source="createdAt" showTime />
      </Datagrid>
    </List>
  );
}

import {
  BooleanInput,
  Datagrid,
  FunctionField,
  List,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  useTranslate,
} from "react-admin";
import { LocaleDateField } from "../shared/LocaleDateField";
import { StatusChipField } from "../shared/StatusChipField";
import { useDateTime } from "../shared/use-date-time";
import { useTicketChoices } from "./ticket-choices";

interface TicketRecord {
  slaBreached?: boolean;
  slaDueAt?: string;
}

/** The inbox: open tickets by SLA due time, breached first and highlighted. */
export function TicketList() {
  const translate = useTranslate();
  const dateTime = useDateTime();
  const { statuses, types, priorities } = useTicketChoices();
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput key="status" source="status" choices={statuses} />,
    <SelectInput key="type" source="type" choices={types} />,
    <SelectInput key="priority" source="priority" choices={priorities} />,
    <ReferenceInput key="customerId" source="customerId" reference="customers" />,
    <BooleanInput key="breached" source="breached" label="ssp.tickets.breachedOnly" />,
    <BooleanInput key="open" source="open" label="ssp.tickets.openOnly" />,
  ];
  return (
    <List filters={filters} sort={{ field: "sla", order: "ASC" }} filterDefaultValues={{ open: true }}>
      <Datagrid
        rowClick="show"
        bulkActionButtons={false}
        rowSx={(record: TicketRecord) =>
          record.slaBreached ? { backgroundColor: "rgba(211, 47, 47, 0.08)" } : {}
        }
      >
        <TextField source="number" sortBy="id" />
        <FunctionField
          source="type"
          render={(r: { type: string }) => translate(`ssp.ticketType.${r.type}`, { _: r.type })}
        />
        <TextField source="subject" sortable={false} />
        <TextField source="customerName" sortable={false} />
        <TextField source="assigneeName" sortable={false} emptyText={translate("ssp.tickets.unassigned")} />
        <FunctionField
          source="priority"
          render={(r: { priority: string }) =>
            translate(`ssp.ticketPriority.${r.priority}`, { _: r.priority })
          }
        />
        <StatusChipField source="status" prefix="ssp.ticketStatus" />
        <FunctionField
          source="slaDueAt"
          sortBy="sla"
          render={(r: TicketRecord) => (
            <span style={r.slaBreached ? { color: "#c62828", fontWeight: 600 } : undefined}>
              {r.slaDueAt ? dateTime(r.slaDueAt) : ""}
              {r.slaBreached ? ` · ${translate("ssp.tickets.breached")}` : ""}
            </span>
          )}
        />
        <LocaleDateField source="createdAt" showTime />
      </Datagrid>
    </List>
  );
}

import { useQuery } from "@tanstack/react-query";
import {
  AutocompleteInput,
  Create,
  FormDataConsumer,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useTranslate,
} from "react-admin";
import { ticketApi } from "./ticket-api";
import { useTicketChoices } from "./ticket-choices";

function ContractPicker() {
  return (
    <FormDataConsumer<{ customerId?: number }>>
      {({ formData }) => (
        <ReferenceInput
          source="contractId"
          reference="contracts"
          filter={formData.customerId ? { customerId: formData.customerId } : {}}
        >
          <AutocompleteInput optionText="number" disabled={!formData.customerId} />
        </ReferenceInput>
      )}
    </FormDataConsumer>
  );
}

/** A ticket taken by phone or at the desk: customer and contract picked by name and number. */
export function TicketCreate() {
  const translate = useTranslate();
  const { types, priorities } = useTicketChoices();
  const { data: people = [] } = useQuery({
    queryKey: ["tickets", "assignees"],
    queryFn: ticketApi.assignees,
  });
  return (
    <Create redirect="show" mutationMode="pessimistic">
      <SimpleForm defaultValues={{ type: "inquiry" }}>
        <SelectInput source="type" choices={types} validate={required()} />
        <SelectInput source="priority" choices={priorities} helperText="ssp.tickets.priorityHelp" />
        <ReferenceInput source="customerId" reference="customers">
          <AutocompleteInput optionText="name" validate={required()} />
        </ReferenceInput>
        <ContractPicker />
        <SelectInput
          source="assigneeId"
          choices={people.map((p) => ({
            id: p.id,
            name: `${p.name} (${translate(`ssp.role.${p.role}`, { _: p.role })})`,
          }))}
        />
        <TextInput source="subject" validate={required()} fullWidth />
        <TextInput source="body" validate={required()} multiline minRows={4} fullWidth />
      </SimpleForm>
    </Create>
  );
}

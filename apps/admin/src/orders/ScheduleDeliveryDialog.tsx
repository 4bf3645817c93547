import { AutocompleteInput, DateInput, minValue, NumberInput, ReferenceInput, required } from "react-admin";
import { FormDialog } from "../shared/FormDialog";
import { useRole } from "../shared/use-role";

/**
 * Only roles that may list users get a technician picker; the others (a manager) enter the
 * technician's user number, which the API checks.
 */
export function ScheduleDeliveryDialog({
  open,
  pending,
  onSubmit,
  onClose,
}: {
  open: boolean;
  pending: boolean;
  onSubmit: (params: { technicianId: number; scheduledOn: string }) => void;
  onClose: () => void;
}) {
  const { can } = useRole();
  return (
    <FormDialog
      open={open}
      title="ssp.orders.scheduleDelivery"
      submitLabel="ssp.orders.schedule"
      pending={pending}
      onClose={onClose}
      onSubmit={(values) =>
        onSubmit({ technicianId: Number(values.technicianId), scheduledOn: String(values.scheduledOn) })
      }
    >
      {can("users", "list") ? (
        <ReferenceInput source="technicianId" reference="users" filter={{ role: "technician" }}>
          <AutocompleteInput
            optionText="name"
            label="ssp.orders.technician"
            validate={required()}
            fullWidth
          />
        </ReferenceInput>
      ) : (
        <NumberInput
          source="technicianId"
          label="ssp.orders.technicianId"
          validate={[required(), minValue(1)]}
          step={1}
          fullWidth
        />
      )}
      <DateInput source="scheduledOn" label="ssp.orders.scheduledOn" validate={required()} fullWidth />
    </FormDialog>
  );
}

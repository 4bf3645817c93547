import { DateInput, required } from "react-admin";
import { TechnicianInput } from "../operations/TechnicianInput";
import { FormDialog } from "../shared/FormDialog";

/**
 * The date first, then a technician picked by name with their load for that day (GET
 * /api/technicians), for every role that schedules; the API checks the choice again.
 */
export function ScheduleDeliveryDialog({
  open,
  orderId,
  pending,
  onSubmit,
  onClose,
}: {
  open: boolean;
  orderId: number;
  pending: boolean;
  onSubmit: (params: { technicianId: number; scheduledOn: string }) => void;
  onClose: () => void;
}) {
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
      <DateInput source="scheduledOn" label="ssp.orders.scheduledOn" validate={required()} fullWidth />
      <TechnicianInput dateSource="scheduledOn" label="ssp.orders.technician" job={{ orderId }} />
    </FormDialog>
  );
}

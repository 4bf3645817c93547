import { Stack } from "@mui/material";
import { useState } from "react";
import {
  Button,
  Datagrid,
  List,
  type RaRecord,
  SelectInput,
  TextField,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from "react-admin";
import { errorMessage } from "../shared/error-message";
import { LocaleDateField } from "../shared/LocaleDateField";
import { ReasonDialog } from "../shared/ReasonDialog";
import { ServerTextField } from "../shared/ServerTextField";
import { StatusChipField } from "../shared/StatusChipField";
import { useRole } from "../shared/use-role";
import { taskKindChoices, taskStatusChoices } from "./choices";
import { operationsApi } from "./operations-api";

/** Start, complete and cancel: each its own endpoint; a return's completion brings the unit back. */
function TaskActions() {
  const record = useRecordContext<RaRecord & { status: string }>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const { can, role } = useRole();
  const [pending, setPending] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  if (!record || !can("tasks", "edit") || !["open", "in_progress"].includes(record.status)) return null;
  const run = async (work: () => Promise<unknown>, done: string) => {
    setPending(true);
    try {
      await work();
      notify(done, { type: "success" });
      setCancelling(false);
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
    } finally {
      setPending(false);
    }
  };
  return (
    <Stack direction="row" spacing={1} onClick={(e) => e.stopPropagation()}>
      {record.status === "open" ? (
        <Button
          label="ssp.tasks.start"
          disabled={pending}
          onClick={() => run(() => operationsApi.startTask(record.id), "ssp.tasks.started")}
        />
      ) : null}
      <Button
        label="ssp.tasks.complete"
        variant="contained"
        disabled={pending}
        onClick={() => run(() => operationsApi.completeTask(record.id), "ssp.tasks.completed")}
      />
      {role !== "technician" ? (
        <Button label="ssp.tasks.cancel" color="error" onClick={() => setCancelling(true)} />
      ) : null}
      <ReasonDialog
        open={cancelling}
        title={translate("ssp.tasks.cancelTitle")}
        confirmLabel="ssp.tasks.cancel"
        pending={pending}
        onClose={() => setCancelling(false)}
        onConfirm={(why) => run(() => operationsApi.cancelTask(record.id, why), "ssp.tasks.cancelled")}
      />
    </Stack>
  );
}

const filters = [
  <SelectInput key="status" source="status" choices={taskStatusChoices} alwaysOn />,
  <SelectInput key="kind" source="kind" choices={taskKindChoices} alwaysOn />,
];

/** 할 일: the follow-ups of the kinds the role owns (a technician: the ones given to them). */
export function TaskList() {
  return (
    <List filters={filters} filterDefaultValues={{ status: "open" }} sort={{ field: "dueOn", order: "ASC" }}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <LocaleDateField source="dueOn" emptyText="-" />
        <StatusChipField source="kind" prefix="ssp.taskKind" />
        <StatusChipField source="status" prefix="ssp.taskStatus" />
        <TextField source="contractNumber" sortable={false} emptyText="-" />
        <TextField source="customerName" sortable={false} emptyText="-" />
        <TextField source="serialNumber" sortable={false} emptyText="-" />
        <TextField source="assigneeName" sortable={false} emptyText="-" />
        <ServerTextField source="note" textSource="noteText" label="resources.tasks.fields.note" />
        <TaskActions />
      </Datagrid>
    </List>
  );
}

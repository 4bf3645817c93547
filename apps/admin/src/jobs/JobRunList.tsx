import { BooleanInput, Datagrid, DateInput, FunctionField, List, SelectInput, TextField } from "react-admin";
import { LocaleDateField } from "../shared/LocaleDateField";
import { StatusChipField } from "../shared/StatusChipField";
import type { JobRun } from "./JobProgress";
import { JOB_NAMES, JOB_STATUSES } from "./job-choices";

const filters = [
  <SelectInput key="job" source="job" choices={JOB_NAMES} alwaysOn />,
  <SelectInput key="status" source="status" choices={JOB_STATUSES} alwaysOn />,
  <DateInput key="runDate" source="runDate" alwaysOn />,
  <BooleanInput key="dryRun" source="dryRun" />,
];

/** Every job run, newest first; the failed ones stand out. */
export function JobRunList() {
  return (
    <List filters={filters} sort={{ field: "id", order: "DESC" }}>
      <Datagrid
        rowClick="show"
        bulkActionButtons={false}
        rowSx={(record) =>
          record.status === "failed"
            ? { backgroundColor: "error.light" }
            : record.status === "completed_with_failures"
              ? { backgroundColor: "warning.light" }
              : {}
        }
      >
        <TextField source="id" />
        <StatusChipField source="job" prefix="ssp.jobName" sortable={false} />
        <LocaleDateField source="runDate" />
        <StatusChipField source="status" prefix="ssp.jobStatus" />
        <FunctionField<JobRun>
          source="progress"
          sortable={false}
          render={(r) => `${r.progress.done.toLocaleString()} / ${(r.progress.total ?? 0).toLocaleString()}`}
        />
        <StatusChipField source="trigger" prefix="ssp.billingTrigger" sortable={false} />
        <LocaleDateField source="startedAt" showTime />
      </Datagrid>
    </List>
  );
}

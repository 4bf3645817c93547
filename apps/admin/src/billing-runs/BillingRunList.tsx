import {
  BooleanInput,
  Datagrid,
  DateInput,
  FunctionField,
  List,
  NumberField,
  useTranslate,
} from "react-admin";
import { LocaleDateField } from "../shared/LocaleDateField";
import { StatusChipField } from "../shared/StatusChipField";
import { WonField } from "../shared/WonField";
import { BillingRunPanel } from "./BillingRunPanel";

const filters = [
  <DateInput key="runDate" source="runDate" alwaysOn />,
  <BooleanInput key="dryRun" source="dryRun" alwaysOn />,
];

/** Billing runs, partner by partner; previews (dry runs) only when asked for, marked as such. */
export function BillingRunList() {
  const translate = useTranslate();
  return (
    <>
      <BillingRunPanel />
      <List filters={filters} filterDefaultValues={{ dryRun: false }} sort={{ field: "id", order: "DESC" }}>
        <Datagrid
          rowClick={(id) => `/jobs/${id}/show`}
          bulkActionButtons={false}
          rowSx={(record) => (record.status === "failed" ? { backgroundColor: "error.light" } : {})}
        >
          <NumberField source="id" />
          <LocaleDateField source="runDate" />
          <FunctionField
            source="status"
            sortable={false}
            render={(r) =>
              r.dryRun ? translate("ssp.billingRuns.previewRun") : translate(`ssp.jobStatus.${r.status}`)
            }
          />
          <NumberField source="issued" sortable={false} />
          <NumberField source="caughtUp" sortable={false} />
          <NumberField source="charged" sortable={false} />
          <NumberField source="failed" sortable={false} />
          <NumberField source="contractsFailed" sortable={false} />
          <WonField source="amount" sortable={false} />
          <StatusChipField source="trigger" prefix="ssp.billingTrigger" sortable={false} />
          <LocaleDateField source="startedAt" showTime />
        </Datagrid>
      </List>
    </>
  );
}

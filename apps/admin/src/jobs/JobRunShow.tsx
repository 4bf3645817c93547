import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import {
  Link,
  NumberField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
} from "react-admin";
import { LocaleDateField } from "../shared/LocaleDateField";
import { StatusChipField } from "../shared/StatusChipField";
import { JobProgress } from "./JobProgress";

interface Failure {
  entity: string;
  entityId: number;
  name: string | null;
  code: string;
  message: string;
}

/** One job run: its progress or result, and what it could not do, row by row. */
export function JobRunShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="id" />
        <StatusChipField source="job" prefix="ssp.jobName" />
        <ReferenceField source="partnerId" reference="partners" emptyText="-" />
        <LocaleDateField source="runDate" />
        <StatusChipField source="trigger" prefix="ssp.billingTrigger" />
        <RunProgress />
        <LocaleDateField source="startedAt" showTime />
        <LocaleDateField source="finishedAt" showTime emptyText="-" />
        <NumberField source="durationMs" emptyText="-" />
        <Failures />
      </SimpleShowLayout>
    </Show>
  );
}

function RunProgress() {
  const record = useRecordContext();
  return record ? <JobProgress id={record.id} /> : null;
}

function Failures() {
  const record = useRecordContext<{ failures?: Failure[] }>();
  const translate = useTranslate();
  const failures = record?.failures ?? [];
  if (failures.length === 0) return null;
  return (
    <>
      <Typography variant="subtitle2">
        {translate("ssp.jobs.failures", { count: failures.length })}
      </Typography>
      <Table size="small" data-testid="job-failures">
        <TableHead>
          <TableRow>
            <TableCell>{translate("ssp.jobs.failureWhat")}</TableCell>
            <TableCell>{translate("ssp.jobs.failureWhy")}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {failures.map((f) => (
            <TableRow key={`${f.entity}-${f.entityId}`}>
              <TableCell>
                {f.entity === "contracts" ? (
                  <Link to={`/contracts/${f.entityId}/show`}>
                    {f.name ?? translate("ssp.jobs.aContract")}
                  </Link>
                ) : (
                  (f.name ?? "-")
                )}
              </TableCell>
              <TableCell>
                {translate(`ssp.jobs.failureCode.${f.code}`, {
                  _: translate(`ssp.errors.${f.code}`, { _: f.message }),
                })}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

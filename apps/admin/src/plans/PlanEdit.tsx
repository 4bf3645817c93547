import { Edit, type RaRecord, SimpleForm, type UpdateParams, useNotify, useRedirect } from "react-admin";
import { PlanInputs } from "./PlanInputs";

/**
 * Plans carry money and contract terms, so saving waits for the server (pessimistic). When
 * contracts already use the plan the API saves a new version instead; say which one.
 */
export function PlanEdit() {
  const notify = useNotify();
  const redirect = useRedirect();
  const onSuccess = (data: RaRecord, variables: Partial<UpdateParams>) => {
    if (variables.previousData && data.version !== variables.previousData.version) {
      notify("ssp.plans.newVersion", { type: "info", messageArgs: { version: data.version } });
    } else {
      notify("ra.notification.updated", { type: "info", messageArgs: { smart_count: 1 } });
    }
    redirect("show", "plans", data.id, data);
  };
  return (
    <Edit mutationMode="pessimistic" mutationOptions={{ onSuccess }}>
      <SimpleForm>
        <PlanInputs />
      </SimpleForm>
    </Edit>
  );
}

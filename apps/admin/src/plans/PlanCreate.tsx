import { Create, SimpleForm } from "react-admin";
import { PlanInputs } from "./PlanInputs";

export function PlanCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <PlanInputs />
      </SimpleForm>
    </Create>
  );
}

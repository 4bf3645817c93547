import { Create, SimpleForm } from "react-admin";
import { OrderInputs } from "./OrderInputs";

// Pessimistic (SPEC §5): an order leads to a contract, so it is created only once the API agrees.
export function OrderCreate() {
  return (
    <Create redirect="show" mutationMode="pessimistic">
      <SimpleForm defaultValues={{ billingDay: 1 }}>
        <OrderInputs />
      </SimpleForm>
    </Create>
  );
}

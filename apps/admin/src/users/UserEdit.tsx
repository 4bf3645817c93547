import { Edit, type RaRecord, SaveButton, SimpleForm, Toolbar } from "react-admin";
import { UserInputs } from "./UserInputs";

// Users are never deleted (the audit trail points at them); they are deactivated instead.
const NoDeleteToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

// An empty password field means "keep the current one", so it is not sent at all.
const dropEmptyPassword = ({ password, ...rest }: RaRecord) => (password ? { ...rest, password } : rest);

export function UserEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show" transform={dropEmptyPassword}>
      <SimpleForm toolbar={<NoDeleteToolbar />}>
        <UserInputs mode="edit" />
      </SimpleForm>
    </Edit>
  );
}

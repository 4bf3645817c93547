import { required, TextInput } from "react-admin";

export function ProductInputs() {
  return (
    <>
      <TextInput source="name" validate={required()} />
      <TextInput source="model" validate={required()} />
      <TextInput source="category" validate={required()} />
    </>
  );
}

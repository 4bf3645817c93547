import { FormDataConsumer, required, useInput } from "react-admin";
import { TechnicianPicker } from "./TechnicianPicker";

function Picker({ source, date, label }: { source: string; date: string; label?: string }) {
  const { field } = useInput({ source, validate: required() });
  return (
    <TechnicianPicker
      date={date}
      value={typeof field.value === "number" ? field.value : ""}
      onChange={(id) => field.onChange(id)}
      label={label}
    />
  );
}

/** The technician picker as a form input: its day is the form's date field (`dateSource`). */
export function TechnicianInput({
  source = "technicianId",
  dateSource,
  label,
}: {
  source?: string;
  dateSource: string;
  label?: string;
}) {
  return (
    <FormDataConsumer>
      {({ formData }) => (
        <Picker
          source={source}
          date={String((formData as Record<string, unknown>)[dateSource] ?? "")}
          label={label}
        />
      )}
    </FormDataConsumer>
  );
}

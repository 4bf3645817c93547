import { FormDataConsumer, required, useInput } from "react-admin";
import type { TechnicianJob } from "./operations-api";
import { TechnicianPicker } from "./TechnicianPicker";

function Picker({
  source,
  date,
  label,
  job,
}: {
  source: string;
  date: string;
  label?: string;
  job?: TechnicianJob;
}) {
  const { field } = useInput({ source, validate: required() });
  return (
    <TechnicianPicker
      date={date}
      value={typeof field.value === "number" ? field.value : ""}
      onChange={(id) => field.onChange(id)}
      label={label}
      job={job}
    />
  );
}

/** The technician picker as a form input: its day is the form's date field (`dateSource`). */
export function TechnicianInput({
  source = "technicianId",
  dateSource,
  label,
  job,
}: {
  source?: string;
  dateSource: string;
  label?: string;
  /** The job it is for: the technicians covering its address come first. */
  job?: TechnicianJob;
}) {
  return (
    <FormDataConsumer>
      {({ formData }) => (
        <Picker
          source={source}
          date={String((formData as Record<string, unknown>)[dateSource] ?? "")}
          label={label}
          job={job}
        />
      )}
    </FormDataConsumer>
  );
}

import { MenuItem, TextField } from "@mui/material";
import { useQuery } from "@tanstack/react-query";
import { useTranslate } from "react-admin";
import { isIsoDate } from "../shared/seoul-today";
import { operationsApi } from "./operations-api";

/**
 * Picks one of the partner's technicians by name, each shown with their load on the chosen day
 * (deliveries + visits already booked), least loaded first — instead of typing a user id.
 */
export function TechnicianPicker({
  date,
  value,
  onChange,
  label = "ssp.visits.technician",
}: {
  date: string;
  value: number | "";
  onChange: (id: number) => void;
  label?: string;
}) {
  const translate = useTranslate();
  const { data = [], isPending } = useQuery({
    queryKey: ["technicians", date],
    queryFn: () => operationsApi.technicians(date),
    enabled: isIsoDate(date),
  });
  const sorted = [...data].sort((a, b) => a.load - b.load || a.name.localeCompare(b.name, "ko"));
  return (
    <TextField
      select
      fullWidth
      margin="dense"
      label={translate(label)}
      value={data.some((t) => t.id === value) ? value : ""}
      onChange={(e) => onChange(Number(e.target.value))}
      helperText={
        isIsoDate(date)
          ? isPending
            ? translate("ra.page.loading")
            : data.length === 0
              ? translate("ssp.visits.noTechnicians")
              : translate("ssp.visits.loadFor", { date })
          : translate("ssp.visits.pickDateFirst")
      }
      slotProps={{ htmlInput: { "data-testid": "technician-picker" } }}
    >
      {sorted.map((t) => (
        <MenuItem key={t.id} value={t.id}>
          {translate("ssp.visits.technicianLoad", { name: t.name, load: t.load })}
        </MenuItem>
      ))}
    </TextField>
  );
}

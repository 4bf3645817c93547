import { MenuItem, TextField } from "@mui/material";
import { useQuery } from "@tanstack/react-query";
import { useTranslate } from "react-admin";
import { isIsoDate } from "../shared/seoul-today";
import { operationsApi, type TechnicianJob } from "./operations-api";

/**
 * Picks one of the partner's technicians by name, each shown with their load on the chosen day
 * (deliveries + visits already booked) — instead of typing a user id. Given the job, those whose
 * service regions cover its address come first and say so; then the least loaded.
 */
export function TechnicianPicker({
  date,
  value,
  onChange,
  label = "ssp.visits.technician",
  job = {},
}: {
  date: string;
  value: number | "";
  onChange: (id: number) => void;
  label?: string;
  job?: TechnicianJob;
}) {
  const translate = useTranslate();
  const { data = [], isPending } = useQuery({
    queryKey: ["technicians", date, job.contractId ?? null, job.orderId ?? null],
    queryFn: () => operationsApi.technicians(date, job),
    enabled: isIsoDate(date),
  });
  const sorted = [...data].sort(
    (a, b) =>
      Number(b.coversAddress === true) - Number(a.coversAddress === true) ||
      a.load - b.load ||
      a.name.localeCompare(b.name, "ko"),
  );
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
          {t.coversAddress ? ` · ${translate("ssp.visits.coversAddress")}` : ""}
        </MenuItem>
      ))}
    </TextField>
  );
}

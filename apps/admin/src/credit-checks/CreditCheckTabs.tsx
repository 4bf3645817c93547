import { Tab, Tabs } from "@mui/material";
import { useListContext, useTranslate } from "react-admin";

/** The review queue (`pending: true`, the default) or the whole history of checks. */
export function CreditCheckTabs() {
  const { filterValues, setFilters, displayedFilters } = useListContext();
  const translate = useTranslate();
  const current = filterValues.pending === true ? "queue" : "history";
  return (
    <Tabs
      value={current}
      onChange={(_, value: string) => {
        const { pending: _old, ...rest } = filterValues;
        setFilters(value === "queue" ? { ...rest, pending: true } : rest, displayedFilters, false);
      }}
    >
      <Tab value="queue" label={translate("ssp.creditChecks.queue")} />
      <Tab value="history" label={translate("ssp.creditChecks.history")} />
    </Tabs>
  );
}

import { Tab, Tabs } from "@mui/material";
import { useListContext, useTranslate } from "react-admin";

const TABS = [
  "all",
  "received",
  "credit_review",
  "credit_approved",
  "contract_sent",
  "contract_signed",
  "ready_to_install",
  "installed",
  "cancelled",
] as const;

/** Each tab sets the list's `status` filter; "all" removes it. */
export function OrderStatusTabs() {
  const { filterValues, setFilters, displayedFilters } = useListContext();
  const translate = useTranslate();
  const current = typeof filterValues.status === "string" ? filterValues.status : "all";
  return (
    <Tabs
      value={(TABS as readonly string[]).includes(current) ? current : false}
      onChange={(_, value: string) => {
        const { status: _old, ...rest } = filterValues;
        setFilters(value === "all" ? rest : { ...rest, status: value }, displayedFilters, false);
      }}
      variant="scrollable"
      scrollButtons="auto"
    >
      {TABS.map((tab) => (
        <Tab
          key={tab}
          value={tab}
          label={translate(tab === "all" ? "ssp.orders.allTab" : `ssp.orderStatus.${tab}`)}
        />
      ))}
    </Tabs>
  );
}

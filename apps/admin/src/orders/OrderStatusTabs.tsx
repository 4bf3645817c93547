import { Tab, Tabs } from "@mui/material";
import { ORDER_STATUSES } from "@ssp/domain";
import { useListContext, useTranslate } from "react-admin";

// Straight from the domain's list, in lifecycle order, so a status added there gets its tab
// instead of being unreachable from the list (its label is ssp.orderStatus.<status>).
const TABS = ["all", ...ORDER_STATUSES] as const;

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

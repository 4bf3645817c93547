import { Tab, Tabs } from "@mui/material";
import { useListContext, useTranslate } from "react-admin";

const TABS = ["all", "overdue", "open", "paid", "void"] as const;
type InvoiceTab = (typeof TABS)[number];

/**
 * Status tabs. "연체" asks the API for `overdue: true` (open and past due on the API's clock),
 * oldest due date first so the most overdue lead; the list never judges age on the client.
 */
export function InvoiceStatusTabs() {
  const { filterValues, setFilters, displayedFilters, setSort } = useListContext();
  const translate = useTranslate();
  const status = typeof filterValues.status === "string" ? filterValues.status : "all";
  const current: InvoiceTab | false =
    filterValues.overdue === true
      ? "overdue"
      : (TABS as readonly string[]).includes(status)
        ? (status as InvoiceTab)
        : false;
  const select = (tab: InvoiceTab) => {
    const { status: _status, overdue: _overdue, ...rest } = filterValues;
    const next =
      tab === "all" ? rest : tab === "overdue" ? { ...rest, overdue: true } : { ...rest, status: tab };
    setFilters(next, displayedFilters, false);
    setSort(tab === "overdue" ? { field: "dueDate", order: "ASC" } : { field: "id", order: "DESC" });
  };
  return (
    <Tabs
      value={current}
      onChange={(_, value: InvoiceTab) => select(value)}
      variant="scrollable"
      scrollButtons="auto"
    >
      {TABS.map((tab) => (
        <Tab
          key={tab}
          value={tab}
          label={translate(
            tab === "all"
              ? "ssp.invoices.allTab"
              : tab === "overdue"
                ? "ssp.invoices.overdueTab"
                : `ssp.invoiceStatus.${tab}`,
          )}
        />
      ))}
    </Tabs>
  );
}

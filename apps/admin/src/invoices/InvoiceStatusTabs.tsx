import { Tab, Tabs } from "@mui/material";
import { useListContext, useTranslate } from "react-admin";

const TABS = ["all", "overdue", "open", "paid", "void"] as const;
type InvoiceTab = (typeof TABS)[number];

/**
 * Status tabs. "연체" is the API's open invoices sorted by due date, oldest first, so the most
 * overdue lead; the list never filters by age on the client.
 */
export function InvoiceStatusTabs() {
  const { filterValues, setFilters, displayedFilters, sort, setSort } = useListContext();
  const translate = useTranslate();
  const status = typeof filterValues.status === "string" ? filterValues.status : "all";
  const current: InvoiceTab | false =
    status === "open" && sort.field === "dueDate" && sort.order === "ASC"
      ? "overdue"
      : (TABS as readonly string[]).includes(status)
        ? (status as InvoiceTab)
        : false;
  const select = (tab: InvoiceTab) => {
    const { status: _old, ...rest } = filterValues;
    const wanted = tab === "overdue" ? "open" : tab;
    setFilters(wanted === "all" ? rest : { ...rest, status: wanted }, displayedFilters, false);
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

import { useQuery } from "@tanstack/react-query";
import { type Identifier, useDataProvider, useRecordContext } from "react-admin";
import type { SspDataProvider } from "../dataProvider";

/** One of the contract's sub-documents (schedule, events, verify), refreshed with the page. */
export function useContractQuery<T>(
  part: "schedule" | "events" | "verify",
  fetch: (dataProvider: SspDataProvider, id: Identifier) => Promise<{ data: T }>,
) {
  const record = useRecordContext();
  const dataProvider = useDataProvider<SspDataProvider>();
  const id = record?.id;
  return useQuery({
    queryKey: ["contracts", part, id, record?.status],
    queryFn: () => fetch(dataProvider, id as Identifier).then((r) => r.data),
    enabled: id !== undefined,
  });
}

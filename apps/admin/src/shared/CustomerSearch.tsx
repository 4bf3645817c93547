import { Autocomplete, TextField } from "@mui/material";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useDataProvider, useTranslate } from "react-admin";

export interface CustomerOption {
  id: number;
  name: string;
  phone?: string | null;
  birthDate?: string | null;
}

/**
 * Finds one of the partner's customers by name or phone (the customer list's own search), shown
 * as name, phone and birth date so that two 김민준 can be told apart: staff never type a number.
 */
export function CustomerSearch(props: {
  label: string;
  value: CustomerOption | null;
  onChange: (customer: CustomerOption | null) => void;
}) {
  const translate = useTranslate();
  const dataProvider = useDataProvider();
  const [input, setInput] = useState("");
  const q = input.trim();
  const { data: options = [], isFetching } = useQuery({
    queryKey: ["customer-search", q],
    enabled: q.length >= 2,
    queryFn: async () =>
      (
        await dataProvider.getList<CustomerOption>("customers", {
          filter: { q },
          pagination: { page: 1, perPage: 10 },
          sort: { field: "name", order: "ASC" },
        })
      ).data,
  });
  const describe = (c: CustomerOption) => [c.name, c.phone, c.birthDate].filter(Boolean).join(" · ");
  return (
    <Autocomplete<CustomerOption>
      size="small"
      options={q.length >= 2 ? options : []}
      value={props.value}
      onChange={(_, v) => props.onChange(v)}
      inputValue={input}
      onInputChange={(_, v) => setInput(v)}
      getOptionLabel={describe}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      filterOptions={(x) => x}
      loading={isFetching}
      noOptionsText={translate(q.length >= 2 ? "ssp.customerSearch.none" : "ssp.customerSearch.hint")}
      loadingText={translate("ra.page.loading")}
      renderInput={(params) => <TextField {...params} label={props.label} />}
      sx={{ minWidth: 320 }}
    />
  );
}

import SearchIcon from "@mui/icons-material/Search";
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormHelperText,
  Stack,
  TextField,
} from "@mui/material";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { addressFromResult, loadPostcodeSearch, type PostcodeConstructor } from "./postcode-search";

export interface AddressValue {
  postcode: string;
  road: string;
  detail: string;
}

export interface AddressLabels {
  postcode: ReactNode;
  road: ReactNode;
  detail: ReactNode;
  search: string;
  dialogTitle: string;
  close: string;
  /** Shown when the search cannot load: the fields still take an address typed by hand. */
  unavailable: string;
}

/**
 * An address in the three parts we store: postcode, road address (도로명주소) and detail (동·호수).
 * "주소 검색" opens the Kakao postcode search in a dialog; picking a result fills postcode and road
 * address and puts the cursor in the detail. Every field stays typeable, so an address is never
 * hostage to the search loading. Plain MUI, no react-admin: the public application page uses it
 * too (the admin's forms bind it through `AddressSourcesInput`).
 */
export function AddressInput(props: {
  value: AddressValue;
  onChange: (value: AddressValue) => void;
  labels: AddressLabels;
  /** A message (or element) per field in error; shown in place of its helper text. */
  errors?: Partial<Record<keyof AddressValue, ReactNode>>;
  helperTexts?: Partial<Record<keyof AddressValue, ReactNode>>;
  onBlur?: (field: keyof AddressValue) => void;
  required?: boolean;
  disabled?: boolean;
  /**
   * Offers "주소 검색" (the default). A page whose Content-Security-Policy keeps the search's
   * hosts out (the customer's page, where a card is typed) passes false: the three fields alone.
   */
  searchable?: boolean;
}) {
  const { value, labels, errors = {}, helperTexts = {} } = props;
  // The search's constructor once its script has loaded: the dialog opens only then.
  const [search, setSearch] = useState<{ Postcode: PostcodeConstructor } | null>(null);
  const [loading, setLoading] = useState(false);
  const [unavailable, setUnavailable] = useState(false);
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const detailRef = useRef<HTMLInputElement>(null);
  const focusDetail = useRef(false);
  // The latest value and onChange for the search's callback, which outlives renders.
  const latest = useRef(props);
  latest.current = props;
  const open = search !== null;

  function openSearch() {
    setLoading(true);
    loadPostcodeSearch().then(
      (Postcode) => {
        setLoading(false);
        setUnavailable(false);
        setSearch({ Postcode });
      },
      () => {
        setLoading(false);
        setUnavailable(true);
      },
    );
  }

  useEffect(() => {
    if (!search || !container) return;
    new search.Postcode({
      width: "100%",
      height: "100%",
      oncomplete: (data) => {
        const found = addressFromResult(data);
        latest.current.onChange({ ...latest.current.value, postcode: found.postcode, road: found.road });
        focusDetail.current = true;
        setSearch(null);
      },
    }).embed(container);
    // Re-run (React's development double effect, a second search): one search frame at a time.
    return () => container.replaceChildren();
  }, [search, container]);

  const field = (name: keyof AddressValue) => ({
    value: value[name],
    onChange: (event: { target: { value: string } }) =>
      props.onChange({ ...value, [name]: event.target.value }),
    onBlur: () => props.onBlur?.(name),
    error: Boolean(errors[name]),
    helperText: errors[name] ?? helperTexts[name],
    disabled: props.disabled,
  });

  return (
    <Stack spacing={2} sx={{ width: "100%", mb: 2 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: "flex-start" }}>
        <TextField
          {...field("postcode")}
          label={labels.postcode}
          autoComplete="postal-code"
          sx={{ maxWidth: 160 }}
          slotProps={{ htmlInput: { inputMode: "numeric", maxLength: 5, "data-testid": "postcode-input" } }}
        />
        {props.searchable === false ? null : (
          <Button
            variant="outlined"
            startIcon={<SearchIcon />}
            onClick={openSearch}
            disabled={props.disabled || loading}
            sx={{ mt: 1, whiteSpace: "nowrap" }}
            data-testid="postcode-search-button"
          >
            {labels.search}
          </Button>
        )}
      </Stack>
      {unavailable ? (
        <FormHelperText sx={{ mt: 0 }} data-testid="postcode-unavailable">
          {labels.unavailable}
        </FormHelperText>
      ) : null}
      <TextField
        {...field("road")}
        label={labels.road}
        required={props.required}
        autoComplete="address-line1"
        fullWidth
        slotProps={{ htmlInput: { maxLength: 300, "data-testid": "address-input" } }}
      />
      <TextField
        {...field("detail")}
        label={labels.detail}
        inputRef={detailRef}
        autoComplete="address-line2"
        fullWidth
        slotProps={{ htmlInput: { maxLength: 100, "data-testid": "address-detail-input" } }}
      />
      <Dialog
        open={open}
        onClose={() => setSearch(null)}
        fullWidth
        maxWidth="sm"
        // The cursor goes to the detail field, not back to the button.
        disableRestoreFocus
        slotProps={{
          transition: {
            onExited: () => {
              if (!focusDetail.current) return;
              focusDetail.current = false;
              detailRef.current?.focus();
            },
          },
        }}
      >
        <DialogTitle>{labels.dialogTitle}</DialogTitle>
        <DialogContent sx={{ p: 0, height: 470 }}>
          <div ref={setContainer} style={{ width: "100%", height: "100%" }} data-testid="postcode-frame" />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setSearch(null)}>{labels.close}</Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}

import { AutocompleteInput, ReferenceInput } from "react-admin";
import { FormDialog } from "../shared/FormDialog";

/** Left empty, the API picks an in-stock unit of the plan's product itself. */
export function AllocateAssetDialog({
  open,
  pending,
  onSubmit,
  onClose,
}: {
  open: boolean;
  pending: boolean;
  onSubmit: (assetId: number | undefined) => void;
  onClose: () => void;
}) {
  return (
    <FormDialog
      open={open}
      title="ssp.orders.allocateAsset"
      submitLabel="ssp.orders.allocate"
      pending={pending}
      onClose={onClose}
      onSubmit={(values) => onSubmit(typeof values.assetId === "number" ? values.assetId : undefined)}
    >
      <ReferenceInput source="assetId" reference="assets" filter={{ status: "in_stock" }}>
        <AutocompleteInput
          optionText="serialNumber"
          label="ssp.orders.asset"
          helperText="ssp.orders.assetHelp"
          fullWidth
        />
      </ReferenceInput>
    </FormDialog>
  );
}

import { Typography } from "@mui/material";
import {
  Datagrid,
  EmailField,
  FunctionField,
  Labeled,
  type RaRecord,
  ReferenceField,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextArrayField,
  TextField,
  useTranslate,
} from "react-admin";
import { AssetStatusField } from "../shared/AssetStatusField";
import { LocaleDateField } from "../shared/LocaleDateField";
import { useDateTime } from "../shared/use-date-time";

const CONSENTS = ["privacy", "creditInquiry", "marketing"] as const;

function ConsentValue({ at }: { at: unknown }) {
  const translate = useTranslate();
  const dateTime = useDateTime();
  return typeof at === "string"
    ? translate("ssp.customers.consentGiven", { at: dateTime(at) })
    : translate("ssp.customers.consentMissing");
}

function ContractsPlaceholder() {
  const translate = useTranslate();
  return (
    <Labeled label="ssp.customers.contracts">
      <Typography variant="body2" color="text.secondary">
        {translate("ssp.customers.contractsPlaceholder")}
      </Typography>
    </Labeled>
  );
}

export function CustomerShow() {
  const translate = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <LocaleDateField source="birthDate" />
        <TextField source="phone" />
        <EmailField source="email" />
        <TextField source="postcode" emptyText="-" />
        <TextField source="address" emptyText="-" />
        <TextField source="addressDetail" emptyText="-" />
        {CONSENTS.map((c) => (
          <FunctionField
            key={c}
            source={`consents.${c}`}
            render={(record: RaRecord) => <ConsentValue at={record.consents?.[c]} />}
          />
        ))}
        <FunctionField
          source="preferredChannel"
          render={(record: RaRecord) =>
            translate(
              record.preferredChannel
                ? `ssp.customerChannel.${record.preferredChannel}`
                : "ssp.customers.channelDefault",
            )
          }
        />
        <TextArrayField source="tags" />
        <LocaleDateField source="createdAt" showTime />
        <ReferenceManyField label="ssp.customers.assets" reference="assets" target="customerId">
          <Datagrid rowClick="show" bulkActionButtons={false}>
            <TextField source="serialNumber" />
            <ReferenceField source="productId" reference="products" />
            <AssetStatusField source="status" />
          </Datagrid>
        </ReferenceManyField>
        <ContractsPlaceholder />
      </SimpleShowLayout>
    </Show>
  );
}

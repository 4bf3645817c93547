import { Typography } from "@mui/material";
import {
  Datagrid,
  Labeled,
  NumberField,
  ReferenceField,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useTranslate,
} from "react-admin";
import { LabelField } from "../shared/LabelField";
import { LocaleDateField } from "../shared/LocaleDateField";
import { StatusChipField } from "../shared/StatusChipField";
import { useRole } from "../shared/use-role";
import { ContractDocumentButtons } from "./ContractDocuments";
import { ContractEvents } from "./ContractEvents";
import { ContractPdf } from "./ContractPdf";
import { ContractSchedule } from "./ContractSchedule";
import { ContractSendButton } from "./ContractSendButton";
import { ContractTermination } from "./ContractTermination";
import { ContractTerms } from "./ContractTerms";
import { ContractVerification } from "./ContractVerification";
import { PaymentLinkButton } from "./PaymentLinkButton";

function Actions() {
  const { can } = useRole();
  return (
    <TopToolbar>
      <ContractDocumentButtons />
      {can("contracts", "edit") && <ContractSendButton />}
      {can("contracts", "edit") && <PaymentLinkButton />}
    </TopToolbar>
  );
}

function PaymentMethods() {
  const { can } = useRole();
  if (!can("payment-methods", "list")) return null;
  return (
    <ReferenceManyField label="ssp.contracts.paymentMethods" reference="payment-methods" target="contractId">
      <Datagrid bulkActionButtons={false} rowClick={false} empty={<NoPaymentMethod />}>
        <LabelField source="gateway" prefix="ssp.paymentGateway" />
        <TextField source="display" />
        <StatusChipField source="status" prefix="ssp.paymentMethodStatus" />
        <TextField source="lastError" emptyText="" />
        <LocaleDateField source="createdAt" showTime />
      </Datagrid>
    </ReferenceManyField>
  );
}

function NoPaymentMethod() {
  const translate = useTranslate();
  return <Typography variant="body2">{translate("ssp.contracts.noPaymentMethod")}</Typography>;
}

export function ContractShow() {
  return (
    <Show actions={<Actions />}>
      <SimpleShowLayout>
        <TextField source="number" />
        <StatusChipField source="status" prefix="ssp.contractStatus" />
        <ReferenceField source="customerId" reference="customers" link="show" />
        <ReferenceField source="orderId" reference="orders" link="show" />
        <ReferenceField source="assetId" reference="assets" link="show" emptyText="-" />
        <TextField source="productName" />
        <TextField source="productModel" emptyText="-" />
        <TextField source="party.name" />
        <LocaleDateField source="party.birthDate" />
        <TextField source="party.phone" />
        <TextField source="party.email" emptyText="-" />
        <TextField source="installPostcode" emptyText="-" />
        <TextField source="installAddress" />
        <TextField source="installAddressDetail" emptyText="-" />
        <NumberField source="billingDay" />
        <LocaleDateField source="draftedOn" emptyText="-" />
        <LocaleDateField source="signedAt" showTime emptyText="-" />
        <LocaleDateField source="activatedOn" emptyText="-" />
        <LocaleDateField source="endsOn" emptyText="-" />
        <Labeled label="ssp.contracts.terms" fullWidth>
          <ContractTerms />
        </Labeled>
        <Labeled label="ssp.contracts.integrity" fullWidth>
          <ContractVerification />
        </Labeled>
        <PaymentMethods />
        <Labeled label="ssp.contracts.schedule" fullWidth>
          <ContractSchedule />
        </Labeled>
        <ContractTermination />
        <Labeled label="ssp.contracts.auditTrail" fullWidth>
          <ContractEvents />
        </Labeled>
        <Labeled label="ssp.contracts.document" fullWidth>
          <ContractPdf />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}

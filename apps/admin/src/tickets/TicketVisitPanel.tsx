import {
  Alert,
  Button,
  Card,
  CardContent,
  TextField as MuiTextField,
  Stack,
  Typography,
} from "@mui/material";
import { POSTCODE_PATTERN } from "@ssp/domain";
import { useEffect, useRef, useState } from "react";
import {
  Datagrid,
  FunctionField,
  type RaRecord,
  ReferenceManyField,
  TextField,
  useRecordContext,
  useTranslate,
} from "react-admin";
import { TechnicianPicker } from "../operations/TechnicianPicker";
import { AddressInput, type AddressValue } from "../shared/address/AddressInput";
import { LocaleDateField } from "../shared/LocaleDateField";
import { StatusChipField } from "../shared/StatusChipField";
import { isIsoDate } from "../shared/seoul-today";
import { useRole } from "../shared/use-role";
import { ticketApi } from "./ticket-api";

interface TicketRecord {
  id: number;
  type: string;
  status: string;
  /** The new address a customer's relocation request gave, in parts. */
  relocationAddress?: { postcode: string | null; road: string; detail: string | null } | null;
}

const NO_ADDRESS: AddressValue = { postcode: "", road: "", detail: "" };

function addressValue(parts: NonNullable<TicketRecord["relocationAddress"]>): AddressValue {
  return { postcode: parts.postcode ?? "", road: parts.road, detail: parts.detail ?? "" };
}

/**
 * A repair ticket books a repair visit; a relocation (이전설치) books the removal and the
 * reinstallation at the new address, found with the postcode search in the parts the contract
 * keeps (ADR 0012) and prefilled with the one the customer gave on their page. Each with a
 * technician picked by name and load.
 */
export function TicketVisitPanel({
  after,
}: {
  after: (work: () => Promise<unknown>, done: string) => Promise<void>;
}) {
  const record = useRecordContext<TicketRecord>();
  const translate = useTranslate();
  const { can } = useRole();
  const [first, setFirst] = useState("");
  const [second, setSecond] = useState("");
  const [address, setAddress] = useState<AddressValue>(NO_ADDRESS);
  const [technicianId, setTechnicianId] = useState<number | "">("");
  const asked = record?.relocationAddress;
  const fromCustomer = asked ? addressValue(asked) : null;
  // The customer's new address once the ticket has loaded, unless staff have typed one already.
  const filled = useRef(false);
  useEffect(() => {
    if (!asked || filled.current) return;
    filled.current = true;
    setAddress((typed) => (typed.postcode || typed.road || typed.detail ? typed : addressValue(asked)));
  }, [asked]);
  const prefilled =
    fromCustomer !== null &&
    fromCustomer.postcode === address.postcode &&
    fromCustomer.road === address.road &&
    fromCustomer.detail === address.detail;
  if (!record || !["repair", "relocation"].includes(record.type)) return null;
  if (["resolved", "closed"].includes(record.status) || !can("service-visits", "create")) return null;
  const relocation = record.type === "relocation";
  const technician = technicianId === "" ? {} : { technicianId };
  const postcode = address.postcode.trim();
  const badPostcode = postcode !== "" && !POSTCODE_PATTERN.test(postcode);
  const ready = relocation
    ? isIsoDate(first) && isIsoDate(second) && address.road.trim().length >= 5 && !badPostcode
    : isIsoDate(first);
  const book = () =>
    relocation
      ? after(
          () =>
            ticketApi.relocation(record.id, {
              removalOn: first,
              reinstallOn: second,
              newPostcode: postcode,
              newAddress: address.road,
              newAddressDetail: address.detail,
              ...technician,
            }),
          "ssp.tickets.relocationBooked",
        )
      : after(
          () => ticketApi.repairVisit(record.id, { scheduledOn: first, ...technician }),
          "ssp.tickets.visitBooked",
        );
  return (
    <Card variant="outlined" sx={{ my: 2 }}>
      <CardContent>
        <Typography variant="subtitle1">
          {translate(relocation ? "ssp.tickets.relocation" : "ssp.tickets.repairVisit")}
        </Typography>
        {relocation ? (
          <Typography variant="body2" color="text.secondary">
            {translate("ssp.tickets.relocationHelp")}
          </Typography>
        ) : null}
        <Stack direction={{ xs: "column", sm: "row" }} spacing={2} sx={{ mt: 1 }}>
          <MuiTextField
            type="date"
            size="small"
            label={translate(relocation ? "ssp.tickets.removalOn" : "ssp.tickets.visitOn")}
            value={first}
            onChange={(e) => setFirst(e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          {relocation ? (
            <MuiTextField
              type="date"
              size="small"
              label={translate("ssp.tickets.reinstallOn")}
              value={second}
              onChange={(e) => setSecond(e.target.value)}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          ) : null}
        </Stack>
        {relocation ? (
          <Stack sx={{ mt: 2 }} data-testid="relocation-address">
            {prefilled ? (
              <Alert severity="info" sx={{ mb: 2 }}>
                {translate("ssp.tickets.newAddressFromCustomer")}
              </Alert>
            ) : null}
            <AddressInput
              value={address}
              onChange={setAddress}
              required
              errors={badPostcode ? { postcode: translate("ssp.address.invalidPostcode") } : {}}
              labels={{
                postcode: translate("ssp.tickets.newPostcode"),
                road: translate("ssp.tickets.newAddress"),
                detail: translate("ssp.tickets.newAddressDetail"),
                search: translate("ssp.address.search"),
                dialogTitle: translate("ssp.address.dialogTitle"),
                close: translate("ra.action.close"),
                unavailable: translate("ssp.address.unavailable"),
              }}
            />
          </Stack>
        ) : null}
        <TechnicianPicker date={first} value={technicianId} onChange={setTechnicianId} />
        <Button sx={{ mt: 1 }} variant="contained" disabled={!ready} onClick={() => void book()}>
          {translate("ssp.tickets.book")}
        </Button>
      </CardContent>
    </Card>
  );
}

/** The visits booked from this ticket, each linked to its page. */
export function TicketVisitList() {
  const record = useRecordContext<TicketRecord>();
  const translate = useTranslate();
  if (!record || !["repair", "relocation"].includes(record.type)) return null;
  return (
    <>
      <Typography variant="subtitle1" sx={{ mt: 2 }}>
        {translate("ssp.tickets.bookedVisits")}
      </Typography>
      <ReferenceManyField
        reference="service-visits"
        target="ticketId"
        sort={{ field: "scheduledOn", order: "ASC" }}
      >
        <Datagrid
          rowClick="show"
          bulkActionButtons={false}
          empty={<Typography variant="body2">-</Typography>}
        >
          <LocaleDateField source="scheduledOn" />
          <FunctionField
            source="kind"
            render={(r: RaRecord) => translate(`ssp.visitKind.${String(r.kind)}`, { _: String(r.kind) })}
          />
          <StatusChipField source="status" prefix="ssp.visitStatus" />
          <TextField source="address" />
          <TextField source="technicianName" emptyText="-" />
        </Datagrid>
      </ReferenceManyField>
    </>
  );
}

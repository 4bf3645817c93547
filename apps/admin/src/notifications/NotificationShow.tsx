import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { useEffect, useState } from "react";
import {
  Button,
  FunctionField,
  NumberField,
  type RaRecord,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
} from "react-admin";
import type { NotificationAttempt, SspDataProvider } from "../dataProvider";
import { errorMessage } from "../shared/error-message";
import { EntityNameField, EntityRecordField, LabelField } from "../shared/LabelField";
import { LocaleDateField } from "../shared/LocaleDateField";
import { StatusChipField } from "../shared/StatusChipField";
import { useDateTime } from "../shared/use-date-time";
import { useRole } from "../shared/use-role";

/** 다시 보내기: a new copy goes out by the same channel (staff never see the customer's live link). */
function ResendButton() {
  const record = useRecordContext();
  const dataProvider = useDataProvider<SspDataProvider>();
  const notify = useNotify();
  const redirect = useRedirect();
  const { can } = useRole();
  const [pending, setPending] = useState(false);
  if (!record || !can("notifications", "create")) return null;
  const resend = async () => {
    setPending(true);
    try {
      const { data } = await dataProvider.resendNotification(record.id);
      notify("ssp.notifications.resent", { type: "success" });
      redirect("show", "notifications", data.id);
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
    } finally {
      setPending(false);
    }
  };
  return <Button label="ssp.notifications.resend" onClick={resend} disabled={pending} />;
}

/** Every delivery attempt with the vendor's answer (alimtalk → SMS fallback shows as two rows). */
function Attempts() {
  const record = useRecordContext();
  const translate = useTranslate();
  const dateTime = useDateTime();
  const dataProvider = useDataProvider<SspDataProvider>();
  const [attempts, setAttempts] = useState<NotificationAttempt[] | null>(null);
  useEffect(() => {
    if (!record) return;
    let live = true;
    dataProvider
      .getNotificationAttempts(record.id)
      .then(({ data }) => live && setAttempts(data))
      .catch(() => live && setAttempts([]));
    return () => {
      live = false;
    };
  }, [dataProvider, record]);
  if (!attempts) return null;
  if (attempts.length === 0)
    return <Typography variant="body2">{translate("ssp.notifications.noAttempts")}</Typography>;
  return (
    <Table size="small" aria-label={translate("ssp.notifications.attempts")}>
      <TableHead>
        <TableRow>
          <TableCell>{translate("ssp.notifications.attemptAt")}</TableCell>
          <TableCell>{translate("resources.notifications.fields.channel")}</TableCell>
          <TableCell>{translate("ssp.notifications.outcome")}</TableCell>
          <TableCell>{translate("ssp.notifications.vendorAnswer")}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {attempts.map((a) => (
          <TableRow key={a.id}>
            <TableCell sx={{ whiteSpace: "nowrap" }}>{dateTime(a.at)}</TableCell>
            <TableCell>{translate(`ssp.notificationChannel.${a.channel}`, { _: a.channel })}</TableCell>
            <TableCell>{translate(`ssp.notificationOutcome.${a.outcome}`, { _: a.outcome })}</TableCell>
            <TableCell>{[a.vendorCode, a.vendorMessage].filter(Boolean).join(" ") || "-"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const ChannelField = (props: { source: string; label?: string }) => {
  const translate = useTranslate();
  return (
    <FunctionField
      {...props}
      render={(r: RaRecord) =>
        r[props.source]
          ? translate(`ssp.notificationChannel.${r[props.source]}`, { _: r[props.source] })
          : "-"
      }
    />
  );
};

export function NotificationShow() {
  return (
    <Show
      actions={
        <TopToolbar>
          <ResendButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <ChannelField source="channel" />
        <ChannelField source="deliveredAs" />
        <TextField source="to" />
        <LabelField source="template" prefix="ssp.messageTemplate" />
        <TextField source="subject" />
        {/* The Korean body as the customer received it, line breaks kept; links masked. */}
        <TextField source="body" sx={{ whiteSpace: "pre-wrap" }} component="div" />
        <StatusChipField source="status" prefix="ssp.notificationStatus" />
        <NumberField source="attempts" />
        <LocaleDateField source="nextAttemptAt" showTime emptyText="-" />
        <TextField source="lastError" emptyText="-" />
        <EntityNameField source="entity" />
        <EntityRecordField source="entityId" />
        <LocaleDateField source="createdAt" showTime />
        <LocaleDateField source="sentAt" showTime emptyText="-" />
        <Attempts />
      </SimpleShowLayout>
    </Show>
  );
}

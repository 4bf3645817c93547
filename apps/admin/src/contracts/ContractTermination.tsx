import {
  Alert,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from "@mui/material";
import { type ContractStatus, contractLifecycle } from "@ssp/domain";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import {
  Button,
  type Identifier,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from "react-admin";
import { type SspDataProvider, terminationQuotePdfUrl } from "../dataProvider";
import { errorDetail, errorMessage } from "../shared/error-message";
import { ReasonDialog } from "../shared/ReasonDialog";
import { ServerTextSpan } from "../shared/ServerTextField";
import { isIsoDate, seoulToday } from "../shared/seoul-today";
import { useRole } from "../shared/use-role";
import { useWon } from "../shared/use-won";

type Ending = "terminate" | "cancel" | null;

/**
 * 해지 and 청약철회: pick the date, read the itemized exit quote the API computes for it (the same
 * document as the PDF for the customer), then terminate or cancel with a reason. The API decides
 * whether cooling-off still applies; its refusal is shown as is.
 */
export function ContractTermination() {
  const record = useRecordContext();
  const translate = useTranslate();
  const dataProvider = useDataProvider<SspDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { can } = useRole();
  const won = useWon();
  const [date, setDate] = useState(seoulToday);
  const [ending, setEnding] = useState<Ending>(null);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const status = record?.status as ContractStatus | undefined;
  const canTerminate = status !== undefined && contractLifecycle.canTransition(status, "terminated");
  const canCancel = status !== undefined && contractLifecycle.canTransition(status, "cancelled");
  const id = record?.id;
  const quote = useQuery({
    queryKey: ["contracts", "termination-quote", id, date],
    queryFn: () => dataProvider.getTerminationQuote(id as Identifier, date).then((r) => r.data),
    enabled: id !== undefined && canTerminate && isIsoDate(date),
    retry: false,
  });
  if (!record || (!canTerminate && !canCancel)) return null;
  const mayAct = can("contracts", "edit");

  const end = async (reason: string) => {
    setPending(true);
    setFailure(null);
    try {
      if (ending === "terminate") {
        const { data } = await dataProvider.terminateContract(record.id, { date, reason });
        notify(
          data.invoiceId == null ? "ssp.termination.terminatedNoInvoice" : "ssp.termination.terminated",
          {
            type: "success",
            messageArgs: { invoiceId: String(data.invoiceId) },
          },
        );
      } else {
        const { data } = await dataProvider.cancelContract(record.id, { date, reason });
        notify("ssp.termination.cancelled", { type: "success", messageArgs: { amount: won(data.refunded) } });
      }
      setEnding(null);
      refresh();
    } catch (error) {
      const message = translate(errorMessage(error), { _: errorMessage(error) });
      const detail = errorDetail(error);
      setFailure(detail ? `${message} (${detail})` : message);
      setEnding(null);
      notify(message, { type: "error" });
    } finally {
      setPending(false);
    }
  };

  return (
    <Stack spacing={2} data-testid="contract-termination">
      <Typography variant="subtitle1">{translate("ssp.termination.title")}</Typography>
      <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
        <TextField
          type="date"
          size="small"
          label={translate("ssp.termination.date")}
          value={date}
          onChange={(e) => {
            setDate(e.target.value);
            setFailure(null);
          }}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        {mayAct && canTerminate && (
          <Button
            label="ssp.termination.terminate"
            variant="contained"
            color="error"
            disabled={!isIsoDate(date) || !quote.data || pending}
            onClick={() => setEnding("terminate")}
          />
        )}
        {mayAct && canCancel && (
          <Button
            label="ssp.termination.cancel"
            variant="outlined"
            color="warning"
            disabled={!isIsoDate(date) || pending}
            onClick={() => setEnding("cancel")}
          />
        )}
      </Stack>
      {failure && <Alert severity="error">{failure}</Alert>}
      {quote.error && (
        <Alert severity="error">
          {translate("ssp.termination.quoteFailed", {
            message: translate(errorMessage(quote.error), { _: errorMessage(quote.error) }),
          })}
        </Alert>
      )}
      {quote.data && (
        <Stack spacing={1}>
          <Typography variant="body2">
            {translate("ssp.termination.quote")} ({quote.data.date}) ·{" "}
            {translate("ssp.termination.periods", {
              used: quote.data.usedFullPeriods,
              remaining: quote.data.remainingMandatoryPeriods,
            })}
          </Typography>
          <Table size="small" data-testid="termination-quote">
            <TableHead>
              <TableRow>
                <TableCell>{translate("ssp.termination.kind")}</TableCell>
                <TableCell>{translate("ssp.termination.description")}</TableCell>
                <TableCell align="right">{translate("ssp.termination.amount")}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {quote.data.items.length === 0 && (
                <TableRow>
                  <TableCell colSpan={3}>{translate("ssp.termination.noCharge")}</TableCell>
                </TableRow>
              )}
              {quote.data.items.map((item) => (
                <TableRow key={item.kind}>
                  <TableCell>{translate(`ssp.quoteItemKind.${item.kind}`, { _: item.kind })}</TableCell>
                  <TableCell>
                    <ServerTextSpan text={item.text} fallback={item.description} />
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
                    {won(item.amount)}
                  </TableCell>
                </TableRow>
              ))}
              <TableRow>
                <TableCell colSpan={2} sx={{ fontWeight: "bold" }}>
                  {translate("ssp.termination.total")}
                </TableCell>
                <TableCell align="right" sx={{ fontWeight: "bold" }} data-testid="termination-total">
                  {won(quote.data.total)}
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
          <Link href={terminationQuotePdfUrl(record.id, quote.data.date)} target="_blank" rel="noopener">
            {translate("ssp.termination.pdf")}
          </Link>
        </Stack>
      )}
      <ReasonDialog
        open={ending !== null}
        title={translate(
          ending === "cancel" ? "ssp.termination.cancelTitle" : "ssp.termination.terminateTitle",
          {
            date,
          },
        )}
        confirmLabel={ending === "cancel" ? "ssp.termination.cancel" : "ssp.termination.terminate"}
        pending={pending}
        onConfirm={end}
        onClose={() => setEnding(null)}
      />
    </Stack>
  );
}

import UploadFileIcon from "@mui/icons-material/UploadFile";
import {
  Alert,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { Button, useNotify, useRefresh, useTranslate } from "react-admin";
import { API_URL } from "../api-url";
import { useRole } from "../shared/use-role";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface ImportRowError {
  line: number;
  field: string;
  reason: string;
  message: string;
  value?: string;
}

interface ImportRejection {
  code?: string;
  message?: string;
  rows?: number;
  badRows?: number;
  errorCount?: number;
  truncated?: boolean;
  rowErrors?: ImportRowError[];
  columns?: string[];
}

/** The file's bytes, through FileReader (which every browser, and jsdom, has). */
function bytesOf(file: File): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

/** Sends the file itself as the request body; the API tells CSV and XLSX apart by its bytes. */
export async function uploadAssetFile(
  file: File,
): Promise<{ ok: true; imported: number } | { ok: false; rejection: ImportRejection }> {
  const response = await fetch(`${API_URL}/assets/import`, {
    method: "POST",
    credentials: "include",
    headers: {
      "Content-Type": file.name.toLowerCase().endsWith(".xlsx") ? XLSX_TYPE : "text/csv",
      "X-File-Name": encodeURIComponent(file.name),
    },
    body: await bytesOf(file),
  });
  const body = (await response.json().catch(() => ({}))) as ImportRejection & { imported?: number };
  return response.ok ? { ok: true, imported: body.imported ?? 0 } : { ok: false, rejection: body };
}

/** The assets list's "일괄 등록": pick a CSV or XLSX file; all rows are registered, or none with each bad row shown. */
export function AssetImportButton() {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { can } = useRole();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState(false);
  const [rejection, setRejection] = useState<ImportRejection | null>(null);
  if (!can("assets", "create")) return null;

  const close = () => {
    setOpen(false);
    setFile(null);
    setRejection(null);
  };
  const upload = async () => {
    if (!file) return;
    setPending(true);
    setRejection(null);
    try {
      const result = await uploadAssetFile(file);
      if (result.ok) {
        notify("ssp.assets.import.done", { type: "success", messageArgs: { count: result.imported } });
        refresh();
        close();
      } else setRejection(result.rejection);
    } catch {
      setRejection({ code: "network" });
    } finally {
      setPending(false);
    }
  };
  const field = (name: string) =>
    translate(`resources.assets.fields.${name === "product" ? "productId" : name}`);
  const reason = (e: ImportRowError) => translate(`ssp.assets.import.reasons.${e.reason}`, { _: e.message });

  return (
    <>
      <Button label="ssp.assets.import.button" onClick={() => setOpen(true)}>
        <UploadFileIcon />
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="md">
        <DialogTitle>{translate("ssp.assets.import.title")}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {translate("ssp.assets.import.help")}
          </Typography>
          <input
            type="file"
            aria-label={translate("ssp.assets.import.file")}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setRejection(null);
            }}
          />
          {pending && <LinearProgress sx={{ mt: 2 }} />}
          {rejection && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {rejection.code === "import_rejected"
                ? translate("ssp.assets.import.rejected", {
                    bad: rejection.badRows ?? 0,
                    rows: rejection.rows ?? 0,
                  })
                : rejection.code === "missing_columns"
                  ? translate("ssp.assets.import.missingColumns", {
                      columns: (rejection.columns ?? []).map(field).join(", "),
                    })
                  : translate(`ssp.assets.import.codes.${rejection.code ?? "network"}`, {
                      _: rejection.message ?? translate("ssp.assets.import.codes.network"),
                    })}
              {rejection.truncated &&
                ` ${translate("ssp.assets.import.truncated", { shown: rejection.rowErrors?.length ?? 0 })}`}
            </Alert>
          )}
          {rejection?.rowErrors && rejection.rowErrors.length > 0 && (
            <Table size="small" aria-label={translate("ssp.assets.import.errorsTable")} sx={{ mt: 1 }}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate("ssp.assets.import.line")}</TableCell>
                  <TableCell>{translate("ssp.assets.import.column")}</TableCell>
                  <TableCell>{translate("ssp.assets.import.value")}</TableCell>
                  <TableCell>{translate("ssp.assets.import.reason")}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rejection.rowErrors.map((e) => (
                  <TableRow key={`${e.line}-${e.field}`}>
                    <TableCell>{e.line}</TableCell>
                    <TableCell>{field(e.field)}</TableCell>
                    <TableCell>{e.value ?? ""}</TableCell>
                    <TableCell>{reason(e)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={close} />
          <Button
            label="ssp.assets.import.submit"
            variant="contained"
            disabled={!file || pending}
            onClick={upload}
          />
        </DialogActions>
      </Dialog>
    </>
  );
}

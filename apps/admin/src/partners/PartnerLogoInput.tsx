import { Box, Button, Stack, Typography } from "@mui/material";
import { type ChangeEvent, useState } from "react";
import { useNotify, useRecordContext, useRefresh, useTranslate } from "react-admin";
import { API_URL } from "../api-url";
import { httpClient } from "../dataProvider";

const MAX_BYTES = 256 * 1024;

/** The partner's logo (PNG, at most 256 KB): shown, replaced or removed at once, apart from the form's save. */
export function PartnerLogoInput() {
  const record = useRecordContext<{ id: number; hasLogo?: boolean; logoUpdatedAt?: string | null }>();
  const notify = useNotify();
  const refresh = useRefresh();
  const t = useTranslate();
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  const url = `${API_URL}/partners/${record.id}/logo`;

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    if (file.type !== "image/png") return notify("ssp.partners.logoNotPng", { type: "warning" });
    if (file.size > MAX_BYTES) return notify("ssp.partners.logoTooLarge", { type: "warning" });
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    setBusy(true);
    try {
      await httpClient(url, {
        method: "PUT",
        body: JSON.stringify({ contentType: "image/png", data: btoa(binary) }),
      });
      notify("ssp.partners.logoSaved", { type: "info" });
      refresh();
    } catch {
      notify("ssp.partners.logoNotPng", { type: "warning" });
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    try {
      await httpClient(url, { method: "DELETE" });
      refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Box sx={{ my: 1 }}>
      <Typography variant="caption" color="text.secondary">
        {t("resources.partners.fields.logo")}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
        {record.hasLogo ? (
          <Box
            component="img"
            src={`${url}?v=${record.logoUpdatedAt ?? ""}`}
            alt={t("resources.partners.fields.logo")}
            sx={{ maxHeight: 48, maxWidth: 200 }}
          />
        ) : (
          <Typography variant="body2">{t("ssp.partners.noLogo")}</Typography>
        )}
        <Button component="label" variant="outlined" size="small" disabled={busy}>
          {t("ssp.partners.uploadLogo")}
          <input hidden type="file" accept="image/png" onChange={upload} />
        </Button>
        {record.hasLogo && (
          <Button size="small" color="error" onClick={remove} disabled={busy}>
            {t("ssp.partners.removeLogo")}
          </Button>
        )}
      </Stack>
    </Box>
  );
}

import OpenInNewIcon from "@mui/icons-material/OpenInNew";
import { Box, LinearProgress, Link, Paper, Stack, Typography } from "@mui/material";
import { ko } from "../strings";

/**
 * The contract PDF in the browser's own viewer. Some phones will not show a PDF inside a page,
 * so the same URL is offered as a link that opens it in a new tab.
 */
export function PdfSection(props: { url: string | null; title: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack spacing={1.5}>
        <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 700 }}>
          {ko.signing.pdfTitle}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {ko.signing.pdfHelp}
        </Typography>
        {props.url === null ? (
          <LinearProgress aria-label={props.title} data-testid="pdf-loading" />
        ) : (
          <PdfViewer url={props.url} title={props.title} />
        )}
      </Stack>
    </Paper>
  );
}

function PdfViewer(props: { url: string; title: string }) {
  return (
    <>
      <Box
        component="iframe"
        src={props.url}
        title={props.title}
        data-testid="pdf-viewer"
        sx={{
          width: "100%",
          height: "60vh",
          minHeight: 360,
          border: 1,
          borderColor: "divider",
          borderRadius: 1,
        }}
      />
      <Link
        href={props.url}
        target="_blank"
        rel="noopener"
        data-testid="pdf-open-link"
        sx={{ display: "inline-flex", alignItems: "center", gap: 0.5, alignSelf: "flex-start" }}
      >
        {ko.signing.openPdf}
        <OpenInNewIcon fontSize="small" />
      </Link>
    </>
  );
}

import { Box, Container, CssBaseline, createTheme, ThemeProvider, Typography } from "@mui/material";
import type { ReactNode } from "react";
import { ErrorBoundary } from "./ErrorBoundary";

const fontFamily = [
  '"Pretendard"',
  '"Noto Sans KR"',
  '"Apple SD Gothic Neo"',
  '"Malgun Gothic"',
  "sans-serif",
].join(",");

export const publicTheme = createTheme({
  palette: {
    primary: { main: "#1565c0" },
    secondary: { main: "#00897b" },
    background: { default: "#f5f7fa" },
  },
  typography: { fontFamily, button: { fontWeight: 600 } },
  shape: { borderRadius: 10 },
  components: {
    MuiButton: { defaultProps: { disableElevation: true }, styleOverrides: { sizeLarge: { minHeight: 48 } } },
  },
});

/** The frame of every customer page: a narrow, phone-first column with the page title on top. */
export function PublicShell(props: { title: string; children: ReactNode }) {
  return (
    <ThemeProvider theme={publicTheme}>
      <CssBaseline />
      <Box component="header" sx={{ bgcolor: "primary.main", color: "primary.contrastText", py: 1.5 }}>
        <Container maxWidth="sm">
          <Typography component="h1" variant="h6" sx={{ fontWeight: 700 }}>
            {props.title}
          </Typography>
        </Container>
      </Box>
      <Container component="main" maxWidth="sm" sx={{ py: 2, px: 2 }}>
        <ErrorBoundary>{props.children}</ErrorBoundary>
      </Container>
    </ThemeProvider>
  );
}

import { defaultDarkTheme, defaultTheme, type RaThemeOptions } from "react-admin";

const fontFamily = [
  '"Pretendard"',
  '"Noto Sans KR"',
  '"Apple SD Gothic Neo"',
  '"Malgun Gothic"',
  "sans-serif",
].join(",");

/** Dates never wrap inside a list cell (money does the same in WonField). */
const nowrapDates = { RaDateField: { styleOverrides: { root: { whiteSpace: "nowrap" } } } };

export const lightTheme: RaThemeOptions = {
  ...defaultTheme,
  components: { ...defaultTheme.components, ...nowrapDates },
  palette: { ...defaultTheme.palette, primary: { main: "#1565c0" }, secondary: { main: "#00897b" } },
  typography: { ...defaultTheme.typography, fontFamily },
};

export const darkTheme: RaThemeOptions = {
  ...defaultDarkTheme,
  components: { ...defaultDarkTheme.components, ...nowrapDates },
  typography: { ...defaultDarkTheme.typography, fontFamily },
};

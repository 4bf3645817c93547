import { defaultDarkTheme, defaultTheme, type RaThemeOptions } from "react-admin";

const fontFamily = [
  '"Pretendard"',
  '"Noto Sans KR"',
  '"Apple SD Gothic Neo"',
  '"Malgun Gothic"',
  "sans-serif",
].join(",");

export const lightTheme: RaThemeOptions = {
  ...defaultTheme,
  palette: { ...defaultTheme.palette, primary: { main: "#1565c0" }, secondary: { main: "#00897b" } },
  typography: { ...defaultTheme.typography, fontFamily },
};

export const darkTheme: RaThemeOptions = {
  ...defaultDarkTheme,
  typography: { ...defaultDarkTheme.typography, fontFamily },
};

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { PublicShell } from "../shared/PublicShell";
import { ko } from "../strings";
import { SigningPage } from "./SigningPage";

/** /sign/<token>: the token is the last path segment. */
const token = decodeURIComponent(window.location.pathname.replace(/\/+$/, "").split("/").pop() ?? "");

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <PublicShell title={ko.signing.pageTitle}>
      <SigningPage token={token} />
    </PublicShell>
  </StrictMode>,
);

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { PublicShell } from "../shared/PublicShell";
import { ko } from "../strings";
import { SigningPage } from "./SigningPage";

/** /sign/<token>: the token is the last path segment. */
const token = decodeURIComponent(window.location.pathname.replace(/\/+$/, "").split("/").pop() ?? "");
/** /transfer/<token>: a name transfer's agreement, signed by the new holder on the same page. */
const kind = window.location.pathname.startsWith("/transfer/") ? "transfer" : "sign";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <PublicShell title={kind === "transfer" ? ko.signing.transferPageTitle : ko.signing.pageTitle}>
      <SigningPage token={token} kind={kind} />
    </PublicShell>
  </StrictMode>,
);

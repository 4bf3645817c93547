import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { PublicShell } from "../shared/PublicShell";
import { MyPage } from "./MyPage";

/** /my/<token>: the token is the last path segment. */
const token = decodeURIComponent(window.location.pathname.replace(/\/+$/, "").split("/").pop() ?? "");

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <PublicShell title="내 렌탈 계약">
      <MyPage token={token} />
    </PublicShell>
  </StrictMode>,
);

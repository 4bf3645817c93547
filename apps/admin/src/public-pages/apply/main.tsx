import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { PublicShell } from "../shared/PublicShell";
import { ko } from "../strings";
import { ApplyPage } from "./ApplyPage";

/** /apply/<slug>[?signup=kakao]: the partner's slug is the last path segment. */
const slug = decodeURIComponent(window.location.pathname.replace(/\/+$/, "").split("/").pop() ?? "");
const signup = new URLSearchParams(window.location.search).get("signup");

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <PublicShell title={ko.apply.headerTitle}>
      <ApplyPage slug={slug} signup={signup} />
    </PublicShell>
  </StrictMode>,
);

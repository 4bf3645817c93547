import { Button } from "@mui/material";
import { Component, type ReactNode } from "react";
import { ko } from "../strings";
import { MessagePage } from "./MessagePage";

/**
 * If a page ever fails while rendering, the customer sees a calm message and a way to reload,
 * not a blank screen or a stack trace.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <MessagePage title={ko.common.crashTitle} body={ko.common.unexpectedError} testId="page-crashed">
        <Button variant="outlined" onClick={() => window.location.reload()}>
          {ko.common.reload}
        </Button>
      </MessagePage>
    );
  }
}

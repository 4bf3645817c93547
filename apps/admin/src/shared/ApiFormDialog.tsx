import { Dialog, DialogActions, DialogContent, DialogTitle, Button as MuiButton } from "@mui/material";
import { type ReactNode, useState } from "react";
import { Button, Form, useNotify, useTranslate } from "react-admin";
import { errorMessage } from "./error-message";
import { fieldErrors } from "./http-error";

/**
 * FormDialog for an action endpoint that validates on the server: while the request runs the
 * submit button is disabled (pessimistic), a refusal shows the API's message, and its per-field
 * `errors` (e.g. a 422 on `amount`) appear under the matching inputs. FormDialog's `onSubmit`
 * cannot hand errors back to react-admin's Form, hence this sibling.
 */
export function ApiFormDialog({
  open,
  title,
  submitLabel,
  onSubmit,
  onClose,
  defaultValues,
  children,
}: {
  open: boolean;
  title: string;
  submitLabel: string;
  /** Resolves once the API accepted; throws the API's HttpError otherwise. */
  onSubmit: (values: Record<string, unknown>) => Promise<void>;
  onClose: () => void;
  defaultValues?: Record<string, unknown>;
  children: ReactNode;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const [pending, setPending] = useState(false);
  const submit = async (values: Record<string, unknown>): Promise<Record<string, string> | undefined> => {
    setPending(true);
    try {
      await onSubmit(values);
      return undefined;
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
      return fieldErrors(error);
    } finally {
      setPending(false);
    }
  };
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <Form onSubmit={submit} defaultValues={defaultValues}>
        <DialogTitle>{translate(title)}</DialogTitle>
        <DialogContent>{children}</DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={onClose} />
          <MuiButton type="submit" variant="contained" disabled={pending}>
            {translate(submitLabel)}
          </MuiButton>
        </DialogActions>
      </Form>
    </Dialog>
  );
}

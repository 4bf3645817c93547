import { Dialog, DialogActions, DialogContent, DialogTitle, Button as MuiButton } from "@mui/material";
import type { ReactNode } from "react";
import { Button, Form, useTranslate } from "react-admin";

/** A small react-admin form in a dialog, for actions that take a few inputs. */
export function FormDialog({
  open,
  title,
  submitLabel,
  pending,
  onSubmit,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  submitLabel: string;
  pending?: boolean;
  onSubmit: (values: Record<string, unknown>) => void | Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <Form onSubmit={onSubmit}>
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

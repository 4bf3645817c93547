import { useState } from "react";
import { useNotify, useRefresh } from "react-admin";
import { errorMessage } from "../shared/error-message";

/**
 * A contract action behind a button that may ask first: runs it, says how it went, refreshes the
 * page, and closes the confirmation either way.
 */
export function useContractAction(run: () => Promise<unknown>, successMessage: string) {
  const notify = useNotify();
  const refresh = useRefresh();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);

  const perform = async () => {
    setPending(true);
    try {
      await run();
      notify(successMessage, { type: "success" });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
    } finally {
      setPending(false);
      setConfirming(false);
    }
  };

  return { confirming, setConfirming, pending, perform };
}

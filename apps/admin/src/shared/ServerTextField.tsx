import { Typography } from "@mui/material";
import type { ServerText } from "@ssp/domain";
import { useRecordContext } from "react-admin";
import { useServerText } from "./use-server-text";

/**
 * Server-made text in the viewer's language, from its key and parameters; `fallback` (the Korean
 * words of record, or free text a person typed) where there is no key. Marked with its key so
 * that the browser tests can tell system text from what users typed.
 */
export function ServerTextSpan(props: {
  text: ServerText | null | undefined;
  fallback: string | null | undefined;
}) {
  const serverText = useServerText();
  return (
    <span
      data-server-text={props.text?.key ?? ""}
      data-server-params={props.text ? JSON.stringify(props.text.params ?? {}) : undefined}
    >
      {serverText(props.text, props.fallback)}
    </span>
  );
}

/** A record's server-made note (`source`, its words of record; `textSource`, its key). */
export function ServerTextField(props: { source: string; textSource: string; label?: string }) {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Typography component="span" variant="body2">
      <ServerTextSpan
        text={record[props.textSource] as ServerText | null}
        fallback={record[props.source] as string | null}
      />
    </Typography>
  );
}

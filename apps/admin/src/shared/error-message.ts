/** The API's `message` (fetchJson puts it on the HttpError), or react-admin's generic text. */
export const errorMessage = (error: unknown): string =>
  error instanceof Error && error.message ? error.message : "ra.notification.http_error";

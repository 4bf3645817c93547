import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from "@ssp/domain";
import { useTranslate } from "react-admin";

/** Labels, not enum values: each choice named in the current language. */
export function useTicketChoices() {
  const translate = useTranslate();
  const named = (prefix: string, ids: readonly string[]) =>
    ids.map((id) => ({ id, name: translate(`${prefix}.${id}`, { _: id }) }));
  return {
    statuses: named("ssp.ticketStatus", TICKET_STATUSES),
    types: named("ssp.ticketType", TICKET_TYPES),
    priorities: named("ssp.ticketPriority", TICKET_PRIORITIES),
  };
}

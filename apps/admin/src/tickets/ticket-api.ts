import type { Identifier } from "react-admin";
import { API_URL } from "../api-url";
import { httpClient } from "../dataProvider";

export interface TicketEntry {
  id: number;
  kind: "reply" | "note" | "event";
  body: string;
  fromStatus: string | null;
  toStatus: string | null;
  author: { kind: "user" | "customer" | "system"; id: number | null; name: string | null };
  at: string;
}

export interface Assignee {
  id: number;
  name: string;
  role: string;
}

export interface ExitQuote {
  date: string;
  items: { kind: string; description: string; amount: number }[];
  total: number;
}

const url = (id: Identifier, tail: string) => `${API_URL}/tickets/${String(id)}/${tail}`;

export const ticketApi = {
  timeline: async (id: Identifier) => (await httpClient(url(id, "timeline"))).json as TicketEntry[],
  assignees: async () => (await httpClient(`${API_URL}/tickets/assignees`)).json as Assignee[],
  quote: async (id: Identifier) => (await httpClient(url(id, "termination-quote"))).json as ExitQuote,
  comment: (id: Identifier, body: { kind: "reply" | "note"; body: string }) =>
    httpClient(url(id, "comments"), { method: "POST", body: JSON.stringify(body) }),
  update: (id: Identifier, body: Record<string, unknown>) =>
    httpClient(`${API_URL}/tickets/${String(id)}`, { method: "PUT", body: JSON.stringify(body) }),
  repairVisit: (id: Identifier, body: { scheduledOn: string; technicianId?: number }) =>
    httpClient(url(id, "repair-visit"), { method: "POST", body: JSON.stringify(body) }),
  relocation: (
    id: Identifier,
    body: { removalOn: string; reinstallOn: string; newAddress: string; technicianId?: number },
  ) => httpClient(url(id, "relocation"), { method: "POST", body: JSON.stringify(body) }),
  confirmCancellation: (id: Identifier) =>
    httpClient(url(id, "confirm-cancellation"), { method: "POST", body: JSON.stringify({}) }),
};

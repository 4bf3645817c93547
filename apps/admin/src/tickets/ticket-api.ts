import type { ServerText } from "@ssp/domain";
import type { Identifier } from "react-admin";
import { API_URL } from "../api-url";
import { httpClient } from "../dataProvider";

export interface TicketEntry {
  id: number;
  kind: "reply" | "note" | "event";
  body: string;
  /** An event's body as key and parameters, rendered in the viewer's language. */
  bodyText?: ServerText | null;
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
  items: { kind: string; description: string; text?: ServerText | null; amount: number }[];
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
    body: {
      removalOn: string;
      reinstallOn: string;
      /** The new address in parts: postcode and detail may be "" (none). */
      newPostcode: string;
      newAddress: string;
      newAddressDetail: string;
      technicianId?: number;
    },
  ) => httpClient(url(id, "relocation"), { method: "POST", body: JSON.stringify(body) }),
  confirmCancellation: (id: Identifier) =>
    httpClient(url(id, "confirm-cancellation"), { method: "POST", body: JSON.stringify({}) }),
};

/** A name transfer (명의변경) as the API answers it: names only, no birth dates or contacts. */
export interface ContractTransfer {
  id: number;
  contractId: number;
  ticketId: number;
  fromCustomerName: string | null;
  toCustomerId: number;
  toCustomerName: string | null;
  status: string;
  credit: { score: number; grade: number; outcome: string } | null;
  sentAt: string | null;
  completedAt: string | null;
  cancelReason: string | null;
}

export interface NewHolderFields {
  name: string;
  birthDate: string;
  phone: string;
  email: string;
  consents: { privacy: true; creditInquiry: true };
}

const transferUrl = (id: Identifier, tail: string) => `${API_URL}/contract-transfers/${String(id)}/${tail}`;
const post = (target: string, body: unknown = {}) =>
  httpClient(target, { method: "POST", body: JSON.stringify(body) });

/** Each step of a transfer is its own endpoint (STYLE 3). */
export const transferApi = {
  list: async (ticketId: Identifier) =>
    (await httpClient(url(ticketId, "transfers"))).json as ContractTransfer[],
  start: (ticketId: Identifier, newHolder: { customerId: number } | { customer: NewHolderFields }) =>
    post(url(ticketId, "transfer"), { newHolder }),
  creditCheck: (id: Identifier) => post(transferUrl(id, "credit-check")),
  decide: (id: Identifier, approve: boolean, reason: string) =>
    post(transferUrl(id, "credit-decision"), { approve, reason }),
  send: (id: Identifier) => post(transferUrl(id, "send")),
  cancel: (id: Identifier, reason: string) => post(transferUrl(id, "cancel"), { reason }),
};

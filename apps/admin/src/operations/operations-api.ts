import type { ServerText } from "@ssp/domain";
import type { Identifier } from "react-admin";
import { API_URL } from "../api-url";
import { httpClient } from "../dataProvider";

/** A technician with their load on a day (GET /api/technicians?date=). */
export interface TechnicianLoad {
  id: number;
  name: string;
  date: string;
  deliveries: number;
  visits: number;
  load: number;
  serviceRegions: string[];
  /** Whether a region of theirs covers the job's address (null: no job given). */
  coversAddress: boolean | null;
}

/** The job a technician is picked for, so the list can say who covers its address. */
export interface TechnicianJob {
  contractId?: number;
  orderId?: number;
}

export type StopKind = "installation" | "visit" | "return";

/** One stop of a technician's day (GET /api/technician-day). */
export interface Stop {
  kind: StopKind;
  id: number;
  date: string;
  status: string;
  orderId: number | null;
  contractId: number | null;
  contractNumber: string | null;
  customerName: string | null;
  customerPhone: string | null;
  address: string | null;
  mapUrl: string | null;
  productName: string | null;
  assetId: number | null;
  serialNumber: string | null;
  note: string | null;
  /** A system note (a return task's) as key and parameters, for the viewer's language. */
  noteText?: ServerText | null;
}

export type VisitSignature = { kind: "drawn"; dataUrl: string } | { kind: "typed"; text: string };

export interface VisitCompletion {
  notes: string;
  partsUsed: { name: string; quantity: number }[];
  signature: VisitSignature;
  serialNumber?: string;
}

const get = async <T>(url: string): Promise<T> => (await httpClient(url)).json as T;
const post = async <T>(url: string, body: object = {}): Promise<T> =>
  (await httpClient(url, { method: "POST", body: JSON.stringify(body) })).json as T;
const action = (resource: string, id: Identifier, name: string) =>
  `${API_URL}/${resource}/${encodeURIComponent(String(id))}/${name}`;

/**
 * The operations endpoints (visits, tasks, the technician's day): explicit actions, never a PUT
 * of `status` (STYLE §3). Kept beside the pages that use them.
 */
export const operationsApi = {
  technicians: (date: string, job: TechnicianJob = {}) =>
    get<TechnicianLoad[]>(
      `${API_URL}/technicians?${new URLSearchParams({
        date,
        ...(job.contractId ? { contractId: String(job.contractId) } : {}),
        ...(job.orderId ? { orderId: String(job.orderId) } : {}),
      })}`,
    ),
  technicianDay: (date: string) =>
    get<{ from: string; to: string; stops: Stop[] }>(
      `${API_URL}/technician-day?date=${encodeURIComponent(date)}`,
    ),
  assignVisit: (id: Identifier, technicianId: number) =>
    post(action("service-visits", id, "assign"), { technicianId }),
  rescheduleVisit: (id: Identifier, scheduledOn: string, reason: string) =>
    post(action("service-visits", id, "reschedule"), { scheduledOn, reason }),
  cancelVisit: (id: Identifier, reason: string) => post(action("service-visits", id, "cancel"), { reason }),
  completeVisit: (id: Identifier, body: VisitCompletion) =>
    post(action("service-visits", id, "complete"), body),
  assignTask: (id: Identifier, assigneeId: number) => post(action("tasks", id, "assign"), { assigneeId }),
  startTask: (id: Identifier) => post(action("tasks", id, "start")),
  completeTask: (id: Identifier, outcome?: string) =>
    post(action("tasks", id, "complete"), outcome ? { outcome } : {}),
  cancelTask: (id: Identifier, reason: string) => post(action("tasks", id, "cancel"), { reason }),
};

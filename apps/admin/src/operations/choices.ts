import { TASK_KINDS, TASK_STATUSES, VISIT_STATUSES } from "@ssp/domain";

export const visitStatusChoices = VISIT_STATUSES.map((id) => ({ id, name: `ssp.visitStatus.${id}` }));
export const taskStatusChoices = TASK_STATUSES.map((id) => ({ id, name: `ssp.taskStatus.${id}` }));
export const taskKindChoices = TASK_KINDS.map((id) => ({ id, name: `ssp.taskKind.${id}` }));

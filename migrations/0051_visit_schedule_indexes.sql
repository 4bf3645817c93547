ALTER TABLE "contracts" ADD COLUMN "service_interval_months" integer GENERATED ALWAYS AS ((terms->>'serviceIntervalMonths')::int) STORED;--> statement-breakpoint
ALTER TABLE "service_visits" ADD COLUMN "booked_by_staff" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Visits booked by hand before the column: a ticket's, or ones whose creation staff's audit rows record (the job's are not audited one by one).
UPDATE "service_visits" v SET "booked_by_staff" = true
WHERE v.kind <> 'regular' OR v.ticket_id IS NOT NULL
  OR EXISTS (SELECT 1 FROM audit_logs a WHERE a.entity = 'service-visits' AND a.entity_id = v.id::text AND a.action = 'create');--> statement-breakpoint
CREATE INDEX "contracts_visit_schedule_idx" ON "contracts" USING btree ("partner_id","id","activated_on","ends_on","service_interval_months","asset_id","customer_id") WHERE status = 'active' and service_interval_months > 0;--> statement-breakpoint
CREATE INDEX "service_visits_plan_due_idx" ON "service_visits" USING btree ("contract_id","due_on") WHERE kind = 'regular' and not booked_by_staff;
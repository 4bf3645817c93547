CREATE TABLE "billing_cursors" (
	"partner_id" integer NOT NULL,
	"contract_id" integer NOT NULL,
	"next_period_on" date NOT NULL,
	CONSTRAINT "billing_cursors_pkey" PRIMARY KEY("partner_id","contract_id")
) WITH (fillfactor = 70);
--> statement-breakpoint
CREATE TABLE "job_run_failures" (
	"id" serial PRIMARY KEY NOT NULL,
	"job_run_id" integer NOT NULL,
	"partner_id" integer,
	"entity" text NOT NULL,
	"entity_id" integer NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"partner_id" integer,
	"run_date" date NOT NULL,
	"dry_run" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"trigger" text NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer
);
--> statement-breakpoint
-- Billing runs become job runs of the job 'billing', keeping their ids (invoices.billing_run_id).
INSERT INTO job_runs (id, job, partner_id, run_date, dry_run, status, trigger, counts, progress_done, progress_total, started_at, finished_at, duration_ms)
SELECT id, 'billing', partner_id, run_date, dry_run,
       CASE status WHEN 'running' THEN 'failed' ELSE 'completed' END, trigger,
       jsonb_build_object('issued', issued, 'charged', charged, 'failed', failed, 'skipped', skipped)
         || CASE WHEN preview ? 'amount' THEN jsonb_build_object('amount', preview->'amount') ELSE '{}'::jsonb END,
       issued + skipped, issued + skipped, started_at, finished_at, duration_ms
FROM billing_runs;
--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('job_runs', 'id'), greatest((SELECT max(id) FROM job_runs), 1));
--> statement-breakpoint
UPDATE job_runs SET error = 'interrupted: still running when this version was installed' WHERE status = 'failed';
--> statement-breakpoint
DROP TABLE "billing_runs" CASCADE;--> statement-breakpoint
ALTER TABLE "audit_logs" ADD COLUMN "actor_kind" text DEFAULT 'user' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_logs" ADD COLUMN "actor_id" integer;--> statement-breakpoint
CREATE INDEX "job_run_failures_run_idx" ON "job_run_failures" USING btree ("job_run_id","id");--> statement-breakpoint
CREATE INDEX "job_runs_job_partner_date_idx" ON "job_runs" USING btree ("job","partner_id","run_date");--> statement-breakpoint
-- Each active or suspended contract bills on from the day after its last invoiced period (or from
-- its activation when none is invoiced yet, which is how a run missed before this version is caught up).
INSERT INTO billing_cursors (partner_id, contract_id, next_period_on)
SELECT c.partner_id, c.id,
       coalesce((SELECT max(i.period_end) + 1 FROM invoices i WHERE i.contract_id = c.id AND i.period_kind IN ('stub', 'full')), c.activated_on)
FROM contracts c
WHERE c.status IN ('active', 'suspended') AND c.activated_on IS NOT NULL;
--> statement-breakpoint
-- Audit rows written before actors were named: staff rows keep their user; the others were the
-- customer on a public page (they carry its address) or a job.
UPDATE audit_logs SET actor_id = user_id WHERE user_id IS NOT NULL;
--> statement-breakpoint
UPDATE audit_logs SET actor_kind = CASE WHEN ip IS NOT NULL THEN 'customer' ELSE 'system' END WHERE user_id IS NULL;
--> statement-breakpoint
ALTER TABLE billing_cursors ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON billing_cursors TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON billing_cursors TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
-- A partner sees its own runs; platform-wide runs only the operator.
ALTER TABLE job_runs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON job_runs TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON job_runs TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE job_run_failures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON job_run_failures TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON job_run_failures TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON billing_cursors, job_runs, job_run_failures TO ssp_app, ssp_platform;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ssp_app, ssp_platform;

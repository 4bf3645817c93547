-- The inbox's total (issue 12: p95 ≤ 30 ms at 32 connections; counting 9,000 open tickets was
-- most of its database time) kept exact by the database itself. Statement triggers with
-- transition tables add what a statement opened and take away what it resolved, closed or
-- removed, per partner, in the statement's own transaction: a rolled-back change takes its count
-- with it, and two changes of one partner's tickets queue on its counter row until commit.
-- The functions run as their owner, so the count is written by them alone (the app only reads
-- it). An archive restore loads the rows with triggers off (session_replication_role = replica)
-- and counts the partner's open tickets afterwards (restore-archive.ts); archives leave it out.
ALTER TABLE ticket_open_counts ADD CONSTRAINT ticket_open_counts_open_check CHECK (open >= 0);
--> statement-breakpoint
ALTER TABLE ticket_open_counts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON ticket_open_counts TO ssp_app USING (partner_id = (select app_partner_id())) WITH CHECK (partner_id = (select app_partner_id()));
--> statement-breakpoint
CREATE POLICY platform_access ON ticket_open_counts TO ssp_platform USING (true) WITH CHECK (true);
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON ticket_open_counts FROM ssp_app, ssp_platform;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ticket_open_counts_keep() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  -- A transition table exists only for the events that have it; plpgsql plans each branch when
  -- it first runs, so the branches name only their own.
  IF TG_OP = 'INSERT' THEN
    -- Every partner with a ticket has its row from the first one on (at 0 if it came closed), so
    -- the other events only ever update.
    INSERT INTO ticket_open_counts AS c (partner_id, open)
      SELECT partner_id, count(*) FILTER (WHERE status NOT IN ('resolved', 'closed')) FROM new_rows GROUP BY partner_id
      ON CONFLICT (partner_id) DO UPDATE SET open = c.open + excluded.open;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE ticket_open_counts c SET open = c.open - d.n
      FROM (SELECT partner_id, count(*) AS n FROM old_rows
            WHERE status NOT IN ('resolved', 'closed') GROUP BY partner_id) d
      WHERE c.partner_id = d.partner_id;
  ELSE
    -- What the statement opened less what it resolved or closed (a ticket's partner never changes).
    UPDATE ticket_open_counts c SET open = c.open + d.n
      FROM (SELECT partner_id, sum(n) AS n FROM (
              SELECT partner_id, 1 AS n FROM new_rows WHERE status NOT IN ('resolved', 'closed')
              UNION ALL
              SELECT partner_id, -1 FROM old_rows WHERE status NOT IN ('resolved', 'closed')
            ) moved GROUP BY partner_id HAVING sum(n) <> 0) d
      WHERE c.partner_id = d.partner_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ticket_open_counts_clear() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM ticket_open_counts;
  RETURN NULL;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION ticket_open_counts_keep(), ticket_open_counts_clear() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER tickets_open_count_insert AFTER INSERT ON tickets
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_open_counts_keep();
--> statement-breakpoint
CREATE TRIGGER tickets_open_count_update AFTER UPDATE ON tickets
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_open_counts_keep();
--> statement-breakpoint
CREATE TRIGGER tickets_open_count_delete AFTER DELETE ON tickets
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_open_counts_keep();
--> statement-breakpoint
CREATE TRIGGER tickets_open_count_truncate AFTER TRUNCATE ON tickets
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_open_counts_clear();
--> statement-breakpoint
INSERT INTO ticket_open_counts (partner_id, open)
  SELECT partner_id, count(*) FILTER (WHERE status NOT IN ('resolved', 'closed')) FROM tickets GROUP BY partner_id;

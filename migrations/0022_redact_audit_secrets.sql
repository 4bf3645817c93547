-- Partners' secrets (the Kakao app's client secret) were recorded in plain text in the audit
-- log's before/after rows (issue 14 finding 2). They are removed, leaving the mark the API now
-- shows instead of a secret. The partners rows themselves are sealed at start (seal-plain-secrets.ts:
-- the key lives in the environment, not in SQL).
UPDATE audit_logs
SET "before" = jsonb_set("before" #- '{settings,kakao,clientSecret}', '{settings,kakao,clientSecretSet}', 'true')
WHERE entity = 'partners' AND jsonb_typeof("before" -> 'settings' -> 'kakao') = 'object'
  AND ("before" -> 'settings' -> 'kakao') ? 'clientSecret';
--> statement-breakpoint
UPDATE audit_logs
SET "after" = jsonb_set("after" #- '{settings,kakao,clientSecret}', '{settings,kakao,clientSecretSet}', 'true')
WHERE entity = 'partners' AND jsonb_typeof("after" -> 'settings' -> 'kakao') = 'object'
  AND ("after" -> 'settings' -> 'kakao') ? 'clientSecret';

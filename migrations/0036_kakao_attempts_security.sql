-- Kakao Login attempts are read before any tenant is known (like applicant_sessions, see 0007):
-- no policy, so the request roles cannot touch them; only the owner connection does.
ALTER TABLE kakao_login_attempts ENABLE ROW LEVEL SECURITY;

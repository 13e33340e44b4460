-- Version 9: a reported sacking nobody confirms is withdrawn (bot/rumours/confirm.py REPORT_EXPIRY).
--
-- stories.status now takes a third value, 'withdrawn'. The service sweeps reported stories whose first
-- report is older than the expiry (RumourService.withdraw_expired) on its first article and hourly after;
-- an old store's stale reports are withdrawn by that first sweep, so nothing here depends on the clock.
-- Tenures ended by unconfirmed stories were already reopened by migration 003.
CREATE INDEX stories_reported ON stories (status, decided_at);

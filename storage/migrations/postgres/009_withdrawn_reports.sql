-- PostgreSQL mirror of ../009_withdrawn_reports.sql.
CREATE INDEX stories_reported ON stories (status, decided_at);

-- Mirror of ../008_tenure_sources.sql: every tenure says where it came from ('bundled',
-- 'football-data.org', 'news:YYYY-MM-DD' or 'admin'); rows from older stores were all bundled.
ALTER TABLE tenures ADD COLUMN source TEXT NOT NULL DEFAULT 'bundled';

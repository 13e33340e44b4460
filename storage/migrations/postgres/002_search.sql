-- PostgreSQL mirror of ../002_search.sql: title search is an expression GIN index over a tsvector
-- ('simple' configuration: no stemming, like SQLite's unicode61), so nothing needs triggers.
CREATE INDEX article_search ON articles USING gin (to_tsvector('simple', title));

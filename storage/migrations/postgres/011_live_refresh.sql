-- PostgreSQL mirror of ../011_live_refresh.sql: people learned at run time keep a source, and each
-- competition's last matches/coaches refresh records its failure reason.
ALTER TABLE people ADD COLUMN source TEXT NOT NULL DEFAULT 'bundled';
CREATE TABLE refresh_status (
    competition   TEXT NOT NULL,
    part          TEXT NOT NULL CHECK (part IN ('matches', 'coaches')),
    refreshed_at  TEXT,
    problem       TEXT,
    problem_args  TEXT,
    problem_at    TEXT,
    PRIMARY KEY (competition, part)
);

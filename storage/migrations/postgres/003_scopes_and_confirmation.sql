-- PostgreSQL mirror of ../003_scopes_and_confirmation.sql. Data fix-ups of the SQLite file are left out: a PostgreSQL store is
-- created empty by these scripts and filled by `hotseat migrate-store`, so they would touch no row.
ALTER TABLE feeds ADD COLUMN shared BIGINT NOT NULL DEFAULT 0;  -- operator-added: everyone's
UPDATE feeds SET shared = 1
WHERE is_default = 0 AND id NOT IN (SELECT feed_id FROM feed_subscriptions);

ALTER TABLE stories ADD COLUMN scope BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN status TEXT NOT NULL DEFAULT 'reported';
ALTER TABLE stories ADD COLUMN decided_at TEXT;
ALTER TABLE stories ADD COLUMN decided_outlets TEXT NOT NULL DEFAULT '[]';

CREATE TABLE manager_pressure_scoped (
    scope          BIGINT NOT NULL,
    manager_key    TEXT NOT NULL,
    manager_name   TEXT NOT NULL,
    folded_name    TEXT NOT NULL,
    club_key       TEXT,
    club_name      TEXT,
    league         TEXT,
    rank_key       DOUBLE PRECISION NOT NULL,
    last_story_id  BIGINT,
    last_seen_at   TEXT NOT NULL,
    finding_count  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, manager_key)
);
INSERT INTO manager_pressure_scoped
SELECT 0, manager_key, manager_name, folded_name, club_key, club_name, league, rank_key, last_story_id,
       last_seen_at, finding_count
FROM manager_pressure;
DROP TABLE manager_pressure;
ALTER TABLE manager_pressure_scoped RENAME TO manager_pressure;
CREATE INDEX manager_pressure_rank ON manager_pressure (scope, rank_key DESC);
CREATE INDEX manager_pressure_league ON manager_pressure (scope, league, rank_key DESC);
CREATE INDEX manager_pressure_name ON manager_pressure (folded_name);

CREATE TABLE pressure_days_scoped (
    scope        BIGINT NOT NULL,
    manager_key  TEXT NOT NULL,
    day          TEXT NOT NULL,
    amount       DOUBLE PRECISION NOT NULL,
    level        BIGINT NOT NULL,
    PRIMARY KEY (scope, manager_key, day)
);
INSERT INTO pressure_days_scoped SELECT 0, manager_key, day, amount, level FROM pressure_days;
DROP TABLE pressure_days;
ALTER TABLE pressure_days_scoped RENAME TO pressure_days;

CREATE TABLE successor_tips_scoped (
    scope          BIGINT NOT NULL,
    manager_key    TEXT NOT NULL,
    person_id      TEXT NOT NULL,
    person_key     TEXT,
    person_name    TEXT NOT NULL,
    outlets        TEXT NOT NULL,
    outlet_count   BIGINT NOT NULL,
    story_count    BIGINT NOT NULL,
    first_seen_at  TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL,
    links          TEXT NOT NULL,
    evidence       TEXT NOT NULL,
    PRIMARY KEY (scope, manager_key, person_id)
);
INSERT INTO successor_tips_scoped
SELECT 0, manager_key, person_id, person_key, person_name, outlets, outlet_count, story_count,
       first_seen_at, last_seen_at, links, evidence
FROM successor_tips;
DROP TABLE successor_tips;
ALTER TABLE successor_tips_scoped RENAME TO successor_tips;
CREATE INDEX successor_tips_recent ON successor_tips (scope, manager_key, last_seen_at);

-- Version 3: a server's own feeds stay with that server, and sackings are confirmed before they count.
--
-- Scope: every rumour row (story, pressure index, pressure day, successor tip) belongs to scope 0,
-- shared by every server, or to the id of the private feed its article came from; a server sees
-- scope 0 plus the feeds it follows. Default feeds and feeds an operator added (CLI) are shared.

ALTER TABLE feeds ADD COLUMN shared INTEGER NOT NULL DEFAULT 0;  -- operator-added: everyone's
-- Before this version a feed with no server following it could only have come from the CLI.
UPDATE feeds SET shared = 1
WHERE is_default = 0 AND id NOT IN (SELECT feed_id FROM feed_subscriptions);

-- Status of a level-3 story: 'reported' until the club's statement is quoted or a second independent
-- outlet reports it within CONFIRM_DAYS (bot/rumours/confirm.py) of the first report: 'confirmed'.
-- Only a confirmed shared story ends a tenure. `decided_at` is the first level-3 report's time and
-- `decided_outlets` the outlets that reported the decision.
ALTER TABLE stories ADD COLUMN scope INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN status TEXT NOT NULL DEFAULT 'reported';
ALTER TABLE stories ADD COLUMN decided_at TEXT;
ALTER TABLE stories ADD COLUMN decided_outlets TEXT NOT NULL DEFAULT '[]';

CREATE TABLE manager_pressure_scoped (
    scope          INTEGER NOT NULL,
    manager_key    TEXT NOT NULL,
    manager_name   TEXT NOT NULL,
    folded_name    TEXT NOT NULL,
    club_key       TEXT,
    club_name      TEXT,
    league         TEXT,
    rank_key       REAL NOT NULL,
    last_story_id  INTEGER,
    last_seen_at   TEXT NOT NULL,
    finding_count  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, manager_key)
) WITHOUT ROWID;
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
    scope        INTEGER NOT NULL,
    manager_key  TEXT NOT NULL,
    day          TEXT NOT NULL,
    amount       REAL NOT NULL,
    level        INTEGER NOT NULL,
    PRIMARY KEY (scope, manager_key, day)
) WITHOUT ROWID;
INSERT INTO pressure_days_scoped SELECT 0, manager_key, day, amount, level FROM pressure_days;
DROP TABLE pressure_days;
ALTER TABLE pressure_days_scoped RENAME TO pressure_days;

CREATE TABLE successor_tips_scoped (
    scope          INTEGER NOT NULL,
    manager_key    TEXT NOT NULL,
    person_id      TEXT NOT NULL,
    person_key     TEXT,
    person_name    TEXT NOT NULL,
    outlets        TEXT NOT NULL,
    outlet_count   INTEGER NOT NULL,
    story_count    INTEGER NOT NULL,
    first_seen_at  TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL,
    links          TEXT NOT NULL,
    evidence       TEXT NOT NULL,
    PRIMARY KEY (scope, manager_key, person_id)
) WITHOUT ROWID;
INSERT INTO successor_tips_scoped
SELECT 0, manager_key, person_id, person_key, person_name, outlets, outlet_count, story_count,
       first_seen_at, last_seen_at, links, evidence
FROM successor_tips;
DROP TABLE successor_tips;
ALTER TABLE successor_tips_scoped RENAME TO successor_tips;
CREATE INDEX successor_tips_recent ON successor_tips (scope, manager_key, last_seen_at);

-- Upgrade: stories already decided get the new rule's status.
UPDATE stories SET decided_at = (
    SELECT min(f.published_at) FROM findings f WHERE f.story_id = stories.id AND f.level = 3
) WHERE level = 3;
UPDATE stories SET decided_at = first_seen_at WHERE level = 3 AND decided_at IS NULL;
UPDATE stories SET decided_outlets = coalesce((
    SELECT json_group_array(DISTINCT o.value)
    FROM findings f, json_each(f.origins) o
    WHERE f.story_id = stories.id AND f.level = 3
), '[]') WHERE level = 3;
-- Confirmed: a level-3 finding that added weight (not a syndicated copy), from a shared feed, citing
-- an outlet the first report did not, within 4 days of the first report.
UPDATE stories SET status = 'confirmed'
WHERE level = 3 AND EXISTS (
    SELECT 1 FROM findings f2, json_each(f2.origins) o
    WHERE f2.story_id = stories.id AND f2.level = 3 AND f2.weight > 0
      AND abs(julianday(f2.published_at) - julianday(stories.decided_at)) <= 4
      AND NOT EXISTS (
          SELECT 1 FROM articles a JOIN feeds fd ON fd.id = a.feed_id
          WHERE a.id = f2.article_id AND fd.is_default = 0 AND fd.shared = 0
      )
      AND lower(o.value) NOT IN (
          SELECT lower(j.value) FROM findings f1, json_each(f1.origins) j
          WHERE f1.story_id = stories.id AND f1.level = 3 AND f1.published_at = stories.decided_at
      )
);
-- Tenures a finding ended (ended_by is only ever set by one) stay ended only for a confirmed story.
UPDATE tenures SET ended_on = NULL, ended_by = NULL
WHERE ended_by IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM stories s
    WHERE s.manager_key = tenures.person_key AND s.club_key = tenures.club_key
      AND s.level = 3 AND s.status = 'confirmed' AND s.scope = 0
);

-- Hotseat schema, version 1: every aggregate of the design.
-- Times are ISO-8601 UTC text ('YYYY-MM-DDTHH:MM:SS+00:00'); dates are 'YYYY-MM-DD'.

-- Feeds: one row per URL, polled once however many servers follow it.
CREATE TABLE feeds (
    id               INTEGER PRIMARY KEY,
    url              TEXT NOT NULL UNIQUE,
    outlet           TEXT NOT NULL,
    language         TEXT NOT NULL DEFAULT 'en',
    is_default       INTEGER NOT NULL DEFAULT 0,
    etag             TEXT,
    last_modified    TEXT,
    failures         INTEGER NOT NULL DEFAULT 0,
    next_poll_at     TEXT,
    last_polled_at   TEXT,
    last_success_at  TEXT,
    last_error       TEXT,
    disabled_reason  TEXT,
    created_at       TEXT NOT NULL
);
CREATE INDEX feeds_next_poll ON feeds (next_poll_at) WHERE disabled_reason IS NULL;

-- Which server follows which custom feed (default feeds are followed by everyone).
CREATE TABLE feed_subscriptions (
    guild_id   INTEGER NOT NULL,
    feed_id    INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    added_by   INTEGER,
    added_at   TEXT NOT NULL,
    PRIMARY KEY (guild_id, feed_id)
);

-- Articles: stored once (canonical URL, GUID, content hash).
CREATE TABLE articles (
    id             INTEGER PRIMARY KEY,
    feed_id        INTEGER REFERENCES feeds (id) ON DELETE SET NULL,
    guid           TEXT,
    url            TEXT NOT NULL,
    canonical_url  TEXT NOT NULL UNIQUE,
    title          TEXT NOT NULL,
    summary        TEXT NOT NULL DEFAULT '',
    body           TEXT,
    content_hash   TEXT NOT NULL,
    outlet         TEXT NOT NULL,
    language       TEXT NOT NULL DEFAULT 'en',
    published_at   TEXT NOT NULL,
    fetched_at     TEXT NOT NULL,
    updated_at     TEXT,
    analysed       INTEGER NOT NULL DEFAULT 0  -- handed to analysis; a crash before that is caught up
);
-- Not partial: NULL guids stay distinct, and the index also serves lookups by feed alone.
CREATE UNIQUE INDEX articles_feed_guid ON articles (feed_id, guid);
CREATE INDEX articles_awaiting_analysis ON articles (id) WHERE analysed = 0;
-- Row counts kept by triggers (a count(*) reads the whole table): /about stays a lookup at any size.
CREATE TABLE row_counts (
    name  TEXT PRIMARY KEY,
    n     INTEGER NOT NULL
);
INSERT INTO row_counts (name, n) VALUES ('articles', 0), ('findings', 0);
CREATE TRIGGER articles_count_insert AFTER INSERT ON articles BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'articles';
END;
CREATE TRIGGER articles_count_delete AFTER DELETE ON articles BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'articles';
END;
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_published ON articles (published_at);

-- Registry: clubs, people (managers, candidates, executives), their tenures, and every alias.
CREATE TABLE clubs (
    key         TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    short_name  TEXT NOT NULL,
    league      TEXT NOT NULL,
    country     TEXT NOT NULL
);
CREATE INDEX clubs_league ON clubs (league);

CREATE TABLE people (
    key          TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('manager', 'candidate', 'executive', 'other')),
    club_key     TEXT,
    title        TEXT,
    nationality  TEXT
);

CREATE TABLE tenures (
    id          INTEGER PRIMARY KEY,
    person_key  TEXT NOT NULL REFERENCES people (key) ON DELETE CASCADE,
    club_key    TEXT NOT NULL REFERENCES clubs (key) ON DELETE CASCADE,
    role        TEXT NOT NULL DEFAULT 'manager',
    started_on  TEXT,
    ended_on    TEXT,
    ended_by    TEXT,
    UNIQUE (person_key, club_key, role, started_on)
);
CREATE INDEX tenures_club ON tenures (club_key, ended_on);
CREATE INDEX tenures_person ON tenures (person_key);

CREATE TABLE aliases (
    folded      TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('club', 'person')),
    entity_key  TEXT NOT NULL,
    PRIMARY KEY (folded, kind, entity_key)
);

-- Which bundled registry the rows above came from (key 'version'), so sync runs only on a change.
CREATE TABLE registry_meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- Rumours (owned by bot/rumours): stories, findings, successor mentions and the pressure index.
-- Stories: one event about one manager, told by one or more articles; a syndicated copy counts once.
-- `value` is the story's pressure value (formula in bot/rumours/pressure.py); `alert_seq` orders
-- stories for real-time alerts: set when a story first holds a live (not first-poll) article and
-- bumped when its level rises, so an alert cursor never misses or repeats one.
CREATE TABLE stories (
    id             INTEGER PRIMARY KEY,
    manager_key    TEXT NOT NULL,
    manager_name   TEXT NOT NULL,
    club_key       TEXT,
    club_name      TEXT,
    league         TEXT,
    level          INTEGER NOT NULL,
    headline       TEXT NOT NULL,
    url            TEXT NOT NULL,
    first_seen_at  TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL,
    article_count  INTEGER NOT NULL DEFAULT 1,
    outlet_count   INTEGER NOT NULL DEFAULT 1,
    outlets        TEXT NOT NULL DEFAULT '[]',
    value          REAL NOT NULL DEFAULT 0,
    alert_seq      INTEGER
);
CREATE INDEX stories_manager ON stories (manager_key, last_seen_at);
CREATE INDEX stories_last_seen ON stories (last_seen_at);
CREATE UNIQUE INDEX stories_alert ON stories (alert_seq) WHERE alert_seq IS NOT NULL;

-- Findings: what the analysis read in one article (full JSON kept for replay and display). Every
-- analysed article gets a row, pressure or not, so counts are honest. `weight` is what the finding
-- added to its story's value (0 for a syndicated copy); `origins` the independent sources it counts.
CREATE TABLE findings (
    article_id    INTEGER PRIMARY KEY,  -- the analysed article's id; kept when retention deletes the article
    pressure      INTEGER NOT NULL,
    level         INTEGER NOT NULL,
    score         REAL NOT NULL,
    manager_key   TEXT,
    manager_name  TEXT,
    club_key      TEXT,
    club_name     TEXT,
    outlet        TEXT NOT NULL,
    origins       TEXT NOT NULL DEFAULT '[]',
    title         TEXT NOT NULL DEFAULT '',
    url           TEXT NOT NULL DEFAULT '',
    text_sig      TEXT NOT NULL DEFAULT '',
    first_poll    INTEGER NOT NULL DEFAULT 0,
    weight        REAL NOT NULL DEFAULT 0,
    published_at  TEXT NOT NULL,
    story_id      INTEGER REFERENCES stories (id) ON DELETE SET NULL,
    claim_check   TEXT,
    data          TEXT NOT NULL
);
CREATE INDEX findings_story ON findings (story_id, text_sig);
CREATE TRIGGER findings_count_insert AFTER INSERT ON findings BEGIN
    UPDATE row_counts SET n = n + 1 WHERE name = 'findings';
END;
CREATE TRIGGER findings_count_delete AFTER DELETE ON findings BEGIN
    UPDATE row_counts SET n = n - 1 WHERE name = 'findings';
END;

-- Mentions: people named in a finding in a role (successor tips, today).
CREATE TABLE mentions (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES findings (article_id) ON DELETE CASCADE,
    manager_key   TEXT NOT NULL,
    person_key    TEXT,
    person_name   TEXT NOT NULL,
    person_id     TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT 'successor',
    evidence      TEXT NOT NULL,
    outlet        TEXT NOT NULL,
    url           TEXT NOT NULL DEFAULT '',
    level         INTEGER NOT NULL DEFAULT 0,
    story_id      INTEGER REFERENCES stories (id) ON DELETE SET NULL,
    seen_at       TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions (article_id);  -- a finding's mentions (they cascade from findings)
CREATE INDEX mentions_story ON mentions (story_id, person_id);

-- Successor tips per manager and person, kept as tips arrive so /successor reads a few rows however
-- many articles there are. A tip after `SUCCESSOR_WINDOW` of silence starts the tally afresh.
CREATE TABLE successor_tips (
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
    PRIMARY KEY (manager_key, person_id)
) WITHOUT ROWID;
CREATE INDEX successor_tips_recent ON successor_tips (manager_key, last_seen_at);

-- Pressure index per manager, kept incrementally so the board is one index scan. `rank_key` is
-- log2(sum of weight * 2^((published - epoch) / half-life)): managers sort the same way by it at every
-- moment, and index(t) = 2^(rank_key - (t - epoch) / half-life) (bot/rumours/pressure.py).
CREATE TABLE manager_pressure (
    manager_key    TEXT PRIMARY KEY,
    manager_name   TEXT NOT NULL,
    folded_name    TEXT NOT NULL,
    club_key       TEXT,
    club_name      TEXT,
    league         TEXT,
    rank_key       REAL NOT NULL,
    last_story_id  INTEGER,
    last_seen_at   TEXT NOT NULL,
    finding_count  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX manager_pressure_rank ON manager_pressure (rank_key DESC);
CREATE INDEX manager_pressure_league ON manager_pressure (league, rank_key DESC);
CREATE INDEX manager_pressure_name ON manager_pressure (folded_name);

-- Per manager and UTC day: the weight published that day, decayed to the day's start, and the day's
-- highest level. History charts and "7 days ago" read a few of these rows instead of every finding.
CREATE TABLE pressure_days (
    manager_key  TEXT NOT NULL,
    day          TEXT NOT NULL,
    amount       REAL NOT NULL,
    level        INTEGER NOT NULL,
    PRIMARY KEY (manager_key, day)
) WITHOUT ROWID;

-- Football: competitions, seasons' matches, points adjustments, official standings.
CREATE TABLE competitions (
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    country  TEXT NOT NULL
);

CREATE TABLE matches (
    id            INTEGER PRIMARY KEY,
    competition   TEXT NOT NULL REFERENCES competitions (code),
    season        TEXT NOT NULL,
    round         TEXT,
    match_date    TEXT NOT NULL,
    kickoff       TEXT,
    home_team     TEXT NOT NULL,
    away_team     TEXT NOT NULL,
    home_goals    INTEGER,
    away_goals    INTEGER,
    status        TEXT NOT NULL DEFAULT 'scheduled',
    source        TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (competition, season, home_team, away_team)
);
CREATE INDEX matches_by_date ON matches (competition, season, match_date);

CREATE TABLE point_adjustments (
    id           INTEGER PRIMARY KEY,
    competition  TEXT NOT NULL,
    season       TEXT NOT NULL,
    team         TEXT NOT NULL,
    points       INTEGER NOT NULL,
    effective_on TEXT NOT NULL,
    reason       TEXT NOT NULL,
    UNIQUE (competition, season, team, effective_on, points)
);

CREATE TABLE official_standings (
    competition  TEXT NOT NULL,
    season       TEXT NOT NULL,
    as_of        TEXT NOT NULL,
    team         TEXT NOT NULL,
    position     INTEGER NOT NULL,
    played       INTEGER NOT NULL,
    points       INTEGER NOT NULL,
    PRIMARY KEY (competition, season, as_of, team)
);

-- Servers: digest schedule, alerts, and any problem admins must see.
-- last_digest_at: end of the window of the last DELIVERED digest (the next digest starts there);
-- last_slot_at: the latest scheduled slot already handled (posted, nothing new, or failed for good),
-- so a restart after downtime catches up once; alerts_after_seq: the alert cursor.
CREATE TABLE guilds (
    guild_id               INTEGER PRIMARY KEY,
    digest_channel_id      INTEGER,
    digest_time            TEXT,
    timezone               TEXT NOT NULL,
    min_level              INTEGER NOT NULL DEFAULT 1,
    leagues                TEXT NOT NULL DEFAULT '[]',
    digest_enabled         INTEGER NOT NULL DEFAULT 0,
    last_digest_at         TEXT,
    last_slot_at           TEXT,
    last_empty_at          TEXT,
    alerts_channel_id      INTEGER,
    alerts_level           INTEGER,
    alerts_after_seq  INTEGER NOT NULL DEFAULT 0,
    problem                TEXT,
    problem_at             TEXT,
    updated_at             TEXT NOT NULL
);
CREATE INDEX guilds_digest ON guilds (digest_enabled, digest_time);

-- Deliveries: a digest or alert is recorded 'pending' before it is posted and 'posted' after, so
-- posting is idempotent; since_at/until_at keep a digest's window so a pending one can be rebuilt.
CREATE TABLE deliveries (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('digest', 'alert')),
    key         TEXT NOT NULL,
    channel_id  INTEGER NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('pending', 'posted', 'failed')),
    message_id  INTEGER,
    error       TEXT,
    since_at    TEXT,
    until_at    TEXT,
    created_at  TEXT NOT NULL,
    posted_at   TEXT,
    UNIQUE (guild_id, kind, key)
);
CREATE INDEX deliveries_state ON deliveries (state) WHERE state = 'pending';

-- Version 12: servers steer the bundled feeds, and a failing post is retried a bounded number of times.
--
-- A server switches bundled feeds off for itself by language (guild_feed_languages: a row means that
-- language's bundled feeds are off there) or one by one (guild_feed_choices: a row overrides the
-- language rule for one feed, on or off). Other servers keep every feed; polling is unchanged.
-- `feeds.disabled_at` says since when a feed has been disabled (after repeated failures, or a
-- permanent refusal), so /feeds list can tell admins.
--
-- deliveries: `attempts` counts failed posts of a delivery and `retry_at` is when a transient failure
-- may be tried again (NULL: at once, or never for a delivery given up on; see bot/digest/delivery.py).
CREATE TABLE guild_feed_languages (
    guild_id    INTEGER NOT NULL,
    language    TEXT NOT NULL,
    changed_by  INTEGER,
    changed_at  TEXT NOT NULL,
    PRIMARY KEY (guild_id, language)
);

CREATE TABLE guild_feed_choices (
    guild_id    INTEGER NOT NULL,
    feed_id     INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    enabled     INTEGER NOT NULL,
    changed_by  INTEGER,
    changed_at  TEXT NOT NULL,
    PRIMARY KEY (guild_id, feed_id)
);

ALTER TABLE feeds ADD COLUMN disabled_at TEXT;

ALTER TABLE deliveries ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN retry_at TEXT;
-- Feeds disabled before this version: the poll that disabled them is the best date we have.
UPDATE feeds SET disabled_at = last_polled_at WHERE disabled_reason IS NOT NULL;

-- Version 6: follows. A server follows a club, a manager or a league; matching stories at or above
-- `min_level` are announced in `channel_id` (NULL: the server's alerts channel), pinging `role_id` if
-- set. One follow per (server, kind, target): following again replaces it. `guild_id` is what
-- storage/departures.py clears when the bot leaves the server.
CREATE TABLE follows (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('club', 'manager', 'league')),
    target      TEXT NOT NULL,
    label       TEXT NOT NULL,
    role_id     INTEGER,
    min_level   INTEGER NOT NULL DEFAULT 2 CHECK (min_level BETWEEN 1 AND 3),
    channel_id  INTEGER,
    created_at  TEXT NOT NULL,
    UNIQUE (guild_id, kind, target)
);

-- Version 7: a small key/value table for the Discord front end: the synced command tree's hash per
-- target and the servers that removed the bot (key 'left:<guild id>', value when), so both survive a
-- restart. IF NOT EXISTS: stores from before this migration may have created it on first use.
CREATE TABLE IF NOT EXISTS bot_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);

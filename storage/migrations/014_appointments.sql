-- Version 14: appointments read in the news (bot/rumours/appointing.py). One row per appointment of a
-- person to a club in one role ('manager' or 'interim'), confirmed like a sacking: `status` 'reported'
-- until the club's statement or a second independent outlet within the window makes it 'confirmed'
-- (then the tenure opens, source 'news:YYYY-MM-DD'); a report nobody confirms within seven days is
-- 'withdrawn'. `outlets` are the independent outlets that reported it, `signatures` the texts counted
-- (a syndicated copy counts once). An interim is named at a sacking: `story_id` is that story, and he
-- becomes the club's interim coach once the sacking is confirmed. Shared feeds only (scope 0).
CREATE TABLE appointments (
    id             INTEGER PRIMARY KEY,
    person_key     TEXT NOT NULL,
    person_name    TEXT NOT NULL,
    club_key       TEXT NOT NULL,
    club_name      TEXT NOT NULL,
    role           TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'reported',
    first_seen_at  TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL,
    outlets        TEXT NOT NULL DEFAULT '[]',
    signatures     TEXT NOT NULL DEFAULT '[]',
    story_id       INTEGER,
    opened_on      TEXT
);
CREATE INDEX appointments_person ON appointments (person_key, club_key, role, last_seen_at);
CREATE INDEX appointments_story ON appointments (story_id) WHERE story_id IS NOT NULL;
CREATE INDEX appointments_reported ON appointments (status, first_seen_at);

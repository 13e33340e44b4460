-- Version 11: live coaches from football-data.org.
-- People Hotseat learned at run time (a coach the live data names and the bundle lacks) say so, and a
-- bundle sync keeps them; 'bundled' for every row the packaged data wrote.
ALTER TABLE people ADD COLUMN source TEXT NOT NULL DEFAULT 'bundled';
-- The last refresh of each competition's matches and coaches: when it last worked, and why the latest
-- attempt failed (NULL once one works again). /about shows the failures; the data itself is untouched.
CREATE TABLE refresh_status (
    competition   TEXT NOT NULL,
    part          TEXT NOT NULL CHECK (part IN ('matches', 'coaches')),
    refreshed_at  TEXT,
    problem       TEXT,
    problem_args  TEXT,
    problem_at    TEXT,
    PRIMARY KEY (competition, part)
);

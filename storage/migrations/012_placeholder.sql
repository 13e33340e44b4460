-- Placeholder for version 12, which another branch adds (the appoint branch uses 14). Delete this file
-- when merging: the other branch's 012 takes its place.
SELECT 1;

-- Placeholder for version 13, which another branch adds (the appoint branch uses 14). Delete this file
-- when merging: the other branch's 013 takes its place.
SELECT 1;

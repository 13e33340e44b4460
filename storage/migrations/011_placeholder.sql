-- Placeholder for version 11, which another branch adds (the appoint branch uses 14). Delete this file
-- when merging: the other branch's 011 takes its place.
SELECT 1;

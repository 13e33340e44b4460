-- Placeholder for version 11, which another branch adds (the feeds branch uses 12). Delete this file
-- when merging: the other branch's 011 takes its place.
SELECT 1;

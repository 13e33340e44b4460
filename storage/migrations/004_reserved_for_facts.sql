-- Placeholder so this branch's migrations stay numbered 1..N: the `facts` branch owns version 4
-- (004_registry_sources.sql). Delete this file when both branches are merged.
SELECT 1;

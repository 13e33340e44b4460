-- Mirror of ../013_placeholder.sql: delete when merging.
SELECT 1;

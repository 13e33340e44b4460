-- Mirror of ../011_placeholder.sql: delete when merging.
SELECT 1;

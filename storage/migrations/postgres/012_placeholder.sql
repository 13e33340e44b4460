-- Mirror of ../012_placeholder.sql: delete when merging.
SELECT 1;

-- Mirror of ../011_placeholder.sql: delete when merging (another branch adds version 11).
SELECT 1;

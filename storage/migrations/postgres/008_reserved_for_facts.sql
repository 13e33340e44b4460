-- Mirror of ../008_reserved_for_facts.sql: intentionally empty.
SELECT 1;

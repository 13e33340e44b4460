-- Mirror of ../004_reserved_for_facts.sql: intentionally empty.
SELECT 1;

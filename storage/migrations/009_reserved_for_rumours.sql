-- Version 9: held for the `rumours` branch (its migration replaces this file when both are merged,
-- before any release). Migrations must be numbered without gaps, and `cluster`'s 010 needs 9 to exist.
SELECT 1;

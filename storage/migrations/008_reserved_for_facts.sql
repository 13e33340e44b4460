-- Version 8: held for the `facts` branch (its migration replaces this file when both are merged, before
-- any release). Migrations must be numbered without gaps, and `cluster`'s 010 needs 8 and 9 to exist.
SELECT 1;

-- Version 4: intentionally empty. It was held for the `facts` branch, which was not merged; stores
-- already at a later version never run a version 4 again, so that branch's migration must land as the
-- next free number instead of replacing this file.
SELECT 1;

-- Version 8: every tenure says where it came from, so a correction can outrank a guess and /manager can
-- say so: 'bundled' (the packaged data), 'football-data.org', 'news:YYYY-MM-DD' (a confirmed appointment
-- read on that day) or 'admin' (`hotseat registry set-coach`). Rows from older stores were all bundled,
-- including those a sacking ended (their `ended_by` stays as it was).
ALTER TABLE tenures ADD COLUMN source TEXT NOT NULL DEFAULT 'bundled';

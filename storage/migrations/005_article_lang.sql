-- The language an article's feed declared for it (a primary code: "es", "de"), or the curated language
-- of a bundled feed; NULL when nothing was declared, and analysis then detects it from the text.
-- `language` stays the feed's display label (it falls back to 'en', so it cannot say "unknown").
ALTER TABLE articles ADD COLUMN lang TEXT;

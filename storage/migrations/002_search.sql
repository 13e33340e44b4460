-- Accent-insensitive search over article headlines, for /manager and the registry's fuzzy fallbacks.
CREATE VIRTUAL TABLE article_search USING fts5 (
    title,
    content = 'articles',
    content_rowid = 'id',
    tokenize = "unicode61 remove_diacritics 2"
);
CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
    INSERT INTO article_search (rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
    INSERT INTO article_search (article_search, rowid, title) VALUES ('delete', old.id, old.title);
END;
CREATE TRIGGER articles_search_update AFTER UPDATE OF title ON articles BEGIN
    INSERT INTO article_search (article_search, rowid, title) VALUES ('delete', old.id, old.title);
    INSERT INTO article_search (rowid, title) VALUES (new.id, new.title);
END;
-- Index the headlines stored before this migration ran.
INSERT INTO article_search (article_search) VALUES ('rebuild');

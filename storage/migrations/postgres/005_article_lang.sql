-- PostgreSQL mirror of ../005_article_lang.sql.
ALTER TABLE articles ADD COLUMN lang TEXT;

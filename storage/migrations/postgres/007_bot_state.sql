-- PostgreSQL mirror of ../007_bot_state.sql.
CREATE TABLE IF NOT EXISTS bot_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);

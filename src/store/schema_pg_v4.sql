-- relctl store on PostgreSQL, version 4: schema_v4.sql in PostgreSQL's types.
-- Whether a release's range in a repository started where the user named it.
ALTER TABLE release_head_commit ADD COLUMN named_start BIGINT NOT NULL DEFAULT 0;

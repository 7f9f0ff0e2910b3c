-- relctl store, version 4: whether a release's range in a repository started where the user
-- named (`--commit REPO@PREV..REV`, a ref's previousCommit) rather than by the --auto rule.
-- A release bound by the rule gives its commits up to an earlier release that binds later
-- (pipelines finishing out of order); a range the user named is kept as named.
ALTER TABLE release_head_commit ADD COLUMN named_start INTEGER NOT NULL DEFAULT 0;

-- relctl store on PostgreSQL, version 5 (PostgreSQL's own; SQLite stays at version 4).
-- A commit's organization and repository, and a file change's commit, are plain ids, as in
-- Sentry's schema (Commit.organization_id and repository_id, CommitFileChange.commit_id):
-- each of these foreign keys cost a check per row, a quarter of the server's time when a
-- release binds 1,000 new commits. Nothing relctl does deletes a commit, a repository or an
-- organization that has commits (a store copy clears an empty store's default organization
-- only), so no row can lose what it names. Kept: a commit's author, and a release's commits
-- and head commits (Sentry keeps them too). SQLite keeps all of them: its checks are index
-- lookups in the same process, and dropping one there means rebuilding the table.
-- Dropping a foreign key locks both its tables whole: taken first, in the order a writer of
-- an older relctl meets them (the organization, then the commits), so the two never deadlock.
LOCK TABLE organization, repository, git_commit, commit_file_change IN ACCESS EXCLUSIVE MODE;
ALTER TABLE git_commit DROP CONSTRAINT IF EXISTS git_commit_organization_id_fkey;
ALTER TABLE git_commit DROP CONSTRAINT IF EXISTS git_commit_repository_id_fkey;
ALTER TABLE commit_file_change DROP CONSTRAINT IF EXISTS commit_file_change_commit_id_fkey;

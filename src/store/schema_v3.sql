-- relctl store, version 3: tokens act in one organization, and the release pages' sessions.
-- A token made from now on is bound to the organization it was created in (organization_id), or
-- made for all of them (all_organizations = 1). Tokens made before have neither: unbound, they
-- keep working everywhere, as they did, and `token list` says so.
ALTER TABLE api_token ADD COLUMN organization_id INTEGER REFERENCES organization(id) ON DELETE CASCADE;
ALTER TABLE api_token ADD COLUMN all_organizations INTEGER NOT NULL DEFAULT 0;

-- A person logged into the release pages: the cookie holds a random id, whose SHA-256 alone is
-- kept; the session ends at expires_at, at logout, and with its token.
CREATE TABLE page_session (
    id            INTEGER PRIMARY KEY,
    session_hash  TEXT NOT NULL UNIQUE,
    token_id      INTEGER NOT NULL REFERENCES api_token(id) ON DELETE CASCADE,
    date_created  TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX page_session_token ON page_session (token_id);

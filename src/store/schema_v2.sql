-- relctl store, version 2: API bearer tokens for `relctl serve` (cli.md, `token`).
-- Only the hex SHA-256 of a token's secret is kept; the secret itself is shown once, at creation.
-- scopes holds a JSON array of Sentry scope names.

CREATE TABLE api_token (
    id            INTEGER PRIMARY KEY,
    name          TEXT,
    token_hash    TEXT NOT NULL UNIQUE,
    scopes        TEXT NOT NULL,
    date_created  TEXT NOT NULL,
    last_used     TEXT
);

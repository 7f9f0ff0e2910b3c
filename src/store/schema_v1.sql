-- relctl store, version 1: the tables of server-flow.md section 0.3 that the local flow needs.
-- Instants are RFC 3339 UTC text (see src/time.rs). JSON columns hold JSON text.

CREATE TABLE organization (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    status      INTEGER NOT NULL DEFAULT 0,
    date_added  TEXT NOT NULL
);

CREATE TABLE organization_option (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    key             TEXT NOT NULL,
    value           TEXT NOT NULL,
    UNIQUE (organization_id, key)
);

CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    event           TEXT NOT NULL,
    data            TEXT NOT NULL,
    date_added      TEXT NOT NULL
);
CREATE INDEX audit_log_org_date ON audit_log (organization_id, date_added);

-- id is a snowflake id (server-flow.md section 5).
CREATE TABLE project (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    slug            TEXT NOT NULL,
    name            TEXT NOT NULL,
    platform        TEXT,
    status          INTEGER NOT NULL DEFAULT 0,
    flags           INTEGER NOT NULL DEFAULT 0,
    last_short_id   INTEGER NOT NULL DEFAULT 0,
    date_added      TEXT NOT NULL
);
-- Slugs are unique case-insensitively within an organization (Sentry checks slug__iexact).
CREATE UNIQUE INDEX project_org_slug ON project (organization_id, slug COLLATE NOCASE);

-- Notification settings have no foreign key in Sentry either: project delete removes them by hand.
CREATE TABLE notification_setting_option (
    id               INTEGER PRIMARY KEY,
    scope_type       TEXT NOT NULL,
    scope_identifier INTEGER NOT NULL,
    type             TEXT NOT NULL,
    value            TEXT NOT NULL
);
CREATE INDEX notification_setting_option_scope ON notification_setting_option (scope_type, scope_identifier);

CREATE TABLE notification_setting_provider (
    id               INTEGER PRIMARY KEY,
    scope_type       TEXT NOT NULL,
    scope_identifier INTEGER NOT NULL,
    provider         TEXT NOT NULL,
    type             TEXT NOT NULL,
    value            TEXT NOT NULL
);
CREATE INDEX notification_setting_provider_scope ON notification_setting_provider (scope_type, scope_identifier);

CREATE TABLE outbox (
    id                INTEGER PRIMARY KEY,
    shard_scope       INTEGER NOT NULL,
    shard_identifier  INTEGER NOT NULL,
    category          INTEGER NOT NULL,
    object_identifier INTEGER NOT NULL,
    date_added        TEXT NOT NULL
);

CREATE TABLE repository (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    status          INTEGER NOT NULL DEFAULT 0,
    date_added      TEXT NOT NULL
);
CREATE INDEX repository_org_name ON repository (organization_id, name);

CREATE TABLE commit_author (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    name            TEXT,
    email           TEXT NOT NULL,
    external_id     TEXT,
    UNIQUE (organization_id, email)
);

CREATE TABLE git_commit (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    repository_id   INTEGER NOT NULL REFERENCES repository(id) ON DELETE CASCADE,
    key             TEXT NOT NULL,
    date_added      TEXT NOT NULL,
    author_id       INTEGER REFERENCES commit_author(id) ON DELETE SET NULL,
    message         TEXT,
    UNIQUE (repository_id, key)
);

CREATE TABLE commit_file_change (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL,
    commit_id       INTEGER NOT NULL REFERENCES git_commit(id) ON DELETE CASCADE,
    filename        TEXT NOT NULL,
    type            TEXT NOT NULL CHECK (type IN ('A', 'M', 'D')),
    UNIQUE (commit_id, filename)
);

CREATE TABLE release (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    version         TEXT NOT NULL,
    status          INTEGER NOT NULL DEFAULT 0,
    ref             TEXT,
    url             TEXT,
    date_added      TEXT NOT NULL,
    date_released   TEXT,
    data            TEXT NOT NULL DEFAULT '{}',
    commit_count    INTEGER NOT NULL DEFAULT 0,
    last_commit_id  INTEGER REFERENCES git_commit(id) ON DELETE SET NULL,
    authors         TEXT NOT NULL DEFAULT '[]',
    total_deploys   INTEGER NOT NULL DEFAULT 0,
    last_deploy_id  INTEGER,
    user_agent      TEXT,
    UNIQUE (organization_id, version)
);

CREATE TABLE release_project (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    release_id INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,
    new_groups INTEGER NOT NULL DEFAULT 0,
    UNIQUE (project_id, release_id)
);
CREATE INDEX release_project_release ON release_project (release_id);

CREATE TABLE release_commit (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL,
    project_id      INTEGER,
    release_id      INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,
    commit_id       INTEGER NOT NULL REFERENCES git_commit(id) ON DELETE CASCADE,
    "order"         INTEGER NOT NULL,
    UNIQUE (release_id, commit_id),
    UNIQUE (release_id, "order")
);
CREATE INDEX release_commit_commit ON release_commit (commit_id);

CREATE TABLE release_head_commit (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL,
    repository_id   INTEGER NOT NULL REFERENCES repository(id) ON DELETE CASCADE,
    release_id      INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,
    commit_id       INTEGER NOT NULL REFERENCES git_commit(id) ON DELETE CASCADE,
    UNIQUE (repository_id, release_id)
);
CREATE INDEX release_head_commit_release ON release_head_commit (release_id);

-- Issues ("groups" in Sentry).
CREATE TABLE issue_group (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    short_id    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    status      INTEGER NOT NULL DEFAULT 0,
    substatus   INTEGER,
    resolved_at TEXT,
    first_seen  TEXT NOT NULL,
    UNIQUE (project_id, short_id)
);

CREATE TABLE group_inbox (
    id              INTEGER PRIMARY KEY,
    group_id        INTEGER NOT NULL UNIQUE REFERENCES issue_group(id) ON DELETE CASCADE,
    project_id      INTEGER,
    organization_id INTEGER,
    reason          INTEGER NOT NULL DEFAULT 0,
    reason_details  TEXT,
    date_added      TEXT NOT NULL
);

CREATE TABLE group_link (
    id            INTEGER PRIMARY KEY,
    group_id      INTEGER NOT NULL REFERENCES issue_group(id) ON DELETE CASCADE,
    project_id    INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    linked_type   INTEGER NOT NULL,
    linked_id     INTEGER NOT NULL,
    relationship  INTEGER NOT NULL,
    data          TEXT NOT NULL DEFAULT '{}',
    datetime      TEXT NOT NULL,
    UNIQUE (group_id, linked_type, linked_id)
);
CREATE INDEX group_link_linked ON group_link (linked_type, linked_id);

CREATE TABLE group_resolution (
    id                      INTEGER PRIMARY KEY,
    group_id                INTEGER NOT NULL UNIQUE REFERENCES issue_group(id) ON DELETE CASCADE,
    release_id              INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,
    current_release_version TEXT,
    type                    INTEGER,
    actor_id                INTEGER,
    datetime                TEXT NOT NULL,
    status                  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX group_resolution_release ON group_resolution (release_id);

CREATE TABLE group_history (
    id                INTEGER PRIMARY KEY,
    organization_id   INTEGER NOT NULL,
    group_id          INTEGER NOT NULL REFERENCES issue_group(id) ON DELETE CASCADE,
    project_id        INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    release_id        INTEGER REFERENCES release(id) ON DELETE SET NULL,
    user_id           INTEGER,
    status            INTEGER NOT NULL,
    prev_history_id   INTEGER REFERENCES group_history(id) ON DELETE SET NULL,
    prev_history_date TEXT,
    date_added        TEXT NOT NULL
);
CREATE INDEX group_history_group ON group_history (group_id, date_added);

CREATE TABLE activity (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    group_id   INTEGER REFERENCES issue_group(id) ON DELETE CASCADE,
    type       INTEGER NOT NULL,
    ident      TEXT,
    user_id    INTEGER,
    datetime   TEXT NOT NULL,
    data       TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX activity_group ON activity (group_id);
CREATE INDEX activity_project ON activity (project_id);

CREATE TABLE environment (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    date_added      TEXT NOT NULL,
    UNIQUE (organization_id, name)
);

CREATE TABLE environment_project (
    id             INTEGER PRIMARY KEY,
    environment_id INTEGER NOT NULL REFERENCES environment(id) ON DELETE CASCADE,
    project_id     INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    UNIQUE (project_id, environment_id)
);

CREATE TABLE deploy (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL,
    release_id      INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,
    environment_id  INTEGER NOT NULL REFERENCES environment(id) ON DELETE CASCADE,
    name            TEXT,
    url             TEXT,
    date_started    TEXT,
    date_finished   TEXT NOT NULL
);
CREATE INDEX deploy_release ON deploy (release_id);

CREATE TABLE release_project_environment (
    id             INTEGER PRIMARY KEY,
    release_id     INTEGER NOT NULL REFERENCES release(id) ON DELETE CASCADE,
    project_id     INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    environment_id INTEGER NOT NULL REFERENCES environment(id) ON DELETE CASCADE,
    first_seen     TEXT NOT NULL,
    last_deploy_id INTEGER,
    UNIQUE (project_id, release_id, environment_id)
);

-- The per-second counter behind snowflake ids (Sentry keeps it in Redis: INCR + EXPIRE 300 s).
CREATE TABLE snowflake_sequence (
    second     INTEGER PRIMARY KEY,
    value      INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);


using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'relctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'relctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'relctl' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Server speaking Sentry''s releases API (env RELCTL_URL, SENTRY_URL). Give it before the subcommand: after `release new`/`finalize`, `--url` is the release''s URL')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('org', 'org', [CompletionResultType]::ParameterValue, 'Organizations and their options')
            [CompletionResult]::new('organizations', 'organizations', [CompletionResultType]::ParameterValue, 'Organizations and their options')
            [CompletionResult]::new('project', 'project', [CompletionResultType]::ParameterValue, 'Projects: create with a unique slug and a snowflake id, list, show, delete')
            [CompletionResult]::new('projects', 'projects', [CompletionResultType]::ParameterValue, 'Projects: create with a unique slug and a snowflake id, list, show, delete')
            [CompletionResult]::new('release', 'release', [CompletionResultType]::ParameterValue, 'Releases: create, bind commits, finalize, inspect')
            [CompletionResult]::new('releases', 'releases', [CompletionResultType]::ParameterValue, 'Releases: create, bind commits, finalize, inspect')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploys of a release')
            [CompletionResult]::new('deploys', 'deploys', [CompletionResultType]::ParameterValue, 'Deploys of a release')
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Issues and the inbox')
            [CompletionResult]::new('issues', 'issues', [CompletionResultType]::ParameterValue, 'Issues and the inbox')
            [CompletionResult]::new('repos', 'repos', [CompletionResultType]::ParameterValue, 'The repositories the target knows')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'The target, whether it takes the token, and its scopes (exit 6 if not)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'The resolved configuration')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve Sentry''s releases API over the local store, for CI runners and Sentry clients')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'API tokens for `relctl serve`')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'The store itself: copy a SQLite store into PostgreSQL')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;org' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an organization in the local store')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List organizations')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the organization (--org) and every option''s value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set an organization option by its API field name (e.g. scrapeJavaScript false), or its name or slug')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit log, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;organizations' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an organization in the local store')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List organizations')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the organization (--org) and every option''s value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set an organization option by its API field name (e.g. scrapeJavaScript false), or its name or slug')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit log, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;org;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name (default: the slug)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;organizations;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name (default: the slug)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;org;list' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;organizations;list' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;org;show' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;organizations;show' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;org;set' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;organizations;set' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;org;audit' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many entries')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;organizations;audit' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many entries')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;org;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an organization in the local store')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List organizations')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the organization (--org) and every option''s value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set an organization option by its API field name (e.g. scrapeJavaScript false), or its name or slug')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit log, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;org;help;create' {
            break
        }
        'relctl;org;help;list' {
            break
        }
        'relctl;org;help;show' {
            break
        }
        'relctl;org;help;set' {
            break
        }
        'relctl;org;help;audit' {
            break
        }
        'relctl;org;help;help' {
            break
        }
        'relctl;organizations;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an organization in the local store')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List organizations')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the organization (--org) and every option''s value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set an organization option by its API field name (e.g. scrapeJavaScript false), or its name or slug')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit log, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;organizations;help;create' {
            break
        }
        'relctl;organizations;help;list' {
            break
        }
        'relctl;organizations;help;show' {
            break
        }
        'relctl;organizations;help;set' {
            break
        }
        'relctl;organizations;help;audit' {
            break
        }
        'relctl;organizations;help;help' {
            break
        }
        'relctl;project' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a project; its slug comes from the name unless --slug is given')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the organization''s projects')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one project')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a project and everything that belongs to it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;projects' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a project; its slug comes from the name unless --slug is given')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the organization''s projects')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one project')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a project and everything that belongs to it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;project;create' {
            [CompletionResult]::new('--slug', '--slug', [CompletionResultType]::ParameterName, 'Use this slug instead of one made from the name')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'Platform, e.g. python or javascript')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;projects;create' {
            [CompletionResult]::new('--slug', '--slug', [CompletionResultType]::ParameterName, 'Use this slug instead of one made from the name')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'Platform, e.g. python or javascript')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;project;list' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;projects;list' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;project;show' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;projects;show' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;project;delete' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm the deletion')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;projects;delete' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm the deletion')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;project;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a project; its slug comes from the name unless --slug is given')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the organization''s projects')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one project')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a project and everything that belongs to it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;project;help;create' {
            break
        }
        'relctl;project;help;list' {
            break
        }
        'relctl;project;help;show' {
            break
        }
        'relctl;project;help;delete' {
            break
        }
        'relctl;project;help;help' {
            break
        }
        'relctl;projects;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a project; its slug comes from the name unless --slug is given')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the organization''s projects')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one project')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a project and everything that belongs to it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;projects;help;create' {
            break
        }
        'relctl;projects;help;list' {
            break
        }
        'relctl;projects;help;show' {
            break
        }
        'relctl;projects;help;delete' {
            break
        }
        'relctl;projects;help;help' {
            break
        }
        'relctl;release' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create a release (or load the existing one) and link it to projects')
            [CompletionResult]::new('set-commits', 'set-commits', [CompletionResultType]::ParameterValue, 'Bind commits read from the local git repository and resolve the issues they fix')
            [CompletionResult]::new('finalize', 'finalize', [CompletionResultType]::ParameterValue, 'Mark a release as released (dateReleased, default now)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a release')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List releases, newest first')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a release (a missing one is not an error unless --strict)')
            [CompletionResult]::new('archive', 'archive', [CompletionResultType]::ParameterValue, 'Archive a release')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore an archived release')
            [CompletionResult]::new('propose-version', 'propose-version', [CompletionResultType]::ParameterValue, 'Print a version name from CI environment variables, else the git HEAD sha')
            [CompletionResult]::new('deploys', 'deploys', [CompletionResultType]::ParameterValue, 'sentry-cli''s older form of `deploy`: `release deploys VERSION new|list`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;releases' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create a release (or load the existing one) and link it to projects')
            [CompletionResult]::new('set-commits', 'set-commits', [CompletionResultType]::ParameterValue, 'Bind commits read from the local git repository and resolve the issues they fix')
            [CompletionResult]::new('finalize', 'finalize', [CompletionResultType]::ParameterValue, 'Mark a release as released (dateReleased, default now)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a release')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List releases, newest first')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a release (a missing one is not an error unless --strict)')
            [CompletionResult]::new('archive', 'archive', [CompletionResultType]::ParameterValue, 'Archive a release')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore an archived release')
            [CompletionResult]::new('propose-version', 'propose-version', [CompletionResultType]::ParameterValue, 'Print a version name from CI environment variables, else the git HEAD sha')
            [CompletionResult]::new('deploys', 'deploys', [CompletionResultType]::ParameterValue, 'sentry-cli''s older form of `deploy`: `release deploys VERSION new|list`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;release;new' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project slug(s) to link (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project slug(s) to link (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The release''s URL')
            [CompletionResult]::new('--release-url', '--release-url', [CompletionResultType]::ParameterName, 'The release''s URL')
            [CompletionResult]::new('--ref', '--ref', [CompletionResultType]::ParameterName, 'A free-form reference (e.g. a tag or commit)')
            [CompletionResult]::new('--released', '--released', [CompletionResultType]::ParameterName, 'Mark the release as released at this time (unix seconds, RFC 3339 or RFC 2822)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('--finalize', '--finalize', [CompletionResultType]::ParameterName, 'Mark the release as released now')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;releases;new' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project slug(s) to link (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project slug(s) to link (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The release''s URL')
            [CompletionResult]::new('--release-url', '--release-url', [CompletionResultType]::ParameterName, 'The release''s URL')
            [CompletionResult]::new('--ref', '--ref', [CompletionResultType]::ParameterName, 'A free-form reference (e.g. a tag or commit)')
            [CompletionResult]::new('--released', '--released', [CompletionResultType]::ParameterName, 'Mark the release as released at this time (unix seconds, RFC 3339 or RFC 2822)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('--finalize', '--finalize', [CompletionResultType]::ParameterName, 'Mark the release as released now')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;release;set-commits' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'A range REPO@[PREV..]REV resolved in the local repository (repeatable); REPO is the repository name to bind to. Without PREV.. it starts where --auto would')
            [CompletionResult]::new('--commit', '--commit', [CompletionResultType]::ParameterName, 'A range REPO@[PREV..]REV resolved in the local repository (repeatable); REPO is the repository name to bind to. Without PREV.. it starts where --auto would')
            [CompletionResult]::new('--initial-depth', '--initial-depth', [CompletionResultType]::ParameterName, 'Commits to take when there is no previous release (or with --ignore-missing)')
            [CompletionResult]::new('--max-commits', '--max-commits', [CompletionResultType]::ParameterName, 'Keep only the newest N commits of the range (says so on stderr)')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Keep only commits touching these paths (files or directories; repeatable)')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The git repository (default: the one containing the current directory, or GIT_DIR)')
            [CompletionResult]::new('--repo-name', '--repo-name', [CompletionResultType]::ParameterName, 'Repository name to record (default: owner/repo from the remote URL, else the directory name)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project(s) to create or link the release with first (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project(s) to create or link the release with first (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('--auto', '--auto', [CompletionResultType]::ParameterName, 'Commits from HEAD back to where the previous release''s commits ended (the default)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Same as --auto: relctl always reads the local repository')
            [CompletionResult]::new('--clear', '--clear', [CompletionResultType]::ParameterName, 'Remove every commit from the release')
            [CompletionResult]::new('--ignore-missing', '--ignore-missing', [CompletionResultType]::ParameterName, 'When the previous release''s commit is not in the history, fall back to --initial-depth')
            [CompletionResult]::new('--append', '--append', [CompletionResultType]::ParameterName, 'Add to the release''s commits instead of replacing them (local store only: Sentry''s API always replaces)')
            [CompletionResult]::new('--refs', '--refs', [CompletionResultType]::ParameterName, 'Let the server read the commits from its copy of the repository (refs), always (it does so by itself in a shallow clone missing the earlier releases'' heads)')
            [CompletionResult]::new('--no-refs', '--no-refs', [CompletionResultType]::ParameterName, 'Never send refs: read the commits here, or fail')
            [CompletionResult]::new('--ignore-empty', '--ignore-empty', [CompletionResultType]::ParameterName, 'sentry-cli''s: an empty range is not an error (it never is here); leaves out the note saying the range was empty')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;releases;set-commits' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'A range REPO@[PREV..]REV resolved in the local repository (repeatable); REPO is the repository name to bind to. Without PREV.. it starts where --auto would')
            [CompletionResult]::new('--commit', '--commit', [CompletionResultType]::ParameterName, 'A range REPO@[PREV..]REV resolved in the local repository (repeatable); REPO is the repository name to bind to. Without PREV.. it starts where --auto would')
            [CompletionResult]::new('--initial-depth', '--initial-depth', [CompletionResultType]::ParameterName, 'Commits to take when there is no previous release (or with --ignore-missing)')
            [CompletionResult]::new('--max-commits', '--max-commits', [CompletionResultType]::ParameterName, 'Keep only the newest N commits of the range (says so on stderr)')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Keep only commits touching these paths (files or directories; repeatable)')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The git repository (default: the one containing the current directory, or GIT_DIR)')
            [CompletionResult]::new('--repo-name', '--repo-name', [CompletionResultType]::ParameterName, 'Repository name to record (default: owner/repo from the remote URL, else the directory name)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project(s) to create or link the release with first (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project(s) to create or link the release with first (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('--auto', '--auto', [CompletionResultType]::ParameterName, 'Commits from HEAD back to where the previous release''s commits ended (the default)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Same as --auto: relctl always reads the local repository')
            [CompletionResult]::new('--clear', '--clear', [CompletionResultType]::ParameterName, 'Remove every commit from the release')
            [CompletionResult]::new('--ignore-missing', '--ignore-missing', [CompletionResultType]::ParameterName, 'When the previous release''s commit is not in the history, fall back to --initial-depth')
            [CompletionResult]::new('--append', '--append', [CompletionResultType]::ParameterName, 'Add to the release''s commits instead of replacing them (local store only: Sentry''s API always replaces)')
            [CompletionResult]::new('--refs', '--refs', [CompletionResultType]::ParameterName, 'Let the server read the commits from its copy of the repository (refs), always (it does so by itself in a shallow clone missing the earlier releases'' heads)')
            [CompletionResult]::new('--no-refs', '--no-refs', [CompletionResultType]::ParameterName, 'Never send refs: read the commits here, or fail')
            [CompletionResult]::new('--ignore-empty', '--ignore-empty', [CompletionResultType]::ParameterName, 'sentry-cli''s: an empty range is not an error (it never is here); leaves out the note saying the range was empty')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;release;finalize' {
            [CompletionResult]::new('--released', '--released', [CompletionResultType]::ParameterName, 'When it was released: unix seconds, RFC 3339 or RFC 2822 (default now)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The release''s URL')
            [CompletionResult]::new('--release-url', '--release-url', [CompletionResultType]::ParameterName, 'The release''s URL')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;releases;finalize' {
            [CompletionResult]::new('--released', '--released', [CompletionResultType]::ParameterName, 'When it was released: unix seconds, RFC 3339 or RFC 2822 (default now)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The release''s URL')
            [CompletionResult]::new('--release-url', '--release-url', [CompletionResultType]::ParameterName, 'The release''s URL')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;release;info' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('--commits', '--commits', [CompletionResultType]::ParameterName, 'Add the release''s commits with their files')
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'sentry-cli''s: the release''s projects (always shown)')
            [CompletionResult]::new('--show-projects', '--show-projects', [CompletionResultType]::ParameterName, 'sentry-cli''s: the release''s projects (always shown)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;releases;info' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('--commits', '--commits', [CompletionResultType]::ParameterName, 'Add the release''s commits with their files')
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'sentry-cli''s: the release''s projects (always shown)')
            [CompletionResult]::new('--show-projects', '--show-projects', [CompletionResultType]::ParameterName, 'sentry-cli''s: the release''s projects (always shown)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;release;list' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only releases of these projects')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Only releases of these projects')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many releases')
            [CompletionResult]::new('-D', '-D ', [CompletionResultType]::ParameterName, 'sentry-cli''s: what joins the versions of --raw')
            [CompletionResult]::new('--delimiter', '--delimiter', [CompletionResultType]::ParameterName, 'sentry-cli''s: what joins the versions of --raw')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'sentry-cli''s: the versions only, one per line (or joined by --delimiter)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'sentry-cli''s: the versions only, one per line (or joined by --delimiter)')
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'sentry-cli''s: the PROJECTS column (always shown)')
            [CompletionResult]::new('--show-projects', '--show-projects', [CompletionResultType]::ParameterName, 'sentry-cli''s: the PROJECTS column (always shown)')
            [CompletionResult]::new('--show-commits', '--show-commits', [CompletionResultType]::ParameterName, 'The COMMITS column (always shown)')
            [CompletionResult]::new('--no-abbrev', '--no-abbrev', [CompletionResultType]::ParameterName, 'sentry-cli''s legacy flag, without effect there too')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;releases;list' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only releases of these projects')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Only releases of these projects')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many releases')
            [CompletionResult]::new('-D', '-D ', [CompletionResultType]::ParameterName, 'sentry-cli''s: what joins the versions of --raw')
            [CompletionResult]::new('--delimiter', '--delimiter', [CompletionResultType]::ParameterName, 'sentry-cli''s: what joins the versions of --raw')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'sentry-cli''s: the versions only, one per line (or joined by --delimiter)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'sentry-cli''s: the versions only, one per line (or joined by --delimiter)')
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'sentry-cli''s: the PROJECTS column (always shown)')
            [CompletionResult]::new('--show-projects', '--show-projects', [CompletionResultType]::ParameterName, 'sentry-cli''s: the PROJECTS column (always shown)')
            [CompletionResult]::new('--show-commits', '--show-commits', [CompletionResultType]::ParameterName, 'The COMMITS column (always shown)')
            [CompletionResult]::new('--no-abbrev', '--no-abbrev', [CompletionResultType]::ParameterName, 'sentry-cli''s legacy flag, without effect there too')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;release;delete' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 3 when the release does not exist')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;releases;delete' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 3 when the release does not exist')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;release;archive' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;releases;archive' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;release;restore' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;releases;restore' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;release;propose-version' {
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'Directory of the git repository to read HEAD from (default: the current one)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;releases;propose-version' {
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'Directory of the git repository to read HEAD from (default: the current one)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;release;deploys' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Record a deploy of the release to an environment (relctl deploy new -r VERSION)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the deploys of the release, newest first (relctl deploy list -r VERSION)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;release;deploys;new' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment, e.g. production')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment, e.g. production')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the deploy')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the deploy')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'URL of the deploy')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'URL of the deploy')
            [CompletionResult]::new('--deploy-url', '--deploy-url', [CompletionResultType]::ParameterName, 'URL of the deploy')
            [CompletionResult]::new('--started', '--started', [CompletionResultType]::ParameterName, 'When it started (unix seconds, RFC 3339 or RFC 2822)')
            [CompletionResult]::new('--finished', '--finished', [CompletionResultType]::ParameterName, 'When it finished (default now)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'It took this many seconds and finished now (instead of --started/--finished)')
            [CompletionResult]::new('--time', '--time', [CompletionResultType]::ParameterName, 'It took this many seconds and finished now (instead of --started/--finished)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only these projects of the release (default: all of them)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Only these projects of the release (default: all of them)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;release;deploys;list' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;release;deploys;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Record a deploy of the release to an environment (relctl deploy new -r VERSION)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the deploys of the release, newest first (relctl deploy list -r VERSION)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;release;deploys;help;new' {
            break
        }
        'relctl;release;deploys;help;list' {
            break
        }
        'relctl;release;deploys;help;help' {
            break
        }
        'relctl;releases;deploys' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Record a deploy of the release to an environment (relctl deploy new -r VERSION)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the deploys of the release, newest first (relctl deploy list -r VERSION)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;releases;deploys;new' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment, e.g. production')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment, e.g. production')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the deploy')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the deploy')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'URL of the deploy')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'URL of the deploy')
            [CompletionResult]::new('--deploy-url', '--deploy-url', [CompletionResultType]::ParameterName, 'URL of the deploy')
            [CompletionResult]::new('--started', '--started', [CompletionResultType]::ParameterName, 'When it started (unix seconds, RFC 3339 or RFC 2822)')
            [CompletionResult]::new('--finished', '--finished', [CompletionResultType]::ParameterName, 'When it finished (default now)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'It took this many seconds and finished now (instead of --started/--finished)')
            [CompletionResult]::new('--time', '--time', [CompletionResultType]::ParameterName, 'It took this many seconds and finished now (instead of --started/--finished)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only these projects of the release (default: all of them)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Only these projects of the release (default: all of them)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;releases;deploys;list' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;releases;deploys;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Record a deploy of the release to an environment (relctl deploy new -r VERSION)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the deploys of the release, newest first (relctl deploy list -r VERSION)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;releases;deploys;help;new' {
            break
        }
        'relctl;releases;deploys;help;list' {
            break
        }
        'relctl;releases;deploys;help;help' {
            break
        }
        'relctl;release;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create a release (or load the existing one) and link it to projects')
            [CompletionResult]::new('set-commits', 'set-commits', [CompletionResultType]::ParameterValue, 'Bind commits read from the local git repository and resolve the issues they fix')
            [CompletionResult]::new('finalize', 'finalize', [CompletionResultType]::ParameterValue, 'Mark a release as released (dateReleased, default now)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a release')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List releases, newest first')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a release (a missing one is not an error unless --strict)')
            [CompletionResult]::new('archive', 'archive', [CompletionResultType]::ParameterValue, 'Archive a release')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore an archived release')
            [CompletionResult]::new('propose-version', 'propose-version', [CompletionResultType]::ParameterValue, 'Print a version name from CI environment variables, else the git HEAD sha')
            [CompletionResult]::new('deploys', 'deploys', [CompletionResultType]::ParameterValue, 'sentry-cli''s older form of `deploy`: `release deploys VERSION new|list`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;release;help;new' {
            break
        }
        'relctl;release;help;set-commits' {
            break
        }
        'relctl;release;help;finalize' {
            break
        }
        'relctl;release;help;info' {
            break
        }
        'relctl;release;help;list' {
            break
        }
        'relctl;release;help;delete' {
            break
        }
        'relctl;release;help;archive' {
            break
        }
        'relctl;release;help;restore' {
            break
        }
        'relctl;release;help;propose-version' {
            break
        }
        'relctl;release;help;deploys' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Record a deploy of the release to an environment (relctl deploy new -r VERSION)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the deploys of the release, newest first (relctl deploy list -r VERSION)')
            break
        }
        'relctl;release;help;deploys;new' {
            break
        }
        'relctl;release;help;deploys;list' {
            break
        }
        'relctl;release;help;help' {
            break
        }
        'relctl;releases;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create a release (or load the existing one) and link it to projects')
            [CompletionResult]::new('set-commits', 'set-commits', [CompletionResultType]::ParameterValue, 'Bind commits read from the local git repository and resolve the issues they fix')
            [CompletionResult]::new('finalize', 'finalize', [CompletionResultType]::ParameterValue, 'Mark a release as released (dateReleased, default now)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a release')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List releases, newest first')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a release (a missing one is not an error unless --strict)')
            [CompletionResult]::new('archive', 'archive', [CompletionResultType]::ParameterValue, 'Archive a release')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore an archived release')
            [CompletionResult]::new('propose-version', 'propose-version', [CompletionResultType]::ParameterValue, 'Print a version name from CI environment variables, else the git HEAD sha')
            [CompletionResult]::new('deploys', 'deploys', [CompletionResultType]::ParameterValue, 'sentry-cli''s older form of `deploy`: `release deploys VERSION new|list`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;releases;help;new' {
            break
        }
        'relctl;releases;help;set-commits' {
            break
        }
        'relctl;releases;help;finalize' {
            break
        }
        'relctl;releases;help;info' {
            break
        }
        'relctl;releases;help;list' {
            break
        }
        'relctl;releases;help;delete' {
            break
        }
        'relctl;releases;help;archive' {
            break
        }
        'relctl;releases;help;restore' {
            break
        }
        'relctl;releases;help;propose-version' {
            break
        }
        'relctl;releases;help;deploys' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Record a deploy of the release to an environment (relctl deploy new -r VERSION)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the deploys of the release, newest first (relctl deploy list -r VERSION)')
            break
        }
        'relctl;releases;help;deploys;new' {
            break
        }
        'relctl;releases;help;deploys;list' {
            break
        }
        'relctl;releases;help;help' {
            break
        }
        'relctl;deploy' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Record a deploy of a release to an environment')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the deploys of a release, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;deploys' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Record a deploy of a release to an environment')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the deploys of a release, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;deploy;new' {
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with ''-'')')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with ''-'')')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment, e.g. production')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment, e.g. production')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the deploy')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the deploy')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'URL of the deploy')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'URL of the deploy')
            [CompletionResult]::new('--deploy-url', '--deploy-url', [CompletionResultType]::ParameterName, 'URL of the deploy')
            [CompletionResult]::new('--started', '--started', [CompletionResultType]::ParameterName, 'When it started (unix seconds, RFC 3339 or RFC 2822)')
            [CompletionResult]::new('--finished', '--finished', [CompletionResultType]::ParameterName, 'When it finished (default now)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'It took this many seconds and finished now (instead of --started/--finished)')
            [CompletionResult]::new('--time', '--time', [CompletionResultType]::ParameterName, 'It took this many seconds and finished now (instead of --started/--finished)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only these projects of the release (default: all of them)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Only these projects of the release (default: all of them)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;deploys;new' {
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with ''-'')')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with ''-'')')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment, e.g. production')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment, e.g. production')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Name of the deploy')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the deploy')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'URL of the deploy')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'URL of the deploy')
            [CompletionResult]::new('--deploy-url', '--deploy-url', [CompletionResultType]::ParameterName, 'URL of the deploy')
            [CompletionResult]::new('--started', '--started', [CompletionResultType]::ParameterName, 'When it started (unix seconds, RFC 3339 or RFC 2822)')
            [CompletionResult]::new('--finished', '--finished', [CompletionResultType]::ParameterName, 'When it finished (default now)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'It took this many seconds and finished now (instead of --started/--finished)')
            [CompletionResult]::new('--time', '--time', [CompletionResultType]::ParameterName, 'It took this many seconds and finished now (instead of --started/--finished)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only these projects of the release (default: all of them)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Only these projects of the release (default: all of them)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;deploy;list' {
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with ''-'')')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with ''-'')')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;deploys;list' {
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with ''-'')')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with ''-'')')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;deploy;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Record a deploy of a release to an environment')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the deploys of a release, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;deploy;help;new' {
            break
        }
        'relctl;deploy;help;list' {
            break
        }
        'relctl;deploy;help;help' {
            break
        }
        'relctl;deploys;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Record a deploy of a release to an environment')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the deploys of a release, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;deploys;help;new' {
            break
        }
        'relctl;deploys;help;list' {
            break
        }
        'relctl;deploys;help;help' {
            break
        }
        'relctl;issue' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create an issue with the project''s next short id, in the inbox')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List issues, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an issue with its activity and history')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'Mark an issue reviewed: out of the inbox')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Resolve issues now (in no release): out of the inbox, with activity and history')
            [CompletionResult]::new('mute', 'mute', [CompletionResultType]::ParameterValue, 'Mute (ignore) issues until unmuted: out of the inbox, with activity and history')
            [CompletionResult]::new('unresolve', 'unresolve', [CompletionResultType]::ParameterValue, 'Unresolve issues (resolved or muted), with activity and history')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;issues' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create an issue with the project''s next short id, in the inbox')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List issues, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an issue with its activity and history')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'Mark an issue reviewed: out of the inbox')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Resolve issues now (in no release): out of the inbox, with activity and history')
            [CompletionResult]::new('mute', 'mute', [CompletionResultType]::ParameterValue, 'Mute (ignore) issues until unmuted: out of the inbox, with activity and history')
            [CompletionResult]::new('unresolve', 'unresolve', [CompletionResultType]::ParameterValue, 'Unresolve issues (resolved or muted), with activity and history')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;issue;new' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The project (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'The project (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;issues;new' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The project (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'The project (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;issue;list' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'p')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'project')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'status')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('--inbox', '--inbox', [CompletionResultType]::ParameterName, 'Only issues in the inbox')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;issues;list' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'p')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'project')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'status')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('--inbox', '--inbox', [CompletionResultType]::ParameterName, 'Only issues in the inbox')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;issue;show' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;issues;show' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;issue;review' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;issues;review' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;issue;resolve' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'sentry-cli: the issue with this numeric id (repeatable)')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'sentry-cli: the issue with this numeric id (repeatable)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'sentry-cli: every issue in this status (at most 1000)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'sentry-cli: every issue in this status (at most 1000)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'sentry-cli: every issue (at most 1000)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'sentry-cli: every issue (at most 1000)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;issues;resolve' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'sentry-cli: the issue with this numeric id (repeatable)')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'sentry-cli: the issue with this numeric id (repeatable)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'sentry-cli: every issue in this status (at most 1000)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'sentry-cli: every issue in this status (at most 1000)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'sentry-cli: every issue (at most 1000)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'sentry-cli: every issue (at most 1000)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;issue;mute' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'sentry-cli: the issue with this numeric id (repeatable)')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'sentry-cli: the issue with this numeric id (repeatable)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'sentry-cli: every issue in this status (at most 1000)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'sentry-cli: every issue in this status (at most 1000)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'sentry-cli: every issue (at most 1000)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'sentry-cli: every issue (at most 1000)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;issues;mute' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'sentry-cli: the issue with this numeric id (repeatable)')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'sentry-cli: the issue with this numeric id (repeatable)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'sentry-cli: every issue in this status (at most 1000)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'sentry-cli: every issue in this status (at most 1000)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'sentry-cli: every issue (at most 1000)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'sentry-cli: every issue (at most 1000)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;issue;unresolve' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'sentry-cli: the issue with this numeric id (repeatable)')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'sentry-cli: the issue with this numeric id (repeatable)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'sentry-cli: every issue in this status (at most 1000)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'sentry-cli: every issue in this status (at most 1000)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'sentry-cli: every issue (at most 1000)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'sentry-cli: every issue (at most 1000)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;issues;unresolve' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'sentry-cli: the issue with this numeric id (repeatable)')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'sentry-cli: the issue with this numeric id (repeatable)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'sentry-cli: every issue in this status (at most 1000)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'sentry-cli: every issue in this status (at most 1000)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'sentry-cli: every issue (at most 1000)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'sentry-cli: every issue (at most 1000)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;issue;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create an issue with the project''s next short id, in the inbox')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List issues, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an issue with its activity and history')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'Mark an issue reviewed: out of the inbox')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Resolve issues now (in no release): out of the inbox, with activity and history')
            [CompletionResult]::new('mute', 'mute', [CompletionResultType]::ParameterValue, 'Mute (ignore) issues until unmuted: out of the inbox, with activity and history')
            [CompletionResult]::new('unresolve', 'unresolve', [CompletionResultType]::ParameterValue, 'Unresolve issues (resolved or muted), with activity and history')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;issue;help;new' {
            break
        }
        'relctl;issue;help;list' {
            break
        }
        'relctl;issue;help;show' {
            break
        }
        'relctl;issue;help;review' {
            break
        }
        'relctl;issue;help;resolve' {
            break
        }
        'relctl;issue;help;mute' {
            break
        }
        'relctl;issue;help;unresolve' {
            break
        }
        'relctl;issue;help;help' {
            break
        }
        'relctl;issues;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create an issue with the project''s next short id, in the inbox')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List issues, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an issue with its activity and history')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'Mark an issue reviewed: out of the inbox')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Resolve issues now (in no release): out of the inbox, with activity and history')
            [CompletionResult]::new('mute', 'mute', [CompletionResultType]::ParameterValue, 'Mute (ignore) issues until unmuted: out of the inbox, with activity and history')
            [CompletionResult]::new('unresolve', 'unresolve', [CompletionResultType]::ParameterValue, 'Unresolve issues (resolved or muted), with activity and history')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;issues;help;new' {
            break
        }
        'relctl;issues;help;list' {
            break
        }
        'relctl;issues;help;show' {
            break
        }
        'relctl;issues;help;review' {
            break
        }
        'relctl;issues;help;resolve' {
            break
        }
        'relctl;issues;help;mute' {
            break
        }
        'relctl;issues;help;unresolve' {
            break
        }
        'relctl;issues;help;help' {
            break
        }
        'relctl;repos' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the repositories of the organization')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;repos;list' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;repos;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the repositories of the organization')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;repos;help;list' {
            break
        }
        'relctl;repos;help;help' {
            break
        }
        'relctl;info' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('--config-status-json', '--config-status-json', [CompletionResultType]::ParameterName, 'sentry-cli''s status document ({config, auth: {type, successful}, have_dsn}); exit 0 whether the token works or not')
            [CompletionResult]::new('--no-defaults', '--no-defaults', [CompletionResultType]::ParameterName, 'Leave out the default organization and project (sentry-cli''s: check the token only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;config' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every setting, its value and its source (tokens redacted)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;config;show' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every setting, its value and its source (tokens redacted)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;config;help;show' {
            break
        }
        'relctl;config;help;help' {
            break
        }
        'relctl;serve' {
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address to listen on (port 0 picks a free one; the address is printed) [default: 127.0.0.1:8765]')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'A local clone (usually a bare mirror) that `refs` in release updates are read from, as NAME=PATH with NAME the repository''s name (e.g. acme/backend); repeatable')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest request body accepted, in bytes (larger: 413) [default: 20971520]')
            [CompletionResult]::new('--pool-size', '--pool-size', [CompletionResultType]::ParameterName, 'Connections to a PostgreSQL store kept open at most (requests beyond wait for one); no effect on a SQLite store, whose writes take turns anyway [default: 16]')
            [CompletionResult]::new('--header-timeout', '--header-timeout', [CompletionResultType]::ParameterName, 'Seconds a client may take to send a request''s headers, counted from the connection (or from the first byte of its next request); slower connections are closed [default: 10]')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Client connections open at once at most; more are closed as they arrive [default: three quarters of the descriptor limit, at most 16384]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('--public-pages', '--public-pages', [CompletionResultType]::ParameterName, 'Open the release pages (/, /releases/VERSION, /issues) to anyone, without logging in with a token; the API still needs its tokens')
            [CompletionResult]::new('--metrics-public', '--metrics-public', [CompletionResultType]::ParameterName, 'Answer /metrics without a token (else it needs one with org:read); /healthz and /readyz never need one')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;token' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token; its secret is printed this once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens: id, name, organization, scopes, created, last used (never the secret)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token by id')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;token;create' {
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'Scopes, by Sentry''s names (repeatable or comma-separated; default project:releases, org:read), e.g. project:releases org:read project:admin event:write')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A name to recognise the token by (e.g. the CI system using it)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('--all-organizations', '--all-organizations', [CompletionResultType]::ParameterName, 'Let the token act in every organization of the store (an instance-wide token); without it, the token acts only in the organization in effect (-o, else the default)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;token;list' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;token;revoke' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;token;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token; its secret is printed this once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens: id, name, organization, scopes, created, last used (never the secret)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token by id')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;token;help;create' {
            break
        }
        'relctl;token;help;list' {
            break
        }
        'relctl;token;help;revoke' {
            break
        }
        'relctl;token;help;help' {
            break
        }
        'relctl;store' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Copy a SQLite store into PostgreSQL, ids and all, in one verified transaction')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;store;migrate' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The SQLite store to copy (only read)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The PostgreSQL database to copy into: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;store;help' {
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Copy a SQLite store into PostgreSQL, ids and all, in one verified transaction')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;store;help;migrate' {
            break
        }
        'relctl;store;help;help' {
            break
        }
        'relctl;completions' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)')
            [CompletionResult]::new('--auth-token', '--auth-token', [CompletionResultType]::ParameterName, 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (env RELCTL_FORMAT)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'sentry-cli''s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'sentry-cli''s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeatable)')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests a writing command would send (method, path, body) and send nothing')
            [CompletionResult]::new('--allow-failure', '--allow-failure', [CompletionResultType]::ParameterName, 'sentry-cli''s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'relctl;help' {
            [CompletionResult]::new('org', 'org', [CompletionResultType]::ParameterValue, 'Organizations and their options')
            [CompletionResult]::new('project', 'project', [CompletionResultType]::ParameterValue, 'Projects: create with a unique slug and a snowflake id, list, show, delete')
            [CompletionResult]::new('release', 'release', [CompletionResultType]::ParameterValue, 'Releases: create, bind commits, finalize, inspect')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploys of a release')
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Issues and the inbox')
            [CompletionResult]::new('repos', 'repos', [CompletionResultType]::ParameterValue, 'The repositories the target knows')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'The target, whether it takes the token, and its scopes (exit 6 if not)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'The resolved configuration')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve Sentry''s releases API over the local store, for CI runners and Sentry clients')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'API tokens for `relctl serve`')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'The store itself: copy a SQLite store into PostgreSQL')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'relctl;help;org' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an organization in the local store')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List organizations')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the organization (--org) and every option''s value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set an organization option by its API field name (e.g. scrapeJavaScript false), or its name or slug')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit log, newest first')
            break
        }
        'relctl;help;org;create' {
            break
        }
        'relctl;help;org;list' {
            break
        }
        'relctl;help;org;show' {
            break
        }
        'relctl;help;org;set' {
            break
        }
        'relctl;help;org;audit' {
            break
        }
        'relctl;help;project' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a project; its slug comes from the name unless --slug is given')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the organization''s projects')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one project')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a project and everything that belongs to it')
            break
        }
        'relctl;help;project;create' {
            break
        }
        'relctl;help;project;list' {
            break
        }
        'relctl;help;project;show' {
            break
        }
        'relctl;help;project;delete' {
            break
        }
        'relctl;help;release' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create a release (or load the existing one) and link it to projects')
            [CompletionResult]::new('set-commits', 'set-commits', [CompletionResultType]::ParameterValue, 'Bind commits read from the local git repository and resolve the issues they fix')
            [CompletionResult]::new('finalize', 'finalize', [CompletionResultType]::ParameterValue, 'Mark a release as released (dateReleased, default now)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a release')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List releases, newest first')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a release (a missing one is not an error unless --strict)')
            [CompletionResult]::new('archive', 'archive', [CompletionResultType]::ParameterValue, 'Archive a release')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Restore an archived release')
            [CompletionResult]::new('propose-version', 'propose-version', [CompletionResultType]::ParameterValue, 'Print a version name from CI environment variables, else the git HEAD sha')
            [CompletionResult]::new('deploys', 'deploys', [CompletionResultType]::ParameterValue, 'sentry-cli''s older form of `deploy`: `release deploys VERSION new|list`')
            break
        }
        'relctl;help;release;new' {
            break
        }
        'relctl;help;release;set-commits' {
            break
        }
        'relctl;help;release;finalize' {
            break
        }
        'relctl;help;release;info' {
            break
        }
        'relctl;help;release;list' {
            break
        }
        'relctl;help;release;delete' {
            break
        }
        'relctl;help;release;archive' {
            break
        }
        'relctl;help;release;restore' {
            break
        }
        'relctl;help;release;propose-version' {
            break
        }
        'relctl;help;release;deploys' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Record a deploy of the release to an environment (relctl deploy new -r VERSION)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the deploys of the release, newest first (relctl deploy list -r VERSION)')
            break
        }
        'relctl;help;release;deploys;new' {
            break
        }
        'relctl;help;release;deploys;list' {
            break
        }
        'relctl;help;deploy' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Record a deploy of a release to an environment')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the deploys of a release, newest first')
            break
        }
        'relctl;help;deploy;new' {
            break
        }
        'relctl;help;deploy;list' {
            break
        }
        'relctl;help;issue' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create an issue with the project''s next short id, in the inbox')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List issues, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an issue with its activity and history')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'Mark an issue reviewed: out of the inbox')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Resolve issues now (in no release): out of the inbox, with activity and history')
            [CompletionResult]::new('mute', 'mute', [CompletionResultType]::ParameterValue, 'Mute (ignore) issues until unmuted: out of the inbox, with activity and history')
            [CompletionResult]::new('unresolve', 'unresolve', [CompletionResultType]::ParameterValue, 'Unresolve issues (resolved or muted), with activity and history')
            break
        }
        'relctl;help;issue;new' {
            break
        }
        'relctl;help;issue;list' {
            break
        }
        'relctl;help;issue;show' {
            break
        }
        'relctl;help;issue;review' {
            break
        }
        'relctl;help;issue;resolve' {
            break
        }
        'relctl;help;issue;mute' {
            break
        }
        'relctl;help;issue;unresolve' {
            break
        }
        'relctl;help;repos' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the repositories of the organization')
            break
        }
        'relctl;help;repos;list' {
            break
        }
        'relctl;help;info' {
            break
        }
        'relctl;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every setting, its value and its source (tokens redacted)')
            break
        }
        'relctl;help;config;show' {
            break
        }
        'relctl;help;serve' {
            break
        }
        'relctl;help;token' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token; its secret is printed this once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens: id, name, organization, scopes, created, last used (never the secret)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token by id')
            break
        }
        'relctl;help;token;create' {
            break
        }
        'relctl;help;token;list' {
            break
        }
        'relctl;help;token;revoke' {
            break
        }
        'relctl;help;store' {
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Copy a SQLite store into PostgreSQL, ids and all, in one verified transaction')
            break
        }
        'relctl;help;store;migrate' {
            break
        }
        'relctl;help;completions' {
            break
        }
        'relctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}

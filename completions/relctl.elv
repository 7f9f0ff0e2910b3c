
use builtin;
use str;

set edit:completion:arg-completer[relctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'relctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'relctl'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand --url 'Server speaking Sentry''s releases API (env RELCTL_URL, SENTRY_URL). Give it before the subcommand: after `release new`/`finalize`, `--url` is the release''s URL'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand org 'Organizations and their options'
            cand organizations 'Organizations and their options'
            cand project 'Projects: create with a unique slug and a snowflake id, list, show, delete'
            cand projects 'Projects: create with a unique slug and a snowflake id, list, show, delete'
            cand release 'Releases: create, bind commits, finalize, inspect'
            cand releases 'Releases: create, bind commits, finalize, inspect'
            cand deploy 'Deploys of a release'
            cand deploys 'Deploys of a release'
            cand issue 'Issues and the inbox'
            cand issues 'Issues and the inbox'
            cand config 'The resolved configuration'
            cand serve 'Serve Sentry''s releases API over the local store, for CI runners and Sentry clients'
            cand token 'API tokens for `relctl serve`'
            cand store 'The store itself: copy a SQLite store into PostgreSQL'
            cand completions 'Print a completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;org'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create an organization in the local store'
            cand list 'List organizations'
            cand show 'Show the organization (--org) and every option''s value'
            cand set 'Set an organization option by its API field name (e.g. scrapeJavaScript false)'
            cand audit 'The audit log, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;organizations'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create an organization in the local store'
            cand list 'List organizations'
            cand show 'Show the organization (--org) and every option''s value'
            cand set 'Set an organization option by its API field name (e.g. scrapeJavaScript false)'
            cand audit 'The audit log, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;org;create'= {
            cand --name 'Display name (default: the slug)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;organizations;create'= {
            cand --name 'Display name (default: the slug)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;org;list'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;organizations;list'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;org;show'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;organizations;show'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;org;set'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;organizations;set'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;org;audit'= {
            cand --limit 'At most this many entries'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;organizations;audit'= {
            cand --limit 'At most this many entries'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;org;help'= {
            cand create 'Create an organization in the local store'
            cand list 'List organizations'
            cand show 'Show the organization (--org) and every option''s value'
            cand set 'Set an organization option by its API field name (e.g. scrapeJavaScript false)'
            cand audit 'The audit log, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;org;help;create'= {
        }
        &'relctl;org;help;list'= {
        }
        &'relctl;org;help;show'= {
        }
        &'relctl;org;help;set'= {
        }
        &'relctl;org;help;audit'= {
        }
        &'relctl;org;help;help'= {
        }
        &'relctl;organizations;help'= {
            cand create 'Create an organization in the local store'
            cand list 'List organizations'
            cand show 'Show the organization (--org) and every option''s value'
            cand set 'Set an organization option by its API field name (e.g. scrapeJavaScript false)'
            cand audit 'The audit log, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;organizations;help;create'= {
        }
        &'relctl;organizations;help;list'= {
        }
        &'relctl;organizations;help;show'= {
        }
        &'relctl;organizations;help;set'= {
        }
        &'relctl;organizations;help;audit'= {
        }
        &'relctl;organizations;help;help'= {
        }
        &'relctl;project'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a project; its slug comes from the name unless --slug is given'
            cand list 'List the organization''s projects'
            cand show 'Show one project'
            cand delete 'Delete a project and everything that belongs to it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;projects'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a project; its slug comes from the name unless --slug is given'
            cand list 'List the organization''s projects'
            cand show 'Show one project'
            cand delete 'Delete a project and everything that belongs to it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;project;create'= {
            cand --slug 'Use this slug instead of one made from the name'
            cand --platform 'Platform, e.g. python or javascript'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;projects;create'= {
            cand --slug 'Use this slug instead of one made from the name'
            cand --platform 'Platform, e.g. python or javascript'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;project;list'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;projects;list'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;project;show'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;projects;show'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;project;delete'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand --yes 'Confirm the deletion'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;projects;delete'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand --yes 'Confirm the deletion'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;project;help'= {
            cand create 'Create a project; its slug comes from the name unless --slug is given'
            cand list 'List the organization''s projects'
            cand show 'Show one project'
            cand delete 'Delete a project and everything that belongs to it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;project;help;create'= {
        }
        &'relctl;project;help;list'= {
        }
        &'relctl;project;help;show'= {
        }
        &'relctl;project;help;delete'= {
        }
        &'relctl;project;help;help'= {
        }
        &'relctl;projects;help'= {
            cand create 'Create a project; its slug comes from the name unless --slug is given'
            cand list 'List the organization''s projects'
            cand show 'Show one project'
            cand delete 'Delete a project and everything that belongs to it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;projects;help;create'= {
        }
        &'relctl;projects;help;list'= {
        }
        &'relctl;projects;help;show'= {
        }
        &'relctl;projects;help;delete'= {
        }
        &'relctl;projects;help;help'= {
        }
        &'relctl;release'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand new 'Create a release (or load the existing one) and link it to projects'
            cand set-commits 'Bind commits read from the local git repository and resolve the issues they fix'
            cand finalize 'Mark a release as released (dateReleased, default now)'
            cand info 'Show a release'
            cand list 'List releases, newest first'
            cand delete 'Delete a release (a missing one is not an error unless --strict)'
            cand archive 'Archive a release'
            cand restore 'Restore an archived release'
            cand propose-version 'Print a version name from CI environment variables, else the git HEAD sha'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;releases'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand new 'Create a release (or load the existing one) and link it to projects'
            cand set-commits 'Bind commits read from the local git repository and resolve the issues they fix'
            cand finalize 'Mark a release as released (dateReleased, default now)'
            cand info 'Show a release'
            cand list 'List releases, newest first'
            cand delete 'Delete a release (a missing one is not an error unless --strict)'
            cand archive 'Archive a release'
            cand restore 'Restore an archived release'
            cand propose-version 'Print a version name from CI environment variables, else the git HEAD sha'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;release;new'= {
            cand -p 'Project slug(s) to link (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand --project 'Project slug(s) to link (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand --url 'The release''s URL'
            cand --release-url 'The release''s URL'
            cand --ref 'A free-form reference (e.g. a tag or commit)'
            cand --released 'Mark the release as released at this time (unix seconds, RFC 3339 or RFC 2822)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand --finalize 'Mark the release as released now'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;releases;new'= {
            cand -p 'Project slug(s) to link (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand --project 'Project slug(s) to link (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand --url 'The release''s URL'
            cand --release-url 'The release''s URL'
            cand --ref 'A free-form reference (e.g. a tag or commit)'
            cand --released 'Mark the release as released at this time (unix seconds, RFC 3339 or RFC 2822)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand --finalize 'Mark the release as released now'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;release;set-commits'= {
            cand -c 'A range REPO@[PREV..]REV resolved in the local repository (repeatable); REPO is the repository name to bind to. Without PREV.. it starts where --auto would'
            cand --commit 'A range REPO@[PREV..]REV resolved in the local repository (repeatable); REPO is the repository name to bind to. Without PREV.. it starts where --auto would'
            cand --initial-depth 'Commits to take when there is no previous release (or with --ignore-missing)'
            cand --max-commits 'Keep only the newest N commits of the range (says so on stderr)'
            cand --path 'Keep only commits touching these paths (files or directories; repeatable)'
            cand --repo 'The git repository (default: the one containing the current directory, or GIT_DIR)'
            cand --repo-name 'Repository name to record (default: owner/repo from the remote URL, else the directory name)'
            cand -p 'Project(s) to create or link the release with first (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand --project 'Project(s) to create or link the release with first (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand --auto 'Commits from HEAD back to where the previous release''s commits ended (the default)'
            cand --local 'Same as --auto: relctl always reads the local repository'
            cand --clear 'Remove every commit from the release'
            cand --ignore-missing 'When the previous release''s commit is not in the history, fall back to --initial-depth'
            cand --append 'Add to the release''s commits instead of replacing them (local store only: Sentry''s API always replaces)'
            cand --refs 'Let the server read the commits from its copy of the repository (refs), always (it does so by itself in a shallow clone missing the earlier releases'' heads)'
            cand --no-refs 'Never send refs: read the commits here, or fail'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;releases;set-commits'= {
            cand -c 'A range REPO@[PREV..]REV resolved in the local repository (repeatable); REPO is the repository name to bind to. Without PREV.. it starts where --auto would'
            cand --commit 'A range REPO@[PREV..]REV resolved in the local repository (repeatable); REPO is the repository name to bind to. Without PREV.. it starts where --auto would'
            cand --initial-depth 'Commits to take when there is no previous release (or with --ignore-missing)'
            cand --max-commits 'Keep only the newest N commits of the range (says so on stderr)'
            cand --path 'Keep only commits touching these paths (files or directories; repeatable)'
            cand --repo 'The git repository (default: the one containing the current directory, or GIT_DIR)'
            cand --repo-name 'Repository name to record (default: owner/repo from the remote URL, else the directory name)'
            cand -p 'Project(s) to create or link the release with first (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand --project 'Project(s) to create or link the release with first (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand --auto 'Commits from HEAD back to where the previous release''s commits ended (the default)'
            cand --local 'Same as --auto: relctl always reads the local repository'
            cand --clear 'Remove every commit from the release'
            cand --ignore-missing 'When the previous release''s commit is not in the history, fall back to --initial-depth'
            cand --append 'Add to the release''s commits instead of replacing them (local store only: Sentry''s API always replaces)'
            cand --refs 'Let the server read the commits from its copy of the repository (refs), always (it does so by itself in a shallow clone missing the earlier releases'' heads)'
            cand --no-refs 'Never send refs: read the commits here, or fail'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;release;finalize'= {
            cand --released 'When it was released: unix seconds, RFC 3339 or RFC 2822 (default now)'
            cand --url 'The release''s URL'
            cand --release-url 'The release''s URL'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;releases;finalize'= {
            cand --released 'When it was released: unix seconds, RFC 3339 or RFC 2822 (default now)'
            cand --url 'The release''s URL'
            cand --release-url 'The release''s URL'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;release;info'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand --commits 'Add the release''s commits with their files'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;releases;info'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand --commits 'Add the release''s commits with their files'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;release;list'= {
            cand -p 'Only releases of these projects'
            cand --project 'Only releases of these projects'
            cand --limit 'At most this many releases'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;releases;list'= {
            cand -p 'Only releases of these projects'
            cand --project 'Only releases of these projects'
            cand --limit 'At most this many releases'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;release;delete'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand --strict 'Exit 3 when the release does not exist'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;releases;delete'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand --strict 'Exit 3 when the release does not exist'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;release;archive'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;releases;archive'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;release;restore'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;releases;restore'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;release;propose-version'= {
            cand --repo 'Directory of the git repository to read HEAD from (default: the current one)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;releases;propose-version'= {
            cand --repo 'Directory of the git repository to read HEAD from (default: the current one)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;release;help'= {
            cand new 'Create a release (or load the existing one) and link it to projects'
            cand set-commits 'Bind commits read from the local git repository and resolve the issues they fix'
            cand finalize 'Mark a release as released (dateReleased, default now)'
            cand info 'Show a release'
            cand list 'List releases, newest first'
            cand delete 'Delete a release (a missing one is not an error unless --strict)'
            cand archive 'Archive a release'
            cand restore 'Restore an archived release'
            cand propose-version 'Print a version name from CI environment variables, else the git HEAD sha'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;release;help;new'= {
        }
        &'relctl;release;help;set-commits'= {
        }
        &'relctl;release;help;finalize'= {
        }
        &'relctl;release;help;info'= {
        }
        &'relctl;release;help;list'= {
        }
        &'relctl;release;help;delete'= {
        }
        &'relctl;release;help;archive'= {
        }
        &'relctl;release;help;restore'= {
        }
        &'relctl;release;help;propose-version'= {
        }
        &'relctl;release;help;help'= {
        }
        &'relctl;releases;help'= {
            cand new 'Create a release (or load the existing one) and link it to projects'
            cand set-commits 'Bind commits read from the local git repository and resolve the issues they fix'
            cand finalize 'Mark a release as released (dateReleased, default now)'
            cand info 'Show a release'
            cand list 'List releases, newest first'
            cand delete 'Delete a release (a missing one is not an error unless --strict)'
            cand archive 'Archive a release'
            cand restore 'Restore an archived release'
            cand propose-version 'Print a version name from CI environment variables, else the git HEAD sha'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;releases;help;new'= {
        }
        &'relctl;releases;help;set-commits'= {
        }
        &'relctl;releases;help;finalize'= {
        }
        &'relctl;releases;help;info'= {
        }
        &'relctl;releases;help;list'= {
        }
        &'relctl;releases;help;delete'= {
        }
        &'relctl;releases;help;archive'= {
        }
        &'relctl;releases;help;restore'= {
        }
        &'relctl;releases;help;propose-version'= {
        }
        &'relctl;releases;help;help'= {
        }
        &'relctl;deploy'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand new 'Record a deploy of a release to an environment'
            cand list 'List the deploys of a release, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;deploys'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand new 'Record a deploy of a release to an environment'
            cand list 'List the deploys of a release, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;deploy;new'= {
            cand -r 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with ''-'')'
            cand --release 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with ''-'')'
            cand -e 'Environment, e.g. production'
            cand --env 'Environment, e.g. production'
            cand -n 'Name of the deploy'
            cand --name 'Name of the deploy'
            cand -u 'URL of the deploy'
            cand --url 'URL of the deploy'
            cand --deploy-url 'URL of the deploy'
            cand --started 'When it started (unix seconds, RFC 3339 or RFC 2822)'
            cand --finished 'When it finished (default now)'
            cand -t 'It took this many seconds and finished now (instead of --started/--finished)'
            cand --time 'It took this many seconds and finished now (instead of --started/--finished)'
            cand -p 'Only these projects of the release (default: all of them)'
            cand --project 'Only these projects of the release (default: all of them)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;deploys;new'= {
            cand -r 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with ''-'')'
            cand --release 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with ''-'')'
            cand -e 'Environment, e.g. production'
            cand --env 'Environment, e.g. production'
            cand -n 'Name of the deploy'
            cand --name 'Name of the deploy'
            cand -u 'URL of the deploy'
            cand --url 'URL of the deploy'
            cand --deploy-url 'URL of the deploy'
            cand --started 'When it started (unix seconds, RFC 3339 or RFC 2822)'
            cand --finished 'When it finished (default now)'
            cand -t 'It took this many seconds and finished now (instead of --started/--finished)'
            cand --time 'It took this many seconds and finished now (instead of --started/--finished)'
            cand -p 'Only these projects of the release (default: all of them)'
            cand --project 'Only these projects of the release (default: all of them)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;deploy;list'= {
            cand -r 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with ''-'')'
            cand --release 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with ''-'')'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;deploys;list'= {
            cand -r 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with ''-'')'
            cand --release 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with ''-'')'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;deploy;help'= {
            cand new 'Record a deploy of a release to an environment'
            cand list 'List the deploys of a release, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;deploy;help;new'= {
        }
        &'relctl;deploy;help;list'= {
        }
        &'relctl;deploy;help;help'= {
        }
        &'relctl;deploys;help'= {
            cand new 'Record a deploy of a release to an environment'
            cand list 'List the deploys of a release, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;deploys;help;new'= {
        }
        &'relctl;deploys;help;list'= {
        }
        &'relctl;deploys;help;help'= {
        }
        &'relctl;issue'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand new 'Create an issue with the project''s next short id, in the inbox'
            cand list 'List issues, newest first'
            cand show 'Show an issue with its activity and history'
            cand review 'Mark an issue reviewed: out of the inbox'
            cand resolve 'Resolve issues now (in no release): out of the inbox, with activity and history'
            cand mute 'Mute (ignore) issues until unmuted: out of the inbox, with activity and history'
            cand unresolve 'Unresolve issues (resolved or muted), with activity and history'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;issues'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand new 'Create an issue with the project''s next short id, in the inbox'
            cand list 'List issues, newest first'
            cand show 'Show an issue with its activity and history'
            cand review 'Mark an issue reviewed: out of the inbox'
            cand resolve 'Resolve issues now (in no release): out of the inbox, with activity and history'
            cand mute 'Mute (ignore) issues until unmuted: out of the inbox, with activity and history'
            cand unresolve 'Unresolve issues (resolved or muted), with activity and history'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;issue;new'= {
            cand -p 'The project (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand --project 'The project (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;issues;new'= {
            cand -p 'The project (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand --project 'The project (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;issue;list'= {
            cand -p 'p'
            cand --project 'project'
            cand --status 'status'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand --inbox 'Only issues in the inbox'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;issues;list'= {
            cand -p 'p'
            cand --project 'project'
            cand --status 'status'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand --inbox 'Only issues in the inbox'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;issue;show'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;issues;show'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;issue;review'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;issues;review'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;issue;resolve'= {
            cand -p 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand --project 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand -i 'sentry-cli: the issue with this numeric id (repeatable)'
            cand --id 'sentry-cli: the issue with this numeric id (repeatable)'
            cand -s 'sentry-cli: every issue in this status (at most 1000)'
            cand --status 'sentry-cli: every issue in this status (at most 1000)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -a 'sentry-cli: every issue (at most 1000)'
            cand --all 'sentry-cli: every issue (at most 1000)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;issues;resolve'= {
            cand -p 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand --project 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand -i 'sentry-cli: the issue with this numeric id (repeatable)'
            cand --id 'sentry-cli: the issue with this numeric id (repeatable)'
            cand -s 'sentry-cli: every issue in this status (at most 1000)'
            cand --status 'sentry-cli: every issue in this status (at most 1000)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -a 'sentry-cli: every issue (at most 1000)'
            cand --all 'sentry-cli: every issue (at most 1000)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;issue;mute'= {
            cand -p 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand --project 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand -i 'sentry-cli: the issue with this numeric id (repeatable)'
            cand --id 'sentry-cli: the issue with this numeric id (repeatable)'
            cand -s 'sentry-cli: every issue in this status (at most 1000)'
            cand --status 'sentry-cli: every issue in this status (at most 1000)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -a 'sentry-cli: every issue (at most 1000)'
            cand --all 'sentry-cli: every issue (at most 1000)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;issues;mute'= {
            cand -p 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand --project 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand -i 'sentry-cli: the issue with this numeric id (repeatable)'
            cand --id 'sentry-cli: the issue with this numeric id (repeatable)'
            cand -s 'sentry-cli: every issue in this status (at most 1000)'
            cand --status 'sentry-cli: every issue in this status (at most 1000)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -a 'sentry-cli: every issue (at most 1000)'
            cand --all 'sentry-cli: every issue (at most 1000)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;issue;unresolve'= {
            cand -p 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand --project 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand -i 'sentry-cli: the issue with this numeric id (repeatable)'
            cand --id 'sentry-cli: the issue with this numeric id (repeatable)'
            cand -s 'sentry-cli: every issue in this status (at most 1000)'
            cand --status 'sentry-cli: every issue in this status (at most 1000)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -a 'sentry-cli: every issue (at most 1000)'
            cand --all 'sentry-cli: every issue (at most 1000)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;issues;unresolve'= {
            cand -p 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand --project 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)'
            cand -i 'sentry-cli: the issue with this numeric id (repeatable)'
            cand --id 'sentry-cli: the issue with this numeric id (repeatable)'
            cand -s 'sentry-cli: every issue in this status (at most 1000)'
            cand --status 'sentry-cli: every issue in this status (at most 1000)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -a 'sentry-cli: every issue (at most 1000)'
            cand --all 'sentry-cli: every issue (at most 1000)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;issue;help'= {
            cand new 'Create an issue with the project''s next short id, in the inbox'
            cand list 'List issues, newest first'
            cand show 'Show an issue with its activity and history'
            cand review 'Mark an issue reviewed: out of the inbox'
            cand resolve 'Resolve issues now (in no release): out of the inbox, with activity and history'
            cand mute 'Mute (ignore) issues until unmuted: out of the inbox, with activity and history'
            cand unresolve 'Unresolve issues (resolved or muted), with activity and history'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;issue;help;new'= {
        }
        &'relctl;issue;help;list'= {
        }
        &'relctl;issue;help;show'= {
        }
        &'relctl;issue;help;review'= {
        }
        &'relctl;issue;help;resolve'= {
        }
        &'relctl;issue;help;mute'= {
        }
        &'relctl;issue;help;unresolve'= {
        }
        &'relctl;issue;help;help'= {
        }
        &'relctl;issues;help'= {
            cand new 'Create an issue with the project''s next short id, in the inbox'
            cand list 'List issues, newest first'
            cand show 'Show an issue with its activity and history'
            cand review 'Mark an issue reviewed: out of the inbox'
            cand resolve 'Resolve issues now (in no release): out of the inbox, with activity and history'
            cand mute 'Mute (ignore) issues until unmuted: out of the inbox, with activity and history'
            cand unresolve 'Unresolve issues (resolved or muted), with activity and history'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;issues;help;new'= {
        }
        &'relctl;issues;help;list'= {
        }
        &'relctl;issues;help;show'= {
        }
        &'relctl;issues;help;review'= {
        }
        &'relctl;issues;help;resolve'= {
        }
        &'relctl;issues;help;mute'= {
        }
        &'relctl;issues;help;unresolve'= {
        }
        &'relctl;issues;help;help'= {
        }
        &'relctl;config'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Print every setting, its value and its source (tokens redacted)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;config;show'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;config;help'= {
            cand show 'Print every setting, its value and its source (tokens redacted)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;config;help;show'= {
        }
        &'relctl;config;help;help'= {
        }
        &'relctl;serve'= {
            cand --bind 'Address to listen on (port 0 picks a free one; the address is printed)'
            cand --repo 'A local clone (usually a bare mirror) that `refs` in release updates are read from, as NAME=PATH with NAME the repository''s name (e.g. acme/backend); repeatable'
            cand --max-body 'Largest request body accepted, in bytes (larger: 413)'
            cand --pool-size 'Connections to a PostgreSQL store kept open at most (requests beyond wait for one); no effect on a SQLite store, whose writes take turns anyway'
            cand --header-timeout 'Seconds a client may take to send a request''s headers, counted from the connection (or from the first byte of its next request); slower connections are closed'
            cand --max-connections 'Client connections open at once at most; more are closed as they arrive [default: three quarters of the descriptor limit, at most 16384]'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand --public-pages 'Open the release pages (/, /releases/VERSION, /issues) to anyone, without logging in with a token; the API still needs its tokens'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;token'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a token; its secret is printed this once'
            cand list 'List tokens: id, name, organization, scopes, created, last used (never the secret)'
            cand revoke 'Revoke a token by id'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;token;create'= {
            cand --scopes 'Scopes, by Sentry''s names (repeatable or comma-separated; default project:releases, org:read), e.g. project:releases org:read project:admin event:write'
            cand --name 'A name to recognise the token by (e.g. the CI system using it)'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand --all-organizations 'Let the token act in every organization of the store (an instance-wide token); without it, the token acts only in the organization in effect (-o, else the default)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;token;list'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;token;revoke'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;token;help'= {
            cand create 'Create a token; its secret is printed this once'
            cand list 'List tokens: id, name, organization, scopes, created, last used (never the secret)'
            cand revoke 'Revoke a token by id'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;token;help;create'= {
        }
        &'relctl;token;help;list'= {
        }
        &'relctl;token;help;revoke'= {
        }
        &'relctl;token;help;help'= {
        }
        &'relctl;store'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand migrate 'Copy a SQLite store into PostgreSQL, ids and all, in one verified transaction'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;store;migrate'= {
            cand --from 'The SQLite store to copy (only read)'
            cand --to 'The PostgreSQL database to copy into: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE'
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;store;help'= {
            cand migrate 'Copy a SQLite store into PostgreSQL, ids and all, in one verified transaction'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;store;help;migrate'= {
        }
        &'relctl;store;help;help'= {
        }
        &'relctl;completions'= {
            cand --store 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)'
            cand --auth-token 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed'
            cand -o 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --org 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")'
            cand --format 'Output format (env RELCTL_FORMAT)'
            cand --config 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository''s root or $HOME on top)'
            cand --timeout 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)'
            cand -q 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand --quiet 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
            cand -v 'More detail on stderr (repeatable)'
            cand --verbose 'More detail on stderr (repeatable)'
            cand --no-progress 'Never draw progress bars'
            cand --dry-run 'Print the requests a writing command would send (method, path, body) and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'relctl;help'= {
            cand org 'Organizations and their options'
            cand project 'Projects: create with a unique slug and a snowflake id, list, show, delete'
            cand release 'Releases: create, bind commits, finalize, inspect'
            cand deploy 'Deploys of a release'
            cand issue 'Issues and the inbox'
            cand config 'The resolved configuration'
            cand serve 'Serve Sentry''s releases API over the local store, for CI runners and Sentry clients'
            cand token 'API tokens for `relctl serve`'
            cand store 'The store itself: copy a SQLite store into PostgreSQL'
            cand completions 'Print a completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'relctl;help;org'= {
            cand create 'Create an organization in the local store'
            cand list 'List organizations'
            cand show 'Show the organization (--org) and every option''s value'
            cand set 'Set an organization option by its API field name (e.g. scrapeJavaScript false)'
            cand audit 'The audit log, newest first'
        }
        &'relctl;help;org;create'= {
        }
        &'relctl;help;org;list'= {
        }
        &'relctl;help;org;show'= {
        }
        &'relctl;help;org;set'= {
        }
        &'relctl;help;org;audit'= {
        }
        &'relctl;help;project'= {
            cand create 'Create a project; its slug comes from the name unless --slug is given'
            cand list 'List the organization''s projects'
            cand show 'Show one project'
            cand delete 'Delete a project and everything that belongs to it'
        }
        &'relctl;help;project;create'= {
        }
        &'relctl;help;project;list'= {
        }
        &'relctl;help;project;show'= {
        }
        &'relctl;help;project;delete'= {
        }
        &'relctl;help;release'= {
            cand new 'Create a release (or load the existing one) and link it to projects'
            cand set-commits 'Bind commits read from the local git repository and resolve the issues they fix'
            cand finalize 'Mark a release as released (dateReleased, default now)'
            cand info 'Show a release'
            cand list 'List releases, newest first'
            cand delete 'Delete a release (a missing one is not an error unless --strict)'
            cand archive 'Archive a release'
            cand restore 'Restore an archived release'
            cand propose-version 'Print a version name from CI environment variables, else the git HEAD sha'
        }
        &'relctl;help;release;new'= {
        }
        &'relctl;help;release;set-commits'= {
        }
        &'relctl;help;release;finalize'= {
        }
        &'relctl;help;release;info'= {
        }
        &'relctl;help;release;list'= {
        }
        &'relctl;help;release;delete'= {
        }
        &'relctl;help;release;archive'= {
        }
        &'relctl;help;release;restore'= {
        }
        &'relctl;help;release;propose-version'= {
        }
        &'relctl;help;deploy'= {
            cand new 'Record a deploy of a release to an environment'
            cand list 'List the deploys of a release, newest first'
        }
        &'relctl;help;deploy;new'= {
        }
        &'relctl;help;deploy;list'= {
        }
        &'relctl;help;issue'= {
            cand new 'Create an issue with the project''s next short id, in the inbox'
            cand list 'List issues, newest first'
            cand show 'Show an issue with its activity and history'
            cand review 'Mark an issue reviewed: out of the inbox'
            cand resolve 'Resolve issues now (in no release): out of the inbox, with activity and history'
            cand mute 'Mute (ignore) issues until unmuted: out of the inbox, with activity and history'
            cand unresolve 'Unresolve issues (resolved or muted), with activity and history'
        }
        &'relctl;help;issue;new'= {
        }
        &'relctl;help;issue;list'= {
        }
        &'relctl;help;issue;show'= {
        }
        &'relctl;help;issue;review'= {
        }
        &'relctl;help;issue;resolve'= {
        }
        &'relctl;help;issue;mute'= {
        }
        &'relctl;help;issue;unresolve'= {
        }
        &'relctl;help;config'= {
            cand show 'Print every setting, its value and its source (tokens redacted)'
        }
        &'relctl;help;config;show'= {
        }
        &'relctl;help;serve'= {
        }
        &'relctl;help;token'= {
            cand create 'Create a token; its secret is printed this once'
            cand list 'List tokens: id, name, organization, scopes, created, last used (never the secret)'
            cand revoke 'Revoke a token by id'
        }
        &'relctl;help;token;create'= {
        }
        &'relctl;help;token;list'= {
        }
        &'relctl;help;token;revoke'= {
        }
        &'relctl;help;store'= {
            cand migrate 'Copy a SQLite store into PostgreSQL, ids and all, in one verified transaction'
        }
        &'relctl;help;store;migrate'= {
        }
        &'relctl;help;completions'= {
        }
        &'relctl;help;help'= {
        }
    ]
    $completions[$command]
}

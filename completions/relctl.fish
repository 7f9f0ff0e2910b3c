# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_relctl_global_optspecs
    string join \n store= auth-token= o/org= format= q/quiet v/verbose no-progress config= timeout= dry-run header= log-level= allow-failure url= h/help V/version
end

function __fish_relctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_relctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_relctl_using_subcommand
    set -l cmd (__fish_relctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c relctl -n "__fish_relctl_needs_command" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_needs_command" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_needs_command" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_needs_command" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_needs_command" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_needs_command" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_needs_command" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_needs_command" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_needs_command" -l url -d 'Server speaking Sentry\'s releases API (env RELCTL_URL, SENTRY_URL). Give it before the subcommand: after `release new`/`finalize`, `--url` is the release\'s URL' -r
complete -c relctl -n "__fish_relctl_needs_command" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_needs_command" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_needs_command" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_needs_command" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_needs_command" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_needs_command" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_needs_command" -f -a "org" -d 'Organizations and their options'
complete -c relctl -n "__fish_relctl_needs_command" -f -a "organizations" -d 'Organizations and their options'
complete -c relctl -n "__fish_relctl_needs_command" -f -a "project" -d 'Projects: create with a unique slug and a snowflake id, list, show, delete'
complete -c relctl -n "__fish_relctl_needs_command" -f -a "projects" -d 'Projects: create with a unique slug and a snowflake id, list, show, delete'
complete -c relctl -n "__fish_relctl_needs_command" -f -a "release" -d 'Releases: create, bind commits, finalize, inspect'
complete -c relctl -n "__fish_relctl_needs_command" -f -a "releases" -d 'Releases: create, bind commits, finalize, inspect'
complete -c relctl -n "__fish_relctl_needs_command" -f -a "deploy" -d 'Deploys of a release'
complete -c relctl -n "__fish_relctl_needs_command" -f -a "deploys" -d 'Deploys of a release'
complete -c relctl -n "__fish_relctl_needs_command" -f -a "issue" -d 'Issues and the inbox'
complete -c relctl -n "__fish_relctl_needs_command" -f -a "issues" -d 'Issues and the inbox'
complete -c relctl -n "__fish_relctl_needs_command" -f -a "repos" -d 'The repositories the target knows'
complete -c relctl -n "__fish_relctl_needs_command" -f -a "info" -d 'The target, whether it takes the token, and its scopes (exit 6 if not)'
complete -c relctl -n "__fish_relctl_needs_command" -f -a "config" -d 'The resolved configuration'
complete -c relctl -n "__fish_relctl_needs_command" -f -a "serve" -d 'Serve Sentry\'s releases API over the local store, for CI runners and Sentry clients'
complete -c relctl -n "__fish_relctl_needs_command" -f -a "token" -d 'API tokens for `relctl serve`'
complete -c relctl -n "__fish_relctl_needs_command" -f -a "store" -d 'The store itself: copy a SQLite store into PostgreSQL'
complete -c relctl -n "__fish_relctl_needs_command" -f -a "completions" -d 'Print a completion script'
complete -c relctl -n "__fish_relctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -f -a "create" -d 'Create an organization in the local store'
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -f -a "list" -d 'List organizations'
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -f -a "show" -d 'Show the organization (--org) and every option\'s value'
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -f -a "set" -d 'Set an organization option by its API field name (e.g. scrapeJavaScript false), or its name or slug'
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -f -a "audit" -d 'The audit log, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand org; and not __fish_seen_subcommand_from create list show set audit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from create" -l name -d 'Display name (default: the slug)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from create" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from create" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from create" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from create" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from create" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from create" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from create" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from create" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from create" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from create" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from create" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from create" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from list" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from list" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from list" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from list" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from list" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from list" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from list" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from list" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from list" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from show" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from show" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from show" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from show" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from show" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from show" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from show" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from show" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from show" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from show" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from set" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from set" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from set" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from set" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from set" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from set" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from set" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from set" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from set" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from set" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from set" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from set" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from audit" -l limit -d 'At most this many entries' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from audit" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from audit" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from audit" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from audit" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from audit" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from audit" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from audit" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from audit" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from audit" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from audit" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from audit" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from audit" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from audit" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from audit" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create an organization in the local store'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "list" -d 'List organizations'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the organization (--org) and every option\'s value'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set an organization option by its API field name (e.g. scrapeJavaScript false), or its name or slug'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "audit" -d 'The audit log, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -f -a "create" -d 'Create an organization in the local store'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -f -a "list" -d 'List organizations'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -f -a "show" -d 'Show the organization (--org) and every option\'s value'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -f -a "set" -d 'Set an organization option by its API field name (e.g. scrapeJavaScript false), or its name or slug'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -f -a "audit" -d 'The audit log, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and not __fish_seen_subcommand_from create list show set audit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from create" -l name -d 'Display name (default: the slug)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from create" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from create" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from create" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from create" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from create" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from create" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from create" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from create" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from create" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from create" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from create" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from create" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from list" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from list" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from list" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from list" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from list" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from list" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from list" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from list" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from list" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from show" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from show" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from show" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from show" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from show" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from show" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from show" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from show" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from show" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from show" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from set" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from set" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from set" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from set" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from set" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from set" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from set" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from set" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from set" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from set" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from set" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from set" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from audit" -l limit -d 'At most this many entries' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from audit" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from audit" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from audit" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from audit" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from audit" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from audit" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from audit" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from audit" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from audit" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from audit" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from audit" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from audit" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from audit" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from audit" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create an organization in the local store'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from help" -f -a "list" -d 'List organizations'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the organization (--org) and every option\'s value'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set an organization option by its API field name (e.g. scrapeJavaScript false), or its name or slug'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from help" -f -a "audit" -d 'The audit log, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand organizations; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -f -a "create" -d 'Create a project; its slug comes from the name unless --slug is given'
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -f -a "list" -d 'List the organization\'s projects'
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -f -a "show" -d 'Show one project'
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -f -a "delete" -d 'Delete a project and everything that belongs to it'
complete -c relctl -n "__fish_relctl_using_subcommand project; and not __fish_seen_subcommand_from create list show delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from create" -l slug -d 'Use this slug instead of one made from the name' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from create" -l platform -d 'Platform, e.g. python or javascript' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from create" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from create" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from create" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from create" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from create" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from create" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from create" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from create" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from create" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from create" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from create" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from create" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from list" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from list" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from list" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from list" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from list" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from list" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from list" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from list" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from list" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from show" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from show" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from show" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from show" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from show" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from show" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from show" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from show" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from show" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from show" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from delete" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from delete" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from delete" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from delete" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from delete" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from delete" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from delete" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from delete" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from delete" -l yes -d 'Confirm the deletion'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from delete" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from delete" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from delete" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a project; its slug comes from the name unless --slug is given'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the organization\'s projects'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one project'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a project and everything that belongs to it'
complete -c relctl -n "__fish_relctl_using_subcommand project; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -f -a "create" -d 'Create a project; its slug comes from the name unless --slug is given'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -f -a "list" -d 'List the organization\'s projects'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -f -a "show" -d 'Show one project'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -f -a "delete" -d 'Delete a project and everything that belongs to it'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and not __fish_seen_subcommand_from create list show delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from create" -l slug -d 'Use this slug instead of one made from the name' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from create" -l platform -d 'Platform, e.g. python or javascript' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from create" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from create" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from create" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from create" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from create" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from create" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from create" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from create" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from create" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from create" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from create" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from create" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from list" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from list" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from list" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from list" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from list" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from list" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from list" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from list" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from list" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from show" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from show" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from show" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from show" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from show" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from show" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from show" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from show" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from show" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from show" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from delete" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from delete" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from delete" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from delete" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from delete" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from delete" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from delete" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from delete" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from delete" -l yes -d 'Confirm the deletion'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from delete" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from delete" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from delete" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a project; its slug comes from the name unless --slug is given'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the organization\'s projects'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one project'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a project and everything that belongs to it'
complete -c relctl -n "__fish_relctl_using_subcommand projects; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "new" -d 'Create a release (or load the existing one) and link it to projects'
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "set-commits" -d 'Bind commits read from the local git repository and resolve the issues they fix'
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "finalize" -d 'Mark a release as released (dateReleased, default now)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "info" -d 'Show a release'
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "list" -d 'List releases, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "delete" -d 'Delete a release (a missing one is not an error unless --strict)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "archive" -d 'Archive a release'
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "restore" -d 'Restore an archived release'
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "propose-version" -d 'Print a version name from CI environment variables, else the git HEAD sha'
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "deploys" -d 'sentry-cli\'s older form of `deploy`: `release deploys VERSION new|list`'
complete -c relctl -n "__fish_relctl_using_subcommand release; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -s p -l project -d 'Project slug(s) to link (env RELCTL_PROJECT, SENTRY_PROJECT)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -l url -l release-url -d 'The release\'s URL' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -l ref -d 'A free-form reference (e.g. a tag or commit)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -l released -d 'Mark the release as released at this time (unix seconds, RFC 3339 or RFC 2822)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -l finalize -d 'Mark the release as released now'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from new" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -s c -l commit -d 'A range REPO@[PREV..]REV resolved in the local repository (repeatable); REPO is the repository name to bind to. Without PREV.. it starts where --auto would' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l initial-depth -d 'Commits to take when there is no previous release (or with --ignore-missing)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l max-commits -d 'Keep only the newest N commits of the range (says so on stderr)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l path -d 'Keep only commits touching these paths (files or directories; repeatable)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l repo -d 'The git repository (default: the one containing the current directory, or GIT_DIR)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l repo-name -d 'Repository name to record (default: owner/repo from the remote URL, else the directory name)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -s p -l project -d 'Project(s) to create or link the release with first (env RELCTL_PROJECT, SENTRY_PROJECT)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l auto -d 'Commits from HEAD back to where the previous release\'s commits ended (the default)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l local -d 'Same as --auto: relctl always reads the local repository'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l clear -d 'Remove every commit from the release'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l ignore-missing -d 'When the previous release\'s commit is not in the history, fall back to --initial-depth'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l append -d 'Add to the release\'s commits instead of replacing them (local store only: Sentry\'s API always replaces)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l refs -d 'Let the server read the commits from its copy of the repository (refs), always (it does so by itself in a shallow clone missing the earlier releases\' heads)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l no-refs -d 'Never send refs: read the commits here, or fail'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l ignore-empty -d 'sentry-cli\'s: an empty range is not an error (it never is here); leaves out the note saying the range was empty'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from set-commits" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from finalize" -l released -d 'When it was released: unix seconds, RFC 3339 or RFC 2822 (default now)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from finalize" -l url -l release-url -d 'The release\'s URL' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from finalize" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from finalize" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from finalize" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from finalize" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from finalize" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from finalize" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from finalize" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from finalize" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from finalize" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from finalize" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from finalize" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from finalize" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from finalize" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from finalize" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from finalize" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from info" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from info" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from info" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from info" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from info" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from info" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from info" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from info" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from info" -l commits -d 'Add the release\'s commits with their files'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from info" -s P -l show-projects -d 'sentry-cli\'s: the release\'s projects (always shown)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from info" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from info" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from info" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from info" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from info" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -s p -l project -d 'Only releases of these projects' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -l limit -d 'At most this many releases' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -s D -l delimiter -d 'sentry-cli\'s: what joins the versions of --raw' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -s R -l raw -d 'sentry-cli\'s: the versions only, one per line (or joined by --delimiter)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -s P -l show-projects -d 'sentry-cli\'s: the PROJECTS column (always shown)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -l show-commits -d 'The COMMITS column (always shown)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -l no-abbrev -d 'sentry-cli\'s legacy flag, without effect there too'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from delete" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from delete" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from delete" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from delete" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from delete" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from delete" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from delete" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from delete" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from delete" -l strict -d 'Exit 3 when the release does not exist'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from delete" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from delete" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from delete" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from archive" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from archive" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from archive" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from archive" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from archive" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from archive" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from archive" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from archive" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from archive" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from archive" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from archive" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from archive" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from archive" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from archive" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from archive" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from restore" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from restore" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from restore" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from restore" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from restore" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from restore" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from restore" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from restore" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from restore" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from restore" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from restore" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from restore" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from restore" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from restore" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from propose-version" -l repo -d 'Directory of the git repository to read HEAD from (default: the current one)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from propose-version" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from propose-version" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from propose-version" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from propose-version" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from propose-version" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from propose-version" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from propose-version" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from propose-version" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from propose-version" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from propose-version" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from propose-version" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from propose-version" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from propose-version" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from propose-version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from propose-version" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from deploys" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from deploys" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from deploys" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from deploys" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from deploys" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from deploys" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from deploys" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from deploys" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from deploys" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from deploys" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from deploys" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from deploys" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from deploys" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from deploys" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from deploys" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from deploys" -a "new" -d 'Record a deploy of the release to an environment (relctl deploy new -r VERSION)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from deploys" -a "list" -d 'List the deploys of the release, newest first (relctl deploy list -r VERSION)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from deploys" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from help" -f -a "new" -d 'Create a release (or load the existing one) and link it to projects'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from help" -f -a "set-commits" -d 'Bind commits read from the local git repository and resolve the issues they fix'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from help" -f -a "finalize" -d 'Mark a release as released (dateReleased, default now)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from help" -f -a "info" -d 'Show a release'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from help" -f -a "list" -d 'List releases, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a release (a missing one is not an error unless --strict)'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from help" -f -a "archive" -d 'Archive a release'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Restore an archived release'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from help" -f -a "propose-version" -d 'Print a version name from CI environment variables, else the git HEAD sha'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from help" -f -a "deploys" -d 'sentry-cli\'s older form of `deploy`: `release deploys VERSION new|list`'
complete -c relctl -n "__fish_relctl_using_subcommand release; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "new" -d 'Create a release (or load the existing one) and link it to projects'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "set-commits" -d 'Bind commits read from the local git repository and resolve the issues they fix'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "finalize" -d 'Mark a release as released (dateReleased, default now)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "info" -d 'Show a release'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "list" -d 'List releases, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "delete" -d 'Delete a release (a missing one is not an error unless --strict)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "archive" -d 'Archive a release'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "restore" -d 'Restore an archived release'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "propose-version" -d 'Print a version name from CI environment variables, else the git HEAD sha'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "deploys" -d 'sentry-cli\'s older form of `deploy`: `release deploys VERSION new|list`'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and not __fish_seen_subcommand_from new set-commits finalize info list delete archive restore propose-version deploys help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -s p -l project -d 'Project slug(s) to link (env RELCTL_PROJECT, SENTRY_PROJECT)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -l url -l release-url -d 'The release\'s URL' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -l ref -d 'A free-form reference (e.g. a tag or commit)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -l released -d 'Mark the release as released at this time (unix seconds, RFC 3339 or RFC 2822)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -l finalize -d 'Mark the release as released now'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from new" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -s c -l commit -d 'A range REPO@[PREV..]REV resolved in the local repository (repeatable); REPO is the repository name to bind to. Without PREV.. it starts where --auto would' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l initial-depth -d 'Commits to take when there is no previous release (or with --ignore-missing)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l max-commits -d 'Keep only the newest N commits of the range (says so on stderr)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l path -d 'Keep only commits touching these paths (files or directories; repeatable)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l repo -d 'The git repository (default: the one containing the current directory, or GIT_DIR)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l repo-name -d 'Repository name to record (default: owner/repo from the remote URL, else the directory name)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -s p -l project -d 'Project(s) to create or link the release with first (env RELCTL_PROJECT, SENTRY_PROJECT)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l auto -d 'Commits from HEAD back to where the previous release\'s commits ended (the default)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l local -d 'Same as --auto: relctl always reads the local repository'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l clear -d 'Remove every commit from the release'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l ignore-missing -d 'When the previous release\'s commit is not in the history, fall back to --initial-depth'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l append -d 'Add to the release\'s commits instead of replacing them (local store only: Sentry\'s API always replaces)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l refs -d 'Let the server read the commits from its copy of the repository (refs), always (it does so by itself in a shallow clone missing the earlier releases\' heads)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l no-refs -d 'Never send refs: read the commits here, or fail'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l ignore-empty -d 'sentry-cli\'s: an empty range is not an error (it never is here); leaves out the note saying the range was empty'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from set-commits" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from finalize" -l released -d 'When it was released: unix seconds, RFC 3339 or RFC 2822 (default now)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from finalize" -l url -l release-url -d 'The release\'s URL' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from finalize" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from finalize" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from finalize" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from finalize" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from finalize" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from finalize" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from finalize" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from finalize" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from finalize" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from finalize" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from finalize" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from finalize" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from finalize" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from finalize" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from finalize" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from info" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from info" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from info" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from info" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from info" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from info" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from info" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from info" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from info" -l commits -d 'Add the release\'s commits with their files'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from info" -s P -l show-projects -d 'sentry-cli\'s: the release\'s projects (always shown)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from info" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from info" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from info" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from info" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from info" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -s p -l project -d 'Only releases of these projects' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -l limit -d 'At most this many releases' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -s D -l delimiter -d 'sentry-cli\'s: what joins the versions of --raw' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -s R -l raw -d 'sentry-cli\'s: the versions only, one per line (or joined by --delimiter)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -s P -l show-projects -d 'sentry-cli\'s: the PROJECTS column (always shown)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -l show-commits -d 'The COMMITS column (always shown)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -l no-abbrev -d 'sentry-cli\'s legacy flag, without effect there too'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from delete" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from delete" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from delete" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from delete" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from delete" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from delete" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from delete" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from delete" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from delete" -l strict -d 'Exit 3 when the release does not exist'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from delete" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from delete" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from delete" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from archive" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from archive" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from archive" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from archive" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from archive" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from archive" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from archive" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from archive" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from archive" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from archive" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from archive" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from archive" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from archive" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from archive" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from archive" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from restore" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from restore" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from restore" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from restore" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from restore" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from restore" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from restore" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from restore" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from restore" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from restore" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from restore" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from restore" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from restore" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from restore" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from propose-version" -l repo -d 'Directory of the git repository to read HEAD from (default: the current one)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from propose-version" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from propose-version" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from propose-version" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from propose-version" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from propose-version" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from propose-version" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from propose-version" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from propose-version" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from propose-version" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from propose-version" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from propose-version" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from propose-version" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from propose-version" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from propose-version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from propose-version" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from deploys" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from deploys" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from deploys" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from deploys" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from deploys" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from deploys" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from deploys" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from deploys" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from deploys" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from deploys" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from deploys" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from deploys" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from deploys" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from deploys" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from deploys" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from deploys" -a "new" -d 'Record a deploy of the release to an environment (relctl deploy new -r VERSION)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from deploys" -a "list" -d 'List the deploys of the release, newest first (relctl deploy list -r VERSION)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from deploys" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from help" -f -a "new" -d 'Create a release (or load the existing one) and link it to projects'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from help" -f -a "set-commits" -d 'Bind commits read from the local git repository and resolve the issues they fix'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from help" -f -a "finalize" -d 'Mark a release as released (dateReleased, default now)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from help" -f -a "info" -d 'Show a release'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from help" -f -a "list" -d 'List releases, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a release (a missing one is not an error unless --strict)'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from help" -f -a "archive" -d 'Archive a release'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Restore an archived release'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from help" -f -a "propose-version" -d 'Print a version name from CI environment variables, else the git HEAD sha'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from help" -f -a "deploys" -d 'sentry-cli\'s older form of `deploy`: `release deploys VERSION new|list`'
complete -c relctl -n "__fish_relctl_using_subcommand releases; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and not __fish_seen_subcommand_from new list help" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and not __fish_seen_subcommand_from new list help" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and not __fish_seen_subcommand_from new list help" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and not __fish_seen_subcommand_from new list help" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and not __fish_seen_subcommand_from new list help" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and not __fish_seen_subcommand_from new list help" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and not __fish_seen_subcommand_from new list help" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and not __fish_seen_subcommand_from new list help" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and not __fish_seen_subcommand_from new list help" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and not __fish_seen_subcommand_from new list help" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and not __fish_seen_subcommand_from new list help" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and not __fish_seen_subcommand_from new list help" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and not __fish_seen_subcommand_from new list help" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and not __fish_seen_subcommand_from new list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and not __fish_seen_subcommand_from new list help" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and not __fish_seen_subcommand_from new list help" -f -a "new" -d 'Record a deploy of a release to an environment'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and not __fish_seen_subcommand_from new list help" -f -a "list" -d 'List the deploys of a release, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and not __fish_seen_subcommand_from new list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -s r -l release -d 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with \'-\')' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -s e -l env -d 'Environment, e.g. production' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -s n -l name -d 'Name of the deploy' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -s u -l url -l deploy-url -d 'URL of the deploy' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -l started -d 'When it started (unix seconds, RFC 3339 or RFC 2822)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -l finished -d 'When it finished (default now)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -s t -l time -d 'It took this many seconds and finished now (instead of --started/--finished)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -s p -l project -d 'Only these projects of the release (default: all of them)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from new" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from list" -s r -l release -d 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with \'-\')' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from list" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from list" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from list" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from list" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from list" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from list" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from list" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from list" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from list" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from help" -f -a "new" -d 'Record a deploy of a release to an environment'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the deploys of a release, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand deploy; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and not __fish_seen_subcommand_from new list help" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and not __fish_seen_subcommand_from new list help" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and not __fish_seen_subcommand_from new list help" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and not __fish_seen_subcommand_from new list help" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and not __fish_seen_subcommand_from new list help" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and not __fish_seen_subcommand_from new list help" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and not __fish_seen_subcommand_from new list help" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and not __fish_seen_subcommand_from new list help" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and not __fish_seen_subcommand_from new list help" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and not __fish_seen_subcommand_from new list help" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and not __fish_seen_subcommand_from new list help" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and not __fish_seen_subcommand_from new list help" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and not __fish_seen_subcommand_from new list help" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and not __fish_seen_subcommand_from new list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and not __fish_seen_subcommand_from new list help" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and not __fish_seen_subcommand_from new list help" -f -a "new" -d 'Record a deploy of a release to an environment'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and not __fish_seen_subcommand_from new list help" -f -a "list" -d 'List the deploys of a release, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and not __fish_seen_subcommand_from new list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -s r -l release -d 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with \'-\')' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -s e -l env -d 'Environment, e.g. production' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -s n -l name -d 'Name of the deploy' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -s u -l url -l deploy-url -d 'URL of the deploy' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -l started -d 'When it started (unix seconds, RFC 3339 or RFC 2822)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -l finished -d 'When it finished (default now)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -s t -l time -d 'It took this many seconds and finished now (instead of --started/--finished)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -s p -l project -d 'Only these projects of the release (default: all of them)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from new" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from list" -s r -l release -d 'The release (env SENTRY_RELEASE; --release=VERSION if it starts with \'-\')' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from list" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from list" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from list" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from list" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from list" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from list" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from list" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from list" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from list" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from help" -f -a "new" -d 'Record a deploy of a release to an environment'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the deploys of a release, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand deploys; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -f -a "new" -d 'Create an issue with the project\'s next short id, in the inbox'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -f -a "list" -d 'List issues, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -f -a "show" -d 'Show an issue with its activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -f -a "review" -d 'Mark an issue reviewed: out of the inbox'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -f -a "resolve" -d 'Resolve issues now (in no release): out of the inbox, with activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -f -a "mute" -d 'Mute (ignore) issues until unmuted: out of the inbox, with activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -f -a "unresolve" -d 'Unresolve issues (resolved or muted), with activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from new" -s p -l project -d 'The project (env RELCTL_PROJECT, SENTRY_PROJECT)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from new" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from new" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from new" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from new" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from new" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from new" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from new" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from new" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from new" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from new" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from new" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from new" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from new" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from new" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from list" -s p -l project -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from list" -l status -r -f -a "unresolved\t''
resolved\t''
ignored\t'Muted'"
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from list" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from list" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from list" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from list" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from list" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from list" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from list" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from list" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from list" -l inbox -d 'Only issues in the inbox'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from list" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from show" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from show" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from show" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from show" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from show" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from show" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from show" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from show" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from show" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from show" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from review" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from review" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from review" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from review" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from review" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from review" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from review" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from review" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from review" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from review" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from review" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from review" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from review" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from review" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from review" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -s p -l project -d 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -s i -l id -d 'sentry-cli: the issue with this numeric id (repeatable)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -s s -l status -d 'sentry-cli: every issue in this status (at most 1000)' -r -f -a "resolved\t''
unresolved\t''
muted\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -s a -l all -d 'sentry-cli: every issue (at most 1000)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from resolve" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -s p -l project -d 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -s i -l id -d 'sentry-cli: the issue with this numeric id (repeatable)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -s s -l status -d 'sentry-cli: every issue in this status (at most 1000)' -r -f -a "resolved\t''
unresolved\t''
muted\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -s a -l all -d 'sentry-cli: every issue (at most 1000)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from mute" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -s p -l project -d 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -s i -l id -d 'sentry-cli: the issue with this numeric id (repeatable)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -s s -l status -d 'sentry-cli: every issue in this status (at most 1000)' -r -f -a "resolved\t''
unresolved\t''
muted\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -s a -l all -d 'sentry-cli: every issue (at most 1000)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from unresolve" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from help" -f -a "new" -d 'Create an issue with the project\'s next short id, in the inbox'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from help" -f -a "list" -d 'List issues, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show an issue with its activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from help" -f -a "review" -d 'Mark an issue reviewed: out of the inbox'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from help" -f -a "resolve" -d 'Resolve issues now (in no release): out of the inbox, with activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from help" -f -a "mute" -d 'Mute (ignore) issues until unmuted: out of the inbox, with activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from help" -f -a "unresolve" -d 'Unresolve issues (resolved or muted), with activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand issue; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -f -a "new" -d 'Create an issue with the project\'s next short id, in the inbox'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -f -a "list" -d 'List issues, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -f -a "show" -d 'Show an issue with its activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -f -a "review" -d 'Mark an issue reviewed: out of the inbox'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -f -a "resolve" -d 'Resolve issues now (in no release): out of the inbox, with activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -f -a "mute" -d 'Mute (ignore) issues until unmuted: out of the inbox, with activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -f -a "unresolve" -d 'Unresolve issues (resolved or muted), with activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and not __fish_seen_subcommand_from new list show review resolve mute unresolve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from new" -s p -l project -d 'The project (env RELCTL_PROJECT, SENTRY_PROJECT)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from new" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from new" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from new" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from new" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from new" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from new" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from new" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from new" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from new" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from new" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from new" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from new" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from new" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from new" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from list" -s p -l project -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from list" -l status -r -f -a "unresolved\t''
resolved\t''
ignored\t'Muted'"
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from list" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from list" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from list" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from list" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from list" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from list" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from list" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from list" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from list" -l inbox -d 'Only issues in the inbox'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from list" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from show" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from show" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from show" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from show" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from show" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from show" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from show" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from show" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from show" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from show" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from review" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from review" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from review" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from review" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from review" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from review" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from review" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from review" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from review" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from review" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from review" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from review" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from review" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from review" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from review" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -s p -l project -d 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -s i -l id -d 'sentry-cli: the issue with this numeric id (repeatable)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -s s -l status -d 'sentry-cli: every issue in this status (at most 1000)' -r -f -a "resolved\t''
unresolved\t''
muted\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -s a -l all -d 'sentry-cli: every issue (at most 1000)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from resolve" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -s p -l project -d 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -s i -l id -d 'sentry-cli: the issue with this numeric id (repeatable)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -s s -l status -d 'sentry-cli: every issue in this status (at most 1000)' -r -f -a "resolved\t''
unresolved\t''
muted\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -s a -l all -d 'sentry-cli: every issue (at most 1000)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from mute" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -s p -l project -d 'Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -s i -l id -d 'sentry-cli: the issue with this numeric id (repeatable)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -s s -l status -d 'sentry-cli: every issue in this status (at most 1000)' -r -f -a "resolved\t''
unresolved\t''
muted\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -s a -l all -d 'sentry-cli: every issue (at most 1000)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from unresolve" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from help" -f -a "new" -d 'Create an issue with the project\'s next short id, in the inbox'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from help" -f -a "list" -d 'List issues, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show an issue with its activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from help" -f -a "review" -d 'Mark an issue reviewed: out of the inbox'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from help" -f -a "resolve" -d 'Resolve issues now (in no release): out of the inbox, with activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from help" -f -a "mute" -d 'Mute (ignore) issues until unmuted: out of the inbox, with activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from help" -f -a "unresolve" -d 'Unresolve issues (resolved or muted), with activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand issues; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand repos; and not __fish_seen_subcommand_from list help" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand repos; and not __fish_seen_subcommand_from list help" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand repos; and not __fish_seen_subcommand_from list help" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand repos; and not __fish_seen_subcommand_from list help" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand repos; and not __fish_seen_subcommand_from list help" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand repos; and not __fish_seen_subcommand_from list help" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand repos; and not __fish_seen_subcommand_from list help" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand repos; and not __fish_seen_subcommand_from list help" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand repos; and not __fish_seen_subcommand_from list help" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand repos; and not __fish_seen_subcommand_from list help" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand repos; and not __fish_seen_subcommand_from list help" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand repos; and not __fish_seen_subcommand_from list help" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand repos; and not __fish_seen_subcommand_from list help" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand repos; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand repos; and not __fish_seen_subcommand_from list help" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand repos; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'List the repositories of the organization'
complete -c relctl -n "__fish_relctl_using_subcommand repos; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand repos; and __fish_seen_subcommand_from list" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand repos; and __fish_seen_subcommand_from list" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand repos; and __fish_seen_subcommand_from list" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand repos; and __fish_seen_subcommand_from list" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand repos; and __fish_seen_subcommand_from list" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand repos; and __fish_seen_subcommand_from list" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand repos; and __fish_seen_subcommand_from list" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand repos; and __fish_seen_subcommand_from list" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand repos; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand repos; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand repos; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand repos; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand repos; and __fish_seen_subcommand_from list" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand repos; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand repos; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand repos; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the repositories of the organization'
complete -c relctl -n "__fish_relctl_using_subcommand repos; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand info" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand info" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand info" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand info" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand info" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand info" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand info" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand info" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand info" -l config-status-json -d 'sentry-cli\'s status document ({config, auth: {type, successful}, have_dsn}); exit 0 whether the token works or not'
complete -c relctl -n "__fish_relctl_using_subcommand info" -l no-defaults -d 'Leave out the default organization and project (sentry-cli\'s: check the token only)'
complete -c relctl -n "__fish_relctl_using_subcommand info" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand info" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand info" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand info" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand info" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand info" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Print every setting, its value and its source (tokens redacted)'
complete -c relctl -n "__fish_relctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand config; and __fish_seen_subcommand_from show" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand config; and __fish_seen_subcommand_from show" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand config; and __fish_seen_subcommand_from show" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand config; and __fish_seen_subcommand_from show" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand config; and __fish_seen_subcommand_from show" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand config; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand config; and __fish_seen_subcommand_from show" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand config; and __fish_seen_subcommand_from show" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print every setting, its value and its source (tokens redacted)'
complete -c relctl -n "__fish_relctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand serve" -l bind -d 'Address to listen on (port 0 picks a free one; the address is printed) [default: 127.0.0.1:8765]' -r
complete -c relctl -n "__fish_relctl_using_subcommand serve" -l repo -d 'A local clone (usually a bare mirror) that `refs` in release updates are read from, as NAME=PATH with NAME the repository\'s name (e.g. acme/backend); repeatable' -r
complete -c relctl -n "__fish_relctl_using_subcommand serve" -l max-body -d 'Largest request body accepted, in bytes (larger: 413) [default: 20971520]' -r
complete -c relctl -n "__fish_relctl_using_subcommand serve" -l pool-size -d 'Connections to a PostgreSQL store kept open at most (requests beyond wait for one); no effect on a SQLite store, whose writes take turns anyway [default: 16]' -r
complete -c relctl -n "__fish_relctl_using_subcommand serve" -l header-timeout -d 'Seconds a client may take to send a request\'s headers, counted from the connection (or from the first byte of its next request); slower connections are closed [default: 10]' -r
complete -c relctl -n "__fish_relctl_using_subcommand serve" -l max-connections -d 'Client connections open at once at most; more are closed as they arrive [default: three quarters of the descriptor limit, at most 16384]' -r
complete -c relctl -n "__fish_relctl_using_subcommand serve" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand serve" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand serve" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand serve" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand serve" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand serve" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand serve" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand serve" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand serve" -l public-pages -d 'Open the release pages (/, /releases/VERSION, /issues) to anyone, without logging in with a token; the API still needs its tokens'
complete -c relctl -n "__fish_relctl_using_subcommand serve" -l metrics-public -d 'Answer /metrics without a token (else it needs one with org:read); /healthz and /readyz never need one'
complete -c relctl -n "__fish_relctl_using_subcommand serve" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand serve" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand serve" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand serve" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand serve" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand serve" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "create" -d 'Create a token; its secret is printed this once'
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "list" -d 'List tokens: id, name, organization, scopes, created, last used (never the secret)'
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "revoke" -d 'Revoke a token by id'
complete -c relctl -n "__fish_relctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from create" -l scopes -d 'Scopes, by Sentry\'s names (repeatable or comma-separated; default project:releases, org:read), e.g. project:releases org:read project:admin event:write' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from create" -l name -d 'A name to recognise the token by (e.g. the CI system using it)' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from create" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from create" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from create" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from create" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from create" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from create" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from create" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from create" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from create" -l all-organizations -d 'Let the token act in every organization of the store (an instance-wide token); without it, the token acts only in the organization in effect (-o, else the default)'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from create" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from create" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from create" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from create" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from list" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from list" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from list" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from list" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from list" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from list" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from list" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from list" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from list" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from list" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a token; its secret is printed this once'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "list" -d 'List tokens: id, name, organization, scopes, created, last used (never the secret)'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke a token by id'
complete -c relctl -n "__fish_relctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand store; and not __fish_seen_subcommand_from migrate help" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand store; and not __fish_seen_subcommand_from migrate help" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand store; and not __fish_seen_subcommand_from migrate help" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand store; and not __fish_seen_subcommand_from migrate help" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand store; and not __fish_seen_subcommand_from migrate help" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand store; and not __fish_seen_subcommand_from migrate help" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand store; and not __fish_seen_subcommand_from migrate help" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand store; and not __fish_seen_subcommand_from migrate help" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand store; and not __fish_seen_subcommand_from migrate help" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand store; and not __fish_seen_subcommand_from migrate help" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand store; and not __fish_seen_subcommand_from migrate help" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand store; and not __fish_seen_subcommand_from migrate help" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand store; and not __fish_seen_subcommand_from migrate help" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand store; and not __fish_seen_subcommand_from migrate help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand store; and not __fish_seen_subcommand_from migrate help" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand store; and not __fish_seen_subcommand_from migrate help" -f -a "migrate" -d 'Copy a SQLite store into PostgreSQL, ids and all, in one verified transaction'
complete -c relctl -n "__fish_relctl_using_subcommand store; and not __fish_seen_subcommand_from migrate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from migrate" -l from -d 'The SQLite store to copy (only read)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from migrate" -l to -d 'The PostgreSQL database to copy into: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE' -r
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from migrate" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from migrate" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from migrate" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from migrate" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from migrate" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from migrate" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from migrate" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from migrate" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from migrate" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from migrate" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from migrate" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from migrate" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from migrate" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from migrate" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "migrate" -d 'Copy a SQLite store into PostgreSQL, ids and all, in one verified transaction'
complete -c relctl -n "__fish_relctl_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand completions" -l store -d 'The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand completions" -l auth-token -d 'Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed' -r
complete -c relctl -n "__fish_relctl_using_subcommand completions" -s o -l org -d 'Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")' -r
complete -c relctl -n "__fish_relctl_using_subcommand completions" -l format -d 'Output format (env RELCTL_FORMAT)' -r -f -a "table\t''
json\t''"
complete -c relctl -n "__fish_relctl_using_subcommand completions" -l config -d 'The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository\'s root or $HOME on top)' -r -F
complete -c relctl -n "__fish_relctl_using_subcommand completions" -l timeout -d 'Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)' -r
complete -c relctl -n "__fish_relctl_using_subcommand completions" -l header -d 'sentry-cli\'s: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)' -r
complete -c relctl -n "__fish_relctl_using_subcommand completions" -l log-level -d 'sentry-cli\'s: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)' -r
complete -c relctl -n "__fish_relctl_using_subcommand completions" -s q -l quiet -d 'Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print'
complete -c relctl -n "__fish_relctl_using_subcommand completions" -s v -l verbose -d 'More detail on stderr (repeatable)'
complete -c relctl -n "__fish_relctl_using_subcommand completions" -l no-progress -d 'Never draw progress bars'
complete -c relctl -n "__fish_relctl_using_subcommand completions" -l dry-run -d 'Print the requests a writing command would send (method, path, body) and send nothing'
complete -c relctl -n "__fish_relctl_using_subcommand completions" -l allow-failure -d 'sentry-cli\'s: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)'
complete -c relctl -n "__fish_relctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c relctl -n "__fish_relctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c relctl -n "__fish_relctl_using_subcommand help; and not __fish_seen_subcommand_from org project release deploy issue repos info config serve token store completions help" -f -a "org" -d 'Organizations and their options'
complete -c relctl -n "__fish_relctl_using_subcommand help; and not __fish_seen_subcommand_from org project release deploy issue repos info config serve token store completions help" -f -a "project" -d 'Projects: create with a unique slug and a snowflake id, list, show, delete'
complete -c relctl -n "__fish_relctl_using_subcommand help; and not __fish_seen_subcommand_from org project release deploy issue repos info config serve token store completions help" -f -a "release" -d 'Releases: create, bind commits, finalize, inspect'
complete -c relctl -n "__fish_relctl_using_subcommand help; and not __fish_seen_subcommand_from org project release deploy issue repos info config serve token store completions help" -f -a "deploy" -d 'Deploys of a release'
complete -c relctl -n "__fish_relctl_using_subcommand help; and not __fish_seen_subcommand_from org project release deploy issue repos info config serve token store completions help" -f -a "issue" -d 'Issues and the inbox'
complete -c relctl -n "__fish_relctl_using_subcommand help; and not __fish_seen_subcommand_from org project release deploy issue repos info config serve token store completions help" -f -a "repos" -d 'The repositories the target knows'
complete -c relctl -n "__fish_relctl_using_subcommand help; and not __fish_seen_subcommand_from org project release deploy issue repos info config serve token store completions help" -f -a "info" -d 'The target, whether it takes the token, and its scopes (exit 6 if not)'
complete -c relctl -n "__fish_relctl_using_subcommand help; and not __fish_seen_subcommand_from org project release deploy issue repos info config serve token store completions help" -f -a "config" -d 'The resolved configuration'
complete -c relctl -n "__fish_relctl_using_subcommand help; and not __fish_seen_subcommand_from org project release deploy issue repos info config serve token store completions help" -f -a "serve" -d 'Serve Sentry\'s releases API over the local store, for CI runners and Sentry clients'
complete -c relctl -n "__fish_relctl_using_subcommand help; and not __fish_seen_subcommand_from org project release deploy issue repos info config serve token store completions help" -f -a "token" -d 'API tokens for `relctl serve`'
complete -c relctl -n "__fish_relctl_using_subcommand help; and not __fish_seen_subcommand_from org project release deploy issue repos info config serve token store completions help" -f -a "store" -d 'The store itself: copy a SQLite store into PostgreSQL'
complete -c relctl -n "__fish_relctl_using_subcommand help; and not __fish_seen_subcommand_from org project release deploy issue repos info config serve token store completions help" -f -a "completions" -d 'Print a completion script'
complete -c relctl -n "__fish_relctl_using_subcommand help; and not __fish_seen_subcommand_from org project release deploy issue repos info config serve token store completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from org" -f -a "create" -d 'Create an organization in the local store'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from org" -f -a "list" -d 'List organizations'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from org" -f -a "show" -d 'Show the organization (--org) and every option\'s value'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from org" -f -a "set" -d 'Set an organization option by its API field name (e.g. scrapeJavaScript false), or its name or slug'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from org" -f -a "audit" -d 'The audit log, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from project" -f -a "create" -d 'Create a project; its slug comes from the name unless --slug is given'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from project" -f -a "list" -d 'List the organization\'s projects'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from project" -f -a "show" -d 'Show one project'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from project" -f -a "delete" -d 'Delete a project and everything that belongs to it'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from release" -f -a "new" -d 'Create a release (or load the existing one) and link it to projects'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from release" -f -a "set-commits" -d 'Bind commits read from the local git repository and resolve the issues they fix'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from release" -f -a "finalize" -d 'Mark a release as released (dateReleased, default now)'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from release" -f -a "info" -d 'Show a release'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from release" -f -a "list" -d 'List releases, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from release" -f -a "delete" -d 'Delete a release (a missing one is not an error unless --strict)'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from release" -f -a "archive" -d 'Archive a release'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from release" -f -a "restore" -d 'Restore an archived release'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from release" -f -a "propose-version" -d 'Print a version name from CI environment variables, else the git HEAD sha'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from release" -f -a "deploys" -d 'sentry-cli\'s older form of `deploy`: `release deploys VERSION new|list`'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from deploy" -f -a "new" -d 'Record a deploy of a release to an environment'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from deploy" -f -a "list" -d 'List the deploys of a release, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from issue" -f -a "new" -d 'Create an issue with the project\'s next short id, in the inbox'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from issue" -f -a "list" -d 'List issues, newest first'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from issue" -f -a "show" -d 'Show an issue with its activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from issue" -f -a "review" -d 'Mark an issue reviewed: out of the inbox'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from issue" -f -a "resolve" -d 'Resolve issues now (in no release): out of the inbox, with activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from issue" -f -a "mute" -d 'Mute (ignore) issues until unmuted: out of the inbox, with activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from issue" -f -a "unresolve" -d 'Unresolve issues (resolved or muted), with activity and history'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from repos" -f -a "list" -d 'List the repositories of the organization'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print every setting, its value and its source (tokens redacted)'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "create" -d 'Create a token; its secret is printed this once'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "list" -d 'List tokens: id, name, organization, scopes, created, last used (never the secret)'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "revoke" -d 'Revoke a token by id'
complete -c relctl -n "__fish_relctl_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "migrate" -d 'Copy a SQLite store into PostgreSQL, ids and all, in one verified transaction'

#compdef relctl

autoload -U is-at-least

_relctl() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'--url=[Server speaking Sentry'\''s releases API (env RELCTL_URL, SENTRY_URL). Give it before the subcommand\: after \`release new\`/\`finalize\`, \`--url\` is the release'\''s URL]:URL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_relctl_commands" \
"*::: :->relctl" \
&& ret=0
    case $state in
    (relctl)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-command-$line[1]:"
        case $line[1] in
            (org)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_relctl__subcmd__org_commands" \
"*::: :->org" \
&& ret=0

    case $state in
    (org)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-org-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
'--name=[Display name (default\: the slug)]:NAME:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':slug -- Slug\: 3 to 50 lower-case letters, digits and '\''-'\'', not starting or ending with '\''-'\'', not only digits, not one Sentry reserves (api, settings, ...):_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(set)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':key -- Option field name, as in Sentry'\''s API\: dataScrubber, scrapeJavaScript, sensitiveFields, ...; or name, or slug (renames the organization):_default' \
':value -- The value\: true/false, a number, text, or a list as "a,b" or '\''\["a","b"\]'\'':_default' \
&& ret=0
;;
(audit)
_arguments "${_arguments_options[@]}" : \
'--limit=[At most this many entries]:LIMIT:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__org__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-org-help-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(set)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(audit)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(organizations)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_relctl__subcmd__org_commands" \
"*::: :->org" \
&& ret=0

    case $state in
    (org)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-org-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
'--name=[Display name (default\: the slug)]:NAME:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':slug -- Slug\: 3 to 50 lower-case letters, digits and '\''-'\'', not starting or ending with '\''-'\'', not only digits, not one Sentry reserves (api, settings, ...):_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(set)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':key -- Option field name, as in Sentry'\''s API\: dataScrubber, scrapeJavaScript, sensitiveFields, ...; or name, or slug (renames the organization):_default' \
':value -- The value\: true/false, a number, text, or a list as "a,b" or '\''\["a","b"\]'\'':_default' \
&& ret=0
;;
(audit)
_arguments "${_arguments_options[@]}" : \
'--limit=[At most this many entries]:LIMIT:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__org__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-org-help-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(set)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(audit)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(project)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_relctl__subcmd__project_commands" \
"*::: :->project" \
&& ret=0

    case $state in
    (project)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-project-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
'--slug=[Use this slug instead of one made from the name]:SLUG:_default' \
'--platform=[Platform, e.g. python or javascript]:PLATFORM:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- Display name, e.g. "Backend API" (slug backend-api):_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':slug:_default' \
&& ret=0
;;
(delete)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'--yes[Confirm the deletion]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':slug:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__project__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-project-help-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(delete)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(projects)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_relctl__subcmd__project_commands" \
"*::: :->project" \
&& ret=0

    case $state in
    (project)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-project-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
'--slug=[Use this slug instead of one made from the name]:SLUG:_default' \
'--platform=[Platform, e.g. python or javascript]:PLATFORM:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':name -- Display name, e.g. "Backend API" (slug backend-api):_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':slug:_default' \
&& ret=0
;;
(delete)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'--yes[Confirm the deletion]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':slug:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__project__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-project-help-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(delete)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(release)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_relctl__subcmd__release_commands" \
"*::: :->release" \
&& ret=0

    case $state in
    (release)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-release-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
'*-p+[Project slug(s) to link (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'*--project=[Project slug(s) to link (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'--url=[The release'\''s URL]:URL:_default' \
'--release-url=[The release'\''s URL]:URL:_default' \
'--ref=[A free-form reference (e.g. a tag or commit)]:REF:_default' \
'--released=[Mark the release as released at this time (unix seconds, RFC 3339 or RFC 2822)]:TIMESTAMP:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'(--released)--finalize[Mark the release as released now]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':release_version -- The version name, e.g. 1.4.0 or backend@1.4.0+build.7 (after `--` if it starts with '\''-'\''):_default' \
&& ret=0
;;
(set-commits)
_arguments "${_arguments_options[@]}" : \
'*-c+[A range REPO@\[PREV..\]REV resolved in the local repository (repeatable); REPO is the repository name to bind to. Without PREV.. it starts where --auto would]:REPO@[PREV..]REV:_default' \
'*--commit=[A range REPO@\[PREV..\]REV resolved in the local repository (repeatable); REPO is the repository name to bind to. Without PREV.. it starts where --auto would]:REPO@[PREV..]REV:_default' \
'--initial-depth=[Commits to take when there is no previous release (or with --ignore-missing)]:N:_default' \
'--max-commits=[Keep only the newest N commits of the range (says so on stderr)]:N:_default' \
'*--path=[Keep only commits touching these paths (files or directories; repeatable)]:PATH:_default' \
'--repo=[The git repository (default\: the one containing the current directory, or GIT_DIR)]:DIR:_files' \
'--repo-name=[Repository name to record (default\: owner/repo from the remote URL, else the directory name)]:NAME:_default' \
'*-p+[Project(s) to create or link the release with first (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'*--project=[Project(s) to create or link the release with first (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'--auto[Commits from HEAD back to where the previous release'\''s commits ended (the default)]' \
'--local[Same as --auto\: relctl always reads the local repository]' \
'--clear[Remove every commit from the release]' \
'--ignore-missing[When the previous release'\''s commit is not in the history, fall back to --initial-depth]' \
'--append[Add to the release'\''s commits instead of replacing them (local store only\: Sentry'\''s API always replaces)]' \
'(--no-refs)--refs[Let the server read the commits from its copy of the repository (refs), always (it does so by itself in a shallow clone missing the earlier releases'\'' heads)]' \
'--no-refs[Never send refs\: read the commits here, or fail]' \
'--ignore-empty[sentry-cli'\''s\: an empty range is not an error (it never is here); leaves out the note saying the range was empty]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':release_version -- The version name, e.g. 1.4.0 or backend@1.4.0+build.7 (after `--` if it starts with '\''-'\''):_default' \
&& ret=0
;;
(finalize)
_arguments "${_arguments_options[@]}" : \
'--released=[When it was released\: unix seconds, RFC 3339 or RFC 2822 (default now)]:TIMESTAMP:_default' \
'--url=[The release'\''s URL]:URL:_default' \
'--release-url=[The release'\''s URL]:URL:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':release_version -- The version name, e.g. 1.4.0 or backend@1.4.0+build.7 (after `--` if it starts with '\''-'\''):_default' \
&& ret=0
;;
(info)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'--commits[Add the release'\''s commits with their files]' \
'-P[sentry-cli'\''s\: the release'\''s projects (always shown)]' \
'--show-projects[sentry-cli'\''s\: the release'\''s projects (always shown)]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':release_version -- The version name, e.g. 1.4.0 or backend@1.4.0+build.7 (after `--` if it starts with '\''-'\''):_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'*-p+[Only releases of these projects]:PROJECT:_default' \
'*--project=[Only releases of these projects]:PROJECT:_default' \
'--limit=[At most this many releases]:LIMIT:_default' \
'-D+[sentry-cli'\''s\: what joins the versions of --raw]:DELIMITER:_default' \
'--delimiter=[sentry-cli'\''s\: what joins the versions of --raw]:DELIMITER:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-R[sentry-cli'\''s\: the versions only, one per line (or joined by --delimiter)]' \
'--raw[sentry-cli'\''s\: the versions only, one per line (or joined by --delimiter)]' \
'-P[sentry-cli'\''s\: the PROJECTS column (always shown)]' \
'--show-projects[sentry-cli'\''s\: the PROJECTS column (always shown)]' \
'--show-commits[The COMMITS column (always shown)]' \
'--no-abbrev[sentry-cli'\''s legacy flag, without effect there too]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(delete)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'--strict[Exit 3 when the release does not exist]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':release_version -- The version name, e.g. 1.4.0 or backend@1.4.0+build.7 (after `--` if it starts with '\''-'\''):_default' \
&& ret=0
;;
(archive)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':release_version -- The version name, e.g. 1.4.0 or backend@1.4.0+build.7 (after `--` if it starts with '\''-'\''):_default' \
&& ret=0
;;
(restore)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':release_version -- The version name, e.g. 1.4.0 or backend@1.4.0+build.7 (after `--` if it starts with '\''-'\''):_default' \
&& ret=0
;;
(propose-version)
_arguments "${_arguments_options[@]}" : \
'--repo=[Directory of the git repository to read HEAD from (default\: the current one)]:DIR:_files' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(deploys)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':release_version -- The version name, e.g. 1.4.0 or backend@1.4.0+build.7 (after `--` if it starts with '\''-'\''):_default' \
":: :_relctl__subcmd__release__subcmd__deploys_commands" \
"*::: :->deploys" \
&& ret=0

    case $state in
    (deploys)
        words=($line[2] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-release-deploys-command-$line[2]:"
        case $line[2] in
            (new)
_arguments "${_arguments_options[@]}" : \
'-e+[Environment, e.g. production]:ENV:_default' \
'--env=[Environment, e.g. production]:ENV:_default' \
'-n+[Name of the deploy]:NAME:_default' \
'--name=[Name of the deploy]:NAME:_default' \
'-u+[URL of the deploy]:URL:_default' \
'--url=[URL of the deploy]:URL:_default' \
'--deploy-url=[URL of the deploy]:URL:_default' \
'(-t --time)--started=[When it started (unix seconds, RFC 3339 or RFC 2822)]:TIMESTAMP:_default' \
'(-t --time)--finished=[When it finished (default now)]:TIMESTAMP:_default' \
'-t+[It took this many seconds and finished now (instead of --started/--finished)]:SECONDS:_default' \
'--time=[It took this many seconds and finished now (instead of --started/--finished)]:SECONDS:_default' \
'*-p+[Only these projects of the release (default\: all of them)]:PROJECT:_default' \
'*--project=[Only these projects of the release (default\: all of them)]:PROJECT:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__release__subcmd__deploys__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-release-deploys-help-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__release__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-release-help-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(set-commits)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(finalize)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(info)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(delete)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(archive)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(restore)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(propose-version)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(deploys)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__release__subcmd__help__subcmd__deploys_commands" \
"*::: :->deploys" \
&& ret=0

    case $state in
    (deploys)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-release-help-deploys-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(releases)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_relctl__subcmd__release_commands" \
"*::: :->release" \
&& ret=0

    case $state in
    (release)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-release-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
'*-p+[Project slug(s) to link (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'*--project=[Project slug(s) to link (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'--url=[The release'\''s URL]:URL:_default' \
'--release-url=[The release'\''s URL]:URL:_default' \
'--ref=[A free-form reference (e.g. a tag or commit)]:REF:_default' \
'--released=[Mark the release as released at this time (unix seconds, RFC 3339 or RFC 2822)]:TIMESTAMP:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'(--released)--finalize[Mark the release as released now]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':release_version -- The version name, e.g. 1.4.0 or backend@1.4.0+build.7 (after `--` if it starts with '\''-'\''):_default' \
&& ret=0
;;
(set-commits)
_arguments "${_arguments_options[@]}" : \
'*-c+[A range REPO@\[PREV..\]REV resolved in the local repository (repeatable); REPO is the repository name to bind to. Without PREV.. it starts where --auto would]:REPO@[PREV..]REV:_default' \
'*--commit=[A range REPO@\[PREV..\]REV resolved in the local repository (repeatable); REPO is the repository name to bind to. Without PREV.. it starts where --auto would]:REPO@[PREV..]REV:_default' \
'--initial-depth=[Commits to take when there is no previous release (or with --ignore-missing)]:N:_default' \
'--max-commits=[Keep only the newest N commits of the range (says so on stderr)]:N:_default' \
'*--path=[Keep only commits touching these paths (files or directories; repeatable)]:PATH:_default' \
'--repo=[The git repository (default\: the one containing the current directory, or GIT_DIR)]:DIR:_files' \
'--repo-name=[Repository name to record (default\: owner/repo from the remote URL, else the directory name)]:NAME:_default' \
'*-p+[Project(s) to create or link the release with first (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'*--project=[Project(s) to create or link the release with first (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'--auto[Commits from HEAD back to where the previous release'\''s commits ended (the default)]' \
'--local[Same as --auto\: relctl always reads the local repository]' \
'--clear[Remove every commit from the release]' \
'--ignore-missing[When the previous release'\''s commit is not in the history, fall back to --initial-depth]' \
'--append[Add to the release'\''s commits instead of replacing them (local store only\: Sentry'\''s API always replaces)]' \
'(--no-refs)--refs[Let the server read the commits from its copy of the repository (refs), always (it does so by itself in a shallow clone missing the earlier releases'\'' heads)]' \
'--no-refs[Never send refs\: read the commits here, or fail]' \
'--ignore-empty[sentry-cli'\''s\: an empty range is not an error (it never is here); leaves out the note saying the range was empty]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':release_version -- The version name, e.g. 1.4.0 or backend@1.4.0+build.7 (after `--` if it starts with '\''-'\''):_default' \
&& ret=0
;;
(finalize)
_arguments "${_arguments_options[@]}" : \
'--released=[When it was released\: unix seconds, RFC 3339 or RFC 2822 (default now)]:TIMESTAMP:_default' \
'--url=[The release'\''s URL]:URL:_default' \
'--release-url=[The release'\''s URL]:URL:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':release_version -- The version name, e.g. 1.4.0 or backend@1.4.0+build.7 (after `--` if it starts with '\''-'\''):_default' \
&& ret=0
;;
(info)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'--commits[Add the release'\''s commits with their files]' \
'-P[sentry-cli'\''s\: the release'\''s projects (always shown)]' \
'--show-projects[sentry-cli'\''s\: the release'\''s projects (always shown)]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':release_version -- The version name, e.g. 1.4.0 or backend@1.4.0+build.7 (after `--` if it starts with '\''-'\''):_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'*-p+[Only releases of these projects]:PROJECT:_default' \
'*--project=[Only releases of these projects]:PROJECT:_default' \
'--limit=[At most this many releases]:LIMIT:_default' \
'-D+[sentry-cli'\''s\: what joins the versions of --raw]:DELIMITER:_default' \
'--delimiter=[sentry-cli'\''s\: what joins the versions of --raw]:DELIMITER:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-R[sentry-cli'\''s\: the versions only, one per line (or joined by --delimiter)]' \
'--raw[sentry-cli'\''s\: the versions only, one per line (or joined by --delimiter)]' \
'-P[sentry-cli'\''s\: the PROJECTS column (always shown)]' \
'--show-projects[sentry-cli'\''s\: the PROJECTS column (always shown)]' \
'--show-commits[The COMMITS column (always shown)]' \
'--no-abbrev[sentry-cli'\''s legacy flag, without effect there too]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(delete)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'--strict[Exit 3 when the release does not exist]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':release_version -- The version name, e.g. 1.4.0 or backend@1.4.0+build.7 (after `--` if it starts with '\''-'\''):_default' \
&& ret=0
;;
(archive)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':release_version -- The version name, e.g. 1.4.0 or backend@1.4.0+build.7 (after `--` if it starts with '\''-'\''):_default' \
&& ret=0
;;
(restore)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':release_version -- The version name, e.g. 1.4.0 or backend@1.4.0+build.7 (after `--` if it starts with '\''-'\''):_default' \
&& ret=0
;;
(propose-version)
_arguments "${_arguments_options[@]}" : \
'--repo=[Directory of the git repository to read HEAD from (default\: the current one)]:DIR:_files' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(deploys)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':release_version -- The version name, e.g. 1.4.0 or backend@1.4.0+build.7 (after `--` if it starts with '\''-'\''):_default' \
":: :_relctl__subcmd__release__subcmd__deploys_commands" \
"*::: :->deploys" \
&& ret=0

    case $state in
    (deploys)
        words=($line[2] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-release-deploys-command-$line[2]:"
        case $line[2] in
            (new)
_arguments "${_arguments_options[@]}" : \
'-e+[Environment, e.g. production]:ENV:_default' \
'--env=[Environment, e.g. production]:ENV:_default' \
'-n+[Name of the deploy]:NAME:_default' \
'--name=[Name of the deploy]:NAME:_default' \
'-u+[URL of the deploy]:URL:_default' \
'--url=[URL of the deploy]:URL:_default' \
'--deploy-url=[URL of the deploy]:URL:_default' \
'(-t --time)--started=[When it started (unix seconds, RFC 3339 or RFC 2822)]:TIMESTAMP:_default' \
'(-t --time)--finished=[When it finished (default now)]:TIMESTAMP:_default' \
'-t+[It took this many seconds and finished now (instead of --started/--finished)]:SECONDS:_default' \
'--time=[It took this many seconds and finished now (instead of --started/--finished)]:SECONDS:_default' \
'*-p+[Only these projects of the release (default\: all of them)]:PROJECT:_default' \
'*--project=[Only these projects of the release (default\: all of them)]:PROJECT:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__release__subcmd__deploys__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-release-deploys-help-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__release__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-release-help-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(set-commits)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(finalize)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(info)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(delete)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(archive)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(restore)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(propose-version)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(deploys)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__release__subcmd__help__subcmd__deploys_commands" \
"*::: :->deploys" \
&& ret=0

    case $state in
    (deploys)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-release-help-deploys-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(deploy)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_relctl__subcmd__deploy_commands" \
"*::: :->deploy" \
&& ret=0

    case $state in
    (deploy)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-deploy-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
'-r+[The release (env SENTRY_RELEASE; --release=VERSION if it starts with '\''-'\'')]:VERSION:_default' \
'--release=[The release (env SENTRY_RELEASE; --release=VERSION if it starts with '\''-'\'')]:VERSION:_default' \
'-e+[Environment, e.g. production]:ENV:_default' \
'--env=[Environment, e.g. production]:ENV:_default' \
'-n+[Name of the deploy]:NAME:_default' \
'--name=[Name of the deploy]:NAME:_default' \
'-u+[URL of the deploy]:URL:_default' \
'--url=[URL of the deploy]:URL:_default' \
'--deploy-url=[URL of the deploy]:URL:_default' \
'(-t --time)--started=[When it started (unix seconds, RFC 3339 or RFC 2822)]:TIMESTAMP:_default' \
'(-t --time)--finished=[When it finished (default now)]:TIMESTAMP:_default' \
'-t+[It took this many seconds and finished now (instead of --started/--finished)]:SECONDS:_default' \
'--time=[It took this many seconds and finished now (instead of --started/--finished)]:SECONDS:_default' \
'*-p+[Only these projects of the release (default\: all of them)]:PROJECT:_default' \
'*--project=[Only these projects of the release (default\: all of them)]:PROJECT:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'-r+[The release (env SENTRY_RELEASE; --release=VERSION if it starts with '\''-'\'')]:VERSION:_default' \
'--release=[The release (env SENTRY_RELEASE; --release=VERSION if it starts with '\''-'\'')]:VERSION:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__deploy__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-deploy-help-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(deploys)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_relctl__subcmd__deploy_commands" \
"*::: :->deploy" \
&& ret=0

    case $state in
    (deploy)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-deploy-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
'-r+[The release (env SENTRY_RELEASE; --release=VERSION if it starts with '\''-'\'')]:VERSION:_default' \
'--release=[The release (env SENTRY_RELEASE; --release=VERSION if it starts with '\''-'\'')]:VERSION:_default' \
'-e+[Environment, e.g. production]:ENV:_default' \
'--env=[Environment, e.g. production]:ENV:_default' \
'-n+[Name of the deploy]:NAME:_default' \
'--name=[Name of the deploy]:NAME:_default' \
'-u+[URL of the deploy]:URL:_default' \
'--url=[URL of the deploy]:URL:_default' \
'--deploy-url=[URL of the deploy]:URL:_default' \
'(-t --time)--started=[When it started (unix seconds, RFC 3339 or RFC 2822)]:TIMESTAMP:_default' \
'(-t --time)--finished=[When it finished (default now)]:TIMESTAMP:_default' \
'-t+[It took this many seconds and finished now (instead of --started/--finished)]:SECONDS:_default' \
'--time=[It took this many seconds and finished now (instead of --started/--finished)]:SECONDS:_default' \
'*-p+[Only these projects of the release (default\: all of them)]:PROJECT:_default' \
'*--project=[Only these projects of the release (default\: all of them)]:PROJECT:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'-r+[The release (env SENTRY_RELEASE; --release=VERSION if it starts with '\''-'\'')]:VERSION:_default' \
'--release=[The release (env SENTRY_RELEASE; --release=VERSION if it starts with '\''-'\'')]:VERSION:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__deploy__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-deploy-help-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(issue)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_relctl__subcmd__issue_commands" \
"*::: :->issue" \
&& ret=0

    case $state in
    (issue)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-issue-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
'*-p+[The project (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'*--project=[The project (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':title -- What went wrong:_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'*-p+[]:PROJECT:_default' \
'*--project=[]:PROJECT:_default' \
'--status=[]:STATUS:((unresolved\:""
resolved\:""
ignored\:"Muted"))' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'--inbox[Only issues in the inbox]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':short_id -- e.g. BACKEND-1Z:_default' \
&& ret=0
;;
(review)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':short_id:_default' \
&& ret=0
;;
(resolve)
_arguments "${_arguments_options[@]}" : \
'*-p+[Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'*--project=[Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'*-i+[sentry-cli\: the issue with this numeric id (repeatable)]:ID:_default' \
'*--id=[sentry-cli\: the issue with this numeric id (repeatable)]:ID:_default' \
'-s+[sentry-cli\: every issue in this status (at most 1000)]:STATUS:(resolved unresolved muted)' \
'--status=[sentry-cli\: every issue in this status (at most 1000)]:STATUS:(resolved unresolved muted)' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-a[sentry-cli\: every issue (at most 1000)]' \
'--all[sentry-cli\: every issue (at most 1000)]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::short_ids -- The issues, e.g. BACKEND-1Z:_default' \
&& ret=0
;;
(mute)
_arguments "${_arguments_options[@]}" : \
'*-p+[Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'*--project=[Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'*-i+[sentry-cli\: the issue with this numeric id (repeatable)]:ID:_default' \
'*--id=[sentry-cli\: the issue with this numeric id (repeatable)]:ID:_default' \
'-s+[sentry-cli\: every issue in this status (at most 1000)]:STATUS:(resolved unresolved muted)' \
'--status=[sentry-cli\: every issue in this status (at most 1000)]:STATUS:(resolved unresolved muted)' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-a[sentry-cli\: every issue (at most 1000)]' \
'--all[sentry-cli\: every issue (at most 1000)]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::short_ids -- The issues, e.g. BACKEND-1Z:_default' \
&& ret=0
;;
(unresolve)
_arguments "${_arguments_options[@]}" : \
'*-p+[Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'*--project=[Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'*-i+[sentry-cli\: the issue with this numeric id (repeatable)]:ID:_default' \
'*--id=[sentry-cli\: the issue with this numeric id (repeatable)]:ID:_default' \
'-s+[sentry-cli\: every issue in this status (at most 1000)]:STATUS:(resolved unresolved muted)' \
'--status=[sentry-cli\: every issue in this status (at most 1000)]:STATUS:(resolved unresolved muted)' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-a[sentry-cli\: every issue (at most 1000)]' \
'--all[sentry-cli\: every issue (at most 1000)]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::short_ids -- The issues, e.g. BACKEND-1Z:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__issue__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-issue-help-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(review)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(resolve)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(mute)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unresolve)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(issues)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_relctl__subcmd__issue_commands" \
"*::: :->issue" \
&& ret=0

    case $state in
    (issue)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-issue-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
'*-p+[The project (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'*--project=[The project (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':title -- What went wrong:_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'*-p+[]:PROJECT:_default' \
'*--project=[]:PROJECT:_default' \
'--status=[]:STATUS:((unresolved\:""
resolved\:""
ignored\:"Muted"))' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'--inbox[Only issues in the inbox]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':short_id -- e.g. BACKEND-1Z:_default' \
&& ret=0
;;
(review)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':short_id:_default' \
&& ret=0
;;
(resolve)
_arguments "${_arguments_options[@]}" : \
'*-p+[Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'*--project=[Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'*-i+[sentry-cli\: the issue with this numeric id (repeatable)]:ID:_default' \
'*--id=[sentry-cli\: the issue with this numeric id (repeatable)]:ID:_default' \
'-s+[sentry-cli\: every issue in this status (at most 1000)]:STATUS:(resolved unresolved muted)' \
'--status=[sentry-cli\: every issue in this status (at most 1000)]:STATUS:(resolved unresolved muted)' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-a[sentry-cli\: every issue (at most 1000)]' \
'--all[sentry-cli\: every issue (at most 1000)]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::short_ids -- The issues, e.g. BACKEND-1Z:_default' \
&& ret=0
;;
(mute)
_arguments "${_arguments_options[@]}" : \
'*-p+[Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'*--project=[Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'*-i+[sentry-cli\: the issue with this numeric id (repeatable)]:ID:_default' \
'*--id=[sentry-cli\: the issue with this numeric id (repeatable)]:ID:_default' \
'-s+[sentry-cli\: every issue in this status (at most 1000)]:STATUS:(resolved unresolved muted)' \
'--status=[sentry-cli\: every issue in this status (at most 1000)]:STATUS:(resolved unresolved muted)' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-a[sentry-cli\: every issue (at most 1000)]' \
'--all[sentry-cli\: every issue (at most 1000)]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::short_ids -- The issues, e.g. BACKEND-1Z:_default' \
&& ret=0
;;
(unresolve)
_arguments "${_arguments_options[@]}" : \
'*-p+[Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'*--project=[Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)]:PROJECT:_default' \
'*-i+[sentry-cli\: the issue with this numeric id (repeatable)]:ID:_default' \
'*--id=[sentry-cli\: the issue with this numeric id (repeatable)]:ID:_default' \
'-s+[sentry-cli\: every issue in this status (at most 1000)]:STATUS:(resolved unresolved muted)' \
'--status=[sentry-cli\: every issue in this status (at most 1000)]:STATUS:(resolved unresolved muted)' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-a[sentry-cli\: every issue (at most 1000)]' \
'--all[sentry-cli\: every issue (at most 1000)]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'*::short_ids -- The issues, e.g. BACKEND-1Z:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__issue__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-issue-help-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(review)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(resolve)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(mute)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unresolve)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(repos)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_relctl__subcmd__repos_commands" \
"*::: :->repos" \
&& ret=0

    case $state in
    (repos)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-repos-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__repos__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-repos-help-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(info)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'--config-status-json[sentry-cli'\''s status document ({config, auth\: {type, successful}, have_dsn}); exit 0 whether the token works or not]' \
'--no-defaults[Leave out the default organization and project (sentry-cli'\''s\: check the token only)]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(config)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_relctl__subcmd__config_commands" \
"*::: :->config" \
&& ret=0

    case $state in
    (config)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-config-command-$line[1]:"
        case $line[1] in
            (show)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__config__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-config-help-command-$line[1]:"
        case $line[1] in
            (show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(serve)
_arguments "${_arguments_options[@]}" : \
'--bind=[Address to listen on (port 0 picks a free one; the address is printed) \[default\: 127.0.0.1\:8765\]]:ADDR:_default' \
'*--repo=[A local clone (usually a bare mirror) that \`refs\` in release updates are read from, as NAME=PATH with NAME the repository'\''s name (e.g. acme/backend); repeatable]:NAME=PATH:_default' \
'--max-body=[Largest request body accepted, in bytes (larger\: 413) \[default\: 20971520\]]:BYTES:_default' \
'--pool-size=[Connections to a PostgreSQL store kept open at most (requests beyond wait for one); no effect on a SQLite store, whose writes take turns anyway \[default\: 16\]]:N:_default' \
'--header-timeout=[Seconds a client may take to send a request'\''s headers, counted from the connection (or from the first byte of its next request); slower connections are closed \[default\: 10\]]:S:_default' \
'--max-connections=[Client connections open at once at most; more are closed as they arrive \[default\: three quarters of the descriptor limit, at most 16384\]]:N:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'--public-pages[Open the release pages (/, /releases/VERSION, /issues) to anyone, without logging in with a token; the API still needs its tokens]' \
'--metrics-public[Answer /metrics without a token (else it needs one with org\:read); /healthz and /readyz never need one]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(token)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_relctl__subcmd__token_commands" \
"*::: :->token" \
&& ret=0

    case $state in
    (token)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-token-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
'*--scopes=[Scopes, by Sentry'\''s names (repeatable or comma-separated; default project\:releases, org\:read), e.g. project\:releases org\:read project\:admin event\:write]:SCOPE:_default' \
'--name=[A name to recognise the token by (e.g. the CI system using it)]:NAME:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'--all-organizations[Let the token act in every organization of the store (an instance-wide token); without it, the token acts only in the organization in effect (-o, else the default)]' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(revoke)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':id -- The id `token list` shows:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__token__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-token-help-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(revoke)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(store)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_relctl__subcmd__store_commands" \
"*::: :->store" \
&& ret=0

    case $state in
    (store)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-store-command-$line[1]:"
        case $line[1] in
            (migrate)
_arguments "${_arguments_options[@]}" : \
'--from=[The SQLite store to copy (only read)]:PATH:_files' \
'--to=[The PostgreSQL database to copy into\: postgres\://USER\[\:PASSWORD\]@HOST\[\:PORT\]/DATABASE]:URL:_default' \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__store__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-store-help-command-$line[1]:"
        case $line[1] in
            (migrate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'--store=[The store\: a SQLite file, or a postgres\://USER@HOST/DB URL for a shared one (env RELCTL_STORE; default \$XDG_DATA_HOME/relctl/relctl.db)]:PATH|URL:_files' \
'--auth-token=[Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed]:TOKEN:_default' \
'-o+[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--org=[Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")]:ORG:_default' \
'--format=[Output format (env RELCTL_FORMAT)]:FORMAT:(table json)' \
'--config=[The only config file to read (env RELCTL_CONFIG; default\: \$XDG_CONFIG_HOME/relctl/config.toml with the nearest .relctl.toml up to the git repository'\''s root or \$HOME on top)]:FILE:_files' \
'--timeout=[Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)]:SECONDS:_default' \
'*--header=[sentry-cli'\''s\: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)]:KEY:VALUE:_default' \
'--log-level=[sentry-cli'\''s\: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)]:LEVEL:_default' \
'-q[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'--quiet[Writing commands print nothing on success (the exit code says it); what a read command was asked for, --format json output, warnings and errors still print]' \
'*-v[More detail on stderr (repeatable)]' \
'*--verbose[More detail on stderr (repeatable)]' \
'--no-progress[Never draw progress bars]' \
'--dry-run[Print the requests a writing command would send (method, path, body) and send nothing]' \
'--allow-failure[sentry-cli'\''s\: exit 0 when the server or the network fails (exit 5 or 6), the error still on stderr (env SENTRY_ALLOW_FAILURE)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':shell -- bash, zsh, fish, powershell or elvish:(bash elvish fish powershell zsh)' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-help-command-$line[1]:"
        case $line[1] in
            (org)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__help__subcmd__org_commands" \
"*::: :->org" \
&& ret=0

    case $state in
    (org)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-help-org-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(set)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(audit)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(project)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__help__subcmd__project_commands" \
"*::: :->project" \
&& ret=0

    case $state in
    (project)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-help-project-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(delete)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(release)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__help__subcmd__release_commands" \
"*::: :->release" \
&& ret=0

    case $state in
    (release)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-help-release-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(set-commits)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(finalize)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(info)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(delete)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(archive)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(restore)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(propose-version)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(deploys)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__help__subcmd__release__subcmd__deploys_commands" \
"*::: :->deploys" \
&& ret=0

    case $state in
    (deploys)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-help-release-deploys-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(deploy)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__help__subcmd__deploy_commands" \
"*::: :->deploy" \
&& ret=0

    case $state in
    (deploy)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-help-deploy-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(issue)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__help__subcmd__issue_commands" \
"*::: :->issue" \
&& ret=0

    case $state in
    (issue)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-help-issue-command-$line[1]:"
        case $line[1] in
            (new)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(review)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(resolve)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(mute)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(unresolve)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(repos)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__help__subcmd__repos_commands" \
"*::: :->repos" \
&& ret=0

    case $state in
    (repos)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-help-repos-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(info)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(config)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__help__subcmd__config_commands" \
"*::: :->config" \
&& ret=0

    case $state in
    (config)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-help-config-command-$line[1]:"
        case $line[1] in
            (show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(serve)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(token)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__help__subcmd__token_commands" \
"*::: :->token" \
&& ret=0

    case $state in
    (token)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-help-token-command-$line[1]:"
        case $line[1] in
            (create)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(revoke)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(store)
_arguments "${_arguments_options[@]}" : \
":: :_relctl__subcmd__help__subcmd__store_commands" \
"*::: :->store" \
&& ret=0

    case $state in
    (store)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:relctl-help-store-command-$line[1]:"
        case $line[1] in
            (migrate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(completions)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_relctl_commands] )) ||
_relctl_commands() {
    local commands; commands=(
'org:Organizations and their options' \
'organizations:Organizations and their options' \
'project:Projects\: create with a unique slug and a snowflake id, list, show, delete' \
'projects:Projects\: create with a unique slug and a snowflake id, list, show, delete' \
'release:Releases\: create, bind commits, finalize, inspect' \
'releases:Releases\: create, bind commits, finalize, inspect' \
'deploy:Deploys of a release' \
'deploys:Deploys of a release' \
'issue:Issues and the inbox' \
'issues:Issues and the inbox' \
'repos:The repositories the target knows' \
'info:The target, whether it takes the token, and its scopes (exit 6 if not)' \
'config:The resolved configuration' \
'serve:Serve Sentry'\''s releases API over the local store, for CI runners and Sentry clients' \
'token:API tokens for \`relctl serve\`' \
'store:The store itself\: copy a SQLite store into PostgreSQL' \
'completions:Print a completion script' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl commands' commands "$@"
}
(( $+functions[_relctl__subcmd__completions_commands] )) ||
_relctl__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'relctl completions commands' commands "$@"
}
(( $+functions[_relctl__subcmd__config_commands] )) ||
_relctl__subcmd__config_commands() {
    local commands; commands=(
'show:Print every setting, its value and its source (tokens redacted)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl config commands' commands "$@"
}
(( $+functions[_relctl__subcmd__config__subcmd__help_commands] )) ||
_relctl__subcmd__config__subcmd__help_commands() {
    local commands; commands=(
'show:Print every setting, its value and its source (tokens redacted)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl config help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__config__subcmd__help__subcmd__help_commands] )) ||
_relctl__subcmd__config__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'relctl config help help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__config__subcmd__help__subcmd__show_commands] )) ||
_relctl__subcmd__config__subcmd__help__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'relctl config help show commands' commands "$@"
}
(( $+functions[_relctl__subcmd__config__subcmd__show_commands] )) ||
_relctl__subcmd__config__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'relctl config show commands' commands "$@"
}
(( $+functions[_relctl__subcmd__deploy_commands] )) ||
_relctl__subcmd__deploy_commands() {
    local commands; commands=(
'new:Record a deploy of a release to an environment' \
'list:List the deploys of a release, newest first' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl deploy commands' commands "$@"
}
(( $+functions[_relctl__subcmd__deploy__subcmd__help_commands] )) ||
_relctl__subcmd__deploy__subcmd__help_commands() {
    local commands; commands=(
'new:Record a deploy of a release to an environment' \
'list:List the deploys of a release, newest first' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl deploy help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__deploy__subcmd__help__subcmd__help_commands] )) ||
_relctl__subcmd__deploy__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'relctl deploy help help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__deploy__subcmd__help__subcmd__list_commands] )) ||
_relctl__subcmd__deploy__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl deploy help list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__deploy__subcmd__help__subcmd__new_commands] )) ||
_relctl__subcmd__deploy__subcmd__help__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'relctl deploy help new commands' commands "$@"
}
(( $+functions[_relctl__subcmd__deploy__subcmd__list_commands] )) ||
_relctl__subcmd__deploy__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl deploy list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__deploy__subcmd__new_commands] )) ||
_relctl__subcmd__deploy__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'relctl deploy new commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help_commands] )) ||
_relctl__subcmd__help_commands() {
    local commands; commands=(
'org:Organizations and their options' \
'project:Projects\: create with a unique slug and a snowflake id, list, show, delete' \
'release:Releases\: create, bind commits, finalize, inspect' \
'deploy:Deploys of a release' \
'issue:Issues and the inbox' \
'repos:The repositories the target knows' \
'info:The target, whether it takes the token, and its scopes (exit 6 if not)' \
'config:The resolved configuration' \
'serve:Serve Sentry'\''s releases API over the local store, for CI runners and Sentry clients' \
'token:API tokens for \`relctl serve\`' \
'store:The store itself\: copy a SQLite store into PostgreSQL' \
'completions:Print a completion script' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__completions_commands] )) ||
_relctl__subcmd__help__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help completions commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__config_commands] )) ||
_relctl__subcmd__help__subcmd__config_commands() {
    local commands; commands=(
'show:Print every setting, its value and its source (tokens redacted)' \
    )
    _describe -t commands 'relctl help config commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__config__subcmd__show_commands] )) ||
_relctl__subcmd__help__subcmd__config__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help config show commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__deploy_commands] )) ||
_relctl__subcmd__help__subcmd__deploy_commands() {
    local commands; commands=(
'new:Record a deploy of a release to an environment' \
'list:List the deploys of a release, newest first' \
    )
    _describe -t commands 'relctl help deploy commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__deploy__subcmd__list_commands] )) ||
_relctl__subcmd__help__subcmd__deploy__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help deploy list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__deploy__subcmd__new_commands] )) ||
_relctl__subcmd__help__subcmd__deploy__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help deploy new commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__help_commands] )) ||
_relctl__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__info_commands] )) ||
_relctl__subcmd__help__subcmd__info_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help info commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__issue_commands] )) ||
_relctl__subcmd__help__subcmd__issue_commands() {
    local commands; commands=(
'new:Create an issue with the project'\''s next short id, in the inbox' \
'list:List issues, newest first' \
'show:Show an issue with its activity and history' \
'review:Mark an issue reviewed\: out of the inbox' \
'resolve:Resolve issues now (in no release)\: out of the inbox, with activity and history' \
'mute:Mute (ignore) issues until unmuted\: out of the inbox, with activity and history' \
'unresolve:Unresolve issues (resolved or muted), with activity and history' \
    )
    _describe -t commands 'relctl help issue commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__issue__subcmd__list_commands] )) ||
_relctl__subcmd__help__subcmd__issue__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help issue list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__issue__subcmd__mute_commands] )) ||
_relctl__subcmd__help__subcmd__issue__subcmd__mute_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help issue mute commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__issue__subcmd__new_commands] )) ||
_relctl__subcmd__help__subcmd__issue__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help issue new commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__issue__subcmd__resolve_commands] )) ||
_relctl__subcmd__help__subcmd__issue__subcmd__resolve_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help issue resolve commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__issue__subcmd__review_commands] )) ||
_relctl__subcmd__help__subcmd__issue__subcmd__review_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help issue review commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__issue__subcmd__show_commands] )) ||
_relctl__subcmd__help__subcmd__issue__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help issue show commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__issue__subcmd__unresolve_commands] )) ||
_relctl__subcmd__help__subcmd__issue__subcmd__unresolve_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help issue unresolve commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__org_commands] )) ||
_relctl__subcmd__help__subcmd__org_commands() {
    local commands; commands=(
'create:Create an organization in the local store' \
'list:List organizations' \
'show:Show the organization (--org) and every option'\''s value' \
'set:Set an organization option by its API field name (e.g. scrapeJavaScript false), or its name or slug' \
'audit:The audit log, newest first' \
    )
    _describe -t commands 'relctl help org commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__org__subcmd__audit_commands] )) ||
_relctl__subcmd__help__subcmd__org__subcmd__audit_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help org audit commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__org__subcmd__create_commands] )) ||
_relctl__subcmd__help__subcmd__org__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help org create commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__org__subcmd__list_commands] )) ||
_relctl__subcmd__help__subcmd__org__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help org list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__org__subcmd__set_commands] )) ||
_relctl__subcmd__help__subcmd__org__subcmd__set_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help org set commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__org__subcmd__show_commands] )) ||
_relctl__subcmd__help__subcmd__org__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help org show commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__project_commands] )) ||
_relctl__subcmd__help__subcmd__project_commands() {
    local commands; commands=(
'create:Create a project; its slug comes from the name unless --slug is given' \
'list:List the organization'\''s projects' \
'show:Show one project' \
'delete:Delete a project and everything that belongs to it' \
    )
    _describe -t commands 'relctl help project commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__project__subcmd__create_commands] )) ||
_relctl__subcmd__help__subcmd__project__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help project create commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__project__subcmd__delete_commands] )) ||
_relctl__subcmd__help__subcmd__project__subcmd__delete_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help project delete commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__project__subcmd__list_commands] )) ||
_relctl__subcmd__help__subcmd__project__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help project list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__project__subcmd__show_commands] )) ||
_relctl__subcmd__help__subcmd__project__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help project show commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__release_commands] )) ||
_relctl__subcmd__help__subcmd__release_commands() {
    local commands; commands=(
'new:Create a release (or load the existing one) and link it to projects' \
'set-commits:Bind commits read from the local git repository and resolve the issues they fix' \
'finalize:Mark a release as released (dateReleased, default now)' \
'info:Show a release' \
'list:List releases, newest first' \
'delete:Delete a release (a missing one is not an error unless --strict)' \
'archive:Archive a release' \
'restore:Restore an archived release' \
'propose-version:Print a version name from CI environment variables, else the git HEAD sha' \
'deploys:sentry-cli'\''s older form of \`deploy\`\: \`release deploys VERSION new|list\`' \
    )
    _describe -t commands 'relctl help release commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__release__subcmd__archive_commands] )) ||
_relctl__subcmd__help__subcmd__release__subcmd__archive_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help release archive commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__release__subcmd__delete_commands] )) ||
_relctl__subcmd__help__subcmd__release__subcmd__delete_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help release delete commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__release__subcmd__deploys_commands] )) ||
_relctl__subcmd__help__subcmd__release__subcmd__deploys_commands() {
    local commands; commands=(
'new:Record a deploy of the release to an environment (relctl deploy new -r VERSION)' \
'list:List the deploys of the release, newest first (relctl deploy list -r VERSION)' \
    )
    _describe -t commands 'relctl help release deploys commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__release__subcmd__deploys__subcmd__list_commands] )) ||
_relctl__subcmd__help__subcmd__release__subcmd__deploys__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help release deploys list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__release__subcmd__deploys__subcmd__new_commands] )) ||
_relctl__subcmd__help__subcmd__release__subcmd__deploys__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help release deploys new commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__release__subcmd__finalize_commands] )) ||
_relctl__subcmd__help__subcmd__release__subcmd__finalize_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help release finalize commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__release__subcmd__info_commands] )) ||
_relctl__subcmd__help__subcmd__release__subcmd__info_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help release info commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__release__subcmd__list_commands] )) ||
_relctl__subcmd__help__subcmd__release__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help release list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__release__subcmd__new_commands] )) ||
_relctl__subcmd__help__subcmd__release__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help release new commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__release__subcmd__propose-version_commands] )) ||
_relctl__subcmd__help__subcmd__release__subcmd__propose-version_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help release propose-version commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__release__subcmd__restore_commands] )) ||
_relctl__subcmd__help__subcmd__release__subcmd__restore_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help release restore commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__release__subcmd__set-commits_commands] )) ||
_relctl__subcmd__help__subcmd__release__subcmd__set-commits_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help release set-commits commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__repos_commands] )) ||
_relctl__subcmd__help__subcmd__repos_commands() {
    local commands; commands=(
'list:List the repositories of the organization' \
    )
    _describe -t commands 'relctl help repos commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__repos__subcmd__list_commands] )) ||
_relctl__subcmd__help__subcmd__repos__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help repos list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__serve_commands] )) ||
_relctl__subcmd__help__subcmd__serve_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help serve commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__store_commands] )) ||
_relctl__subcmd__help__subcmd__store_commands() {
    local commands; commands=(
'migrate:Copy a SQLite store into PostgreSQL, ids and all, in one verified transaction' \
    )
    _describe -t commands 'relctl help store commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__store__subcmd__migrate_commands] )) ||
_relctl__subcmd__help__subcmd__store__subcmd__migrate_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help store migrate commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__token_commands] )) ||
_relctl__subcmd__help__subcmd__token_commands() {
    local commands; commands=(
'create:Create a token; its secret is printed this once' \
'list:List tokens\: id, name, organization, scopes, created, last used (never the secret)' \
'revoke:Revoke a token by id' \
    )
    _describe -t commands 'relctl help token commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__token__subcmd__create_commands] )) ||
_relctl__subcmd__help__subcmd__token__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help token create commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__token__subcmd__list_commands] )) ||
_relctl__subcmd__help__subcmd__token__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help token list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__help__subcmd__token__subcmd__revoke_commands] )) ||
_relctl__subcmd__help__subcmd__token__subcmd__revoke_commands() {
    local commands; commands=()
    _describe -t commands 'relctl help token revoke commands' commands "$@"
}
(( $+functions[_relctl__subcmd__info_commands] )) ||
_relctl__subcmd__info_commands() {
    local commands; commands=()
    _describe -t commands 'relctl info commands' commands "$@"
}
(( $+functions[_relctl__subcmd__issue_commands] )) ||
_relctl__subcmd__issue_commands() {
    local commands; commands=(
'new:Create an issue with the project'\''s next short id, in the inbox' \
'list:List issues, newest first' \
'show:Show an issue with its activity and history' \
'review:Mark an issue reviewed\: out of the inbox' \
'resolve:Resolve issues now (in no release)\: out of the inbox, with activity and history' \
'mute:Mute (ignore) issues until unmuted\: out of the inbox, with activity and history' \
'unresolve:Unresolve issues (resolved or muted), with activity and history' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl issue commands' commands "$@"
}
(( $+functions[_relctl__subcmd__issue__subcmd__help_commands] )) ||
_relctl__subcmd__issue__subcmd__help_commands() {
    local commands; commands=(
'new:Create an issue with the project'\''s next short id, in the inbox' \
'list:List issues, newest first' \
'show:Show an issue with its activity and history' \
'review:Mark an issue reviewed\: out of the inbox' \
'resolve:Resolve issues now (in no release)\: out of the inbox, with activity and history' \
'mute:Mute (ignore) issues until unmuted\: out of the inbox, with activity and history' \
'unresolve:Unresolve issues (resolved or muted), with activity and history' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl issue help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__issue__subcmd__help__subcmd__help_commands] )) ||
_relctl__subcmd__issue__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'relctl issue help help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__issue__subcmd__help__subcmd__list_commands] )) ||
_relctl__subcmd__issue__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl issue help list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__issue__subcmd__help__subcmd__mute_commands] )) ||
_relctl__subcmd__issue__subcmd__help__subcmd__mute_commands() {
    local commands; commands=()
    _describe -t commands 'relctl issue help mute commands' commands "$@"
}
(( $+functions[_relctl__subcmd__issue__subcmd__help__subcmd__new_commands] )) ||
_relctl__subcmd__issue__subcmd__help__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'relctl issue help new commands' commands "$@"
}
(( $+functions[_relctl__subcmd__issue__subcmd__help__subcmd__resolve_commands] )) ||
_relctl__subcmd__issue__subcmd__help__subcmd__resolve_commands() {
    local commands; commands=()
    _describe -t commands 'relctl issue help resolve commands' commands "$@"
}
(( $+functions[_relctl__subcmd__issue__subcmd__help__subcmd__review_commands] )) ||
_relctl__subcmd__issue__subcmd__help__subcmd__review_commands() {
    local commands; commands=()
    _describe -t commands 'relctl issue help review commands' commands "$@"
}
(( $+functions[_relctl__subcmd__issue__subcmd__help__subcmd__show_commands] )) ||
_relctl__subcmd__issue__subcmd__help__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'relctl issue help show commands' commands "$@"
}
(( $+functions[_relctl__subcmd__issue__subcmd__help__subcmd__unresolve_commands] )) ||
_relctl__subcmd__issue__subcmd__help__subcmd__unresolve_commands() {
    local commands; commands=()
    _describe -t commands 'relctl issue help unresolve commands' commands "$@"
}
(( $+functions[_relctl__subcmd__issue__subcmd__list_commands] )) ||
_relctl__subcmd__issue__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl issue list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__issue__subcmd__mute_commands] )) ||
_relctl__subcmd__issue__subcmd__mute_commands() {
    local commands; commands=()
    _describe -t commands 'relctl issue mute commands' commands "$@"
}
(( $+functions[_relctl__subcmd__issue__subcmd__new_commands] )) ||
_relctl__subcmd__issue__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'relctl issue new commands' commands "$@"
}
(( $+functions[_relctl__subcmd__issue__subcmd__resolve_commands] )) ||
_relctl__subcmd__issue__subcmd__resolve_commands() {
    local commands; commands=()
    _describe -t commands 'relctl issue resolve commands' commands "$@"
}
(( $+functions[_relctl__subcmd__issue__subcmd__review_commands] )) ||
_relctl__subcmd__issue__subcmd__review_commands() {
    local commands; commands=()
    _describe -t commands 'relctl issue review commands' commands "$@"
}
(( $+functions[_relctl__subcmd__issue__subcmd__show_commands] )) ||
_relctl__subcmd__issue__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'relctl issue show commands' commands "$@"
}
(( $+functions[_relctl__subcmd__issue__subcmd__unresolve_commands] )) ||
_relctl__subcmd__issue__subcmd__unresolve_commands() {
    local commands; commands=()
    _describe -t commands 'relctl issue unresolve commands' commands "$@"
}
(( $+functions[_relctl__subcmd__org_commands] )) ||
_relctl__subcmd__org_commands() {
    local commands; commands=(
'create:Create an organization in the local store' \
'list:List organizations' \
'show:Show the organization (--org) and every option'\''s value' \
'set:Set an organization option by its API field name (e.g. scrapeJavaScript false), or its name or slug' \
'audit:The audit log, newest first' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl org commands' commands "$@"
}
(( $+functions[_relctl__subcmd__org__subcmd__audit_commands] )) ||
_relctl__subcmd__org__subcmd__audit_commands() {
    local commands; commands=()
    _describe -t commands 'relctl org audit commands' commands "$@"
}
(( $+functions[_relctl__subcmd__org__subcmd__create_commands] )) ||
_relctl__subcmd__org__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'relctl org create commands' commands "$@"
}
(( $+functions[_relctl__subcmd__org__subcmd__help_commands] )) ||
_relctl__subcmd__org__subcmd__help_commands() {
    local commands; commands=(
'create:Create an organization in the local store' \
'list:List organizations' \
'show:Show the organization (--org) and every option'\''s value' \
'set:Set an organization option by its API field name (e.g. scrapeJavaScript false), or its name or slug' \
'audit:The audit log, newest first' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl org help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__org__subcmd__help__subcmd__audit_commands] )) ||
_relctl__subcmd__org__subcmd__help__subcmd__audit_commands() {
    local commands; commands=()
    _describe -t commands 'relctl org help audit commands' commands "$@"
}
(( $+functions[_relctl__subcmd__org__subcmd__help__subcmd__create_commands] )) ||
_relctl__subcmd__org__subcmd__help__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'relctl org help create commands' commands "$@"
}
(( $+functions[_relctl__subcmd__org__subcmd__help__subcmd__help_commands] )) ||
_relctl__subcmd__org__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'relctl org help help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__org__subcmd__help__subcmd__list_commands] )) ||
_relctl__subcmd__org__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl org help list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__org__subcmd__help__subcmd__set_commands] )) ||
_relctl__subcmd__org__subcmd__help__subcmd__set_commands() {
    local commands; commands=()
    _describe -t commands 'relctl org help set commands' commands "$@"
}
(( $+functions[_relctl__subcmd__org__subcmd__help__subcmd__show_commands] )) ||
_relctl__subcmd__org__subcmd__help__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'relctl org help show commands' commands "$@"
}
(( $+functions[_relctl__subcmd__org__subcmd__list_commands] )) ||
_relctl__subcmd__org__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl org list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__org__subcmd__set_commands] )) ||
_relctl__subcmd__org__subcmd__set_commands() {
    local commands; commands=()
    _describe -t commands 'relctl org set commands' commands "$@"
}
(( $+functions[_relctl__subcmd__org__subcmd__show_commands] )) ||
_relctl__subcmd__org__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'relctl org show commands' commands "$@"
}
(( $+functions[_relctl__subcmd__project_commands] )) ||
_relctl__subcmd__project_commands() {
    local commands; commands=(
'create:Create a project; its slug comes from the name unless --slug is given' \
'list:List the organization'\''s projects' \
'show:Show one project' \
'delete:Delete a project and everything that belongs to it' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl project commands' commands "$@"
}
(( $+functions[_relctl__subcmd__project__subcmd__create_commands] )) ||
_relctl__subcmd__project__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'relctl project create commands' commands "$@"
}
(( $+functions[_relctl__subcmd__project__subcmd__delete_commands] )) ||
_relctl__subcmd__project__subcmd__delete_commands() {
    local commands; commands=()
    _describe -t commands 'relctl project delete commands' commands "$@"
}
(( $+functions[_relctl__subcmd__project__subcmd__help_commands] )) ||
_relctl__subcmd__project__subcmd__help_commands() {
    local commands; commands=(
'create:Create a project; its slug comes from the name unless --slug is given' \
'list:List the organization'\''s projects' \
'show:Show one project' \
'delete:Delete a project and everything that belongs to it' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl project help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__project__subcmd__help__subcmd__create_commands] )) ||
_relctl__subcmd__project__subcmd__help__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'relctl project help create commands' commands "$@"
}
(( $+functions[_relctl__subcmd__project__subcmd__help__subcmd__delete_commands] )) ||
_relctl__subcmd__project__subcmd__help__subcmd__delete_commands() {
    local commands; commands=()
    _describe -t commands 'relctl project help delete commands' commands "$@"
}
(( $+functions[_relctl__subcmd__project__subcmd__help__subcmd__help_commands] )) ||
_relctl__subcmd__project__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'relctl project help help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__project__subcmd__help__subcmd__list_commands] )) ||
_relctl__subcmd__project__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl project help list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__project__subcmd__help__subcmd__show_commands] )) ||
_relctl__subcmd__project__subcmd__help__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'relctl project help show commands' commands "$@"
}
(( $+functions[_relctl__subcmd__project__subcmd__list_commands] )) ||
_relctl__subcmd__project__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl project list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__project__subcmd__show_commands] )) ||
_relctl__subcmd__project__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'relctl project show commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release_commands] )) ||
_relctl__subcmd__release_commands() {
    local commands; commands=(
'new:Create a release (or load the existing one) and link it to projects' \
'set-commits:Bind commits read from the local git repository and resolve the issues they fix' \
'finalize:Mark a release as released (dateReleased, default now)' \
'info:Show a release' \
'list:List releases, newest first' \
'delete:Delete a release (a missing one is not an error unless --strict)' \
'archive:Archive a release' \
'restore:Restore an archived release' \
'propose-version:Print a version name from CI environment variables, else the git HEAD sha' \
'deploys:sentry-cli'\''s older form of \`deploy\`\: \`release deploys VERSION new|list\`' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl release commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__archive_commands] )) ||
_relctl__subcmd__release__subcmd__archive_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release archive commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__delete_commands] )) ||
_relctl__subcmd__release__subcmd__delete_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release delete commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__deploys_commands] )) ||
_relctl__subcmd__release__subcmd__deploys_commands() {
    local commands; commands=(
'new:Record a deploy of the release to an environment (relctl deploy new -r VERSION)' \
'list:List the deploys of the release, newest first (relctl deploy list -r VERSION)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl release deploys commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__deploys__subcmd__help_commands] )) ||
_relctl__subcmd__release__subcmd__deploys__subcmd__help_commands() {
    local commands; commands=(
'new:Record a deploy of the release to an environment (relctl deploy new -r VERSION)' \
'list:List the deploys of the release, newest first (relctl deploy list -r VERSION)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl release deploys help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__deploys__subcmd__help__subcmd__help_commands] )) ||
_relctl__subcmd__release__subcmd__deploys__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release deploys help help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__deploys__subcmd__help__subcmd__list_commands] )) ||
_relctl__subcmd__release__subcmd__deploys__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release deploys help list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__deploys__subcmd__help__subcmd__new_commands] )) ||
_relctl__subcmd__release__subcmd__deploys__subcmd__help__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release deploys help new commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__deploys__subcmd__list_commands] )) ||
_relctl__subcmd__release__subcmd__deploys__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release deploys list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__deploys__subcmd__new_commands] )) ||
_relctl__subcmd__release__subcmd__deploys__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release deploys new commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__finalize_commands] )) ||
_relctl__subcmd__release__subcmd__finalize_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release finalize commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__help_commands] )) ||
_relctl__subcmd__release__subcmd__help_commands() {
    local commands; commands=(
'new:Create a release (or load the existing one) and link it to projects' \
'set-commits:Bind commits read from the local git repository and resolve the issues they fix' \
'finalize:Mark a release as released (dateReleased, default now)' \
'info:Show a release' \
'list:List releases, newest first' \
'delete:Delete a release (a missing one is not an error unless --strict)' \
'archive:Archive a release' \
'restore:Restore an archived release' \
'propose-version:Print a version name from CI environment variables, else the git HEAD sha' \
'deploys:sentry-cli'\''s older form of \`deploy\`\: \`release deploys VERSION new|list\`' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl release help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__help__subcmd__archive_commands] )) ||
_relctl__subcmd__release__subcmd__help__subcmd__archive_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release help archive commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__help__subcmd__delete_commands] )) ||
_relctl__subcmd__release__subcmd__help__subcmd__delete_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release help delete commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__help__subcmd__deploys_commands] )) ||
_relctl__subcmd__release__subcmd__help__subcmd__deploys_commands() {
    local commands; commands=(
'new:Record a deploy of the release to an environment (relctl deploy new -r VERSION)' \
'list:List the deploys of the release, newest first (relctl deploy list -r VERSION)' \
    )
    _describe -t commands 'relctl release help deploys commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__help__subcmd__deploys__subcmd__list_commands] )) ||
_relctl__subcmd__release__subcmd__help__subcmd__deploys__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release help deploys list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__help__subcmd__deploys__subcmd__new_commands] )) ||
_relctl__subcmd__release__subcmd__help__subcmd__deploys__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release help deploys new commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__help__subcmd__finalize_commands] )) ||
_relctl__subcmd__release__subcmd__help__subcmd__finalize_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release help finalize commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__help__subcmd__help_commands] )) ||
_relctl__subcmd__release__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release help help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__help__subcmd__info_commands] )) ||
_relctl__subcmd__release__subcmd__help__subcmd__info_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release help info commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__help__subcmd__list_commands] )) ||
_relctl__subcmd__release__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release help list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__help__subcmd__new_commands] )) ||
_relctl__subcmd__release__subcmd__help__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release help new commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__help__subcmd__propose-version_commands] )) ||
_relctl__subcmd__release__subcmd__help__subcmd__propose-version_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release help propose-version commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__help__subcmd__restore_commands] )) ||
_relctl__subcmd__release__subcmd__help__subcmd__restore_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release help restore commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__help__subcmd__set-commits_commands] )) ||
_relctl__subcmd__release__subcmd__help__subcmd__set-commits_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release help set-commits commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__info_commands] )) ||
_relctl__subcmd__release__subcmd__info_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release info commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__list_commands] )) ||
_relctl__subcmd__release__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__new_commands] )) ||
_relctl__subcmd__release__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release new commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__propose-version_commands] )) ||
_relctl__subcmd__release__subcmd__propose-version_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release propose-version commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__restore_commands] )) ||
_relctl__subcmd__release__subcmd__restore_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release restore commands' commands "$@"
}
(( $+functions[_relctl__subcmd__release__subcmd__set-commits_commands] )) ||
_relctl__subcmd__release__subcmd__set-commits_commands() {
    local commands; commands=()
    _describe -t commands 'relctl release set-commits commands' commands "$@"
}
(( $+functions[_relctl__subcmd__repos_commands] )) ||
_relctl__subcmd__repos_commands() {
    local commands; commands=(
'list:List the repositories of the organization' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl repos commands' commands "$@"
}
(( $+functions[_relctl__subcmd__repos__subcmd__help_commands] )) ||
_relctl__subcmd__repos__subcmd__help_commands() {
    local commands; commands=(
'list:List the repositories of the organization' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl repos help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__repos__subcmd__help__subcmd__help_commands] )) ||
_relctl__subcmd__repos__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'relctl repos help help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__repos__subcmd__help__subcmd__list_commands] )) ||
_relctl__subcmd__repos__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl repos help list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__repos__subcmd__list_commands] )) ||
_relctl__subcmd__repos__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl repos list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__serve_commands] )) ||
_relctl__subcmd__serve_commands() {
    local commands; commands=()
    _describe -t commands 'relctl serve commands' commands "$@"
}
(( $+functions[_relctl__subcmd__store_commands] )) ||
_relctl__subcmd__store_commands() {
    local commands; commands=(
'migrate:Copy a SQLite store into PostgreSQL, ids and all, in one verified transaction' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl store commands' commands "$@"
}
(( $+functions[_relctl__subcmd__store__subcmd__help_commands] )) ||
_relctl__subcmd__store__subcmd__help_commands() {
    local commands; commands=(
'migrate:Copy a SQLite store into PostgreSQL, ids and all, in one verified transaction' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl store help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__store__subcmd__help__subcmd__help_commands] )) ||
_relctl__subcmd__store__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'relctl store help help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__store__subcmd__help__subcmd__migrate_commands] )) ||
_relctl__subcmd__store__subcmd__help__subcmd__migrate_commands() {
    local commands; commands=()
    _describe -t commands 'relctl store help migrate commands' commands "$@"
}
(( $+functions[_relctl__subcmd__store__subcmd__migrate_commands] )) ||
_relctl__subcmd__store__subcmd__migrate_commands() {
    local commands; commands=()
    _describe -t commands 'relctl store migrate commands' commands "$@"
}
(( $+functions[_relctl__subcmd__token_commands] )) ||
_relctl__subcmd__token_commands() {
    local commands; commands=(
'create:Create a token; its secret is printed this once' \
'list:List tokens\: id, name, organization, scopes, created, last used (never the secret)' \
'revoke:Revoke a token by id' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl token commands' commands "$@"
}
(( $+functions[_relctl__subcmd__token__subcmd__create_commands] )) ||
_relctl__subcmd__token__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'relctl token create commands' commands "$@"
}
(( $+functions[_relctl__subcmd__token__subcmd__help_commands] )) ||
_relctl__subcmd__token__subcmd__help_commands() {
    local commands; commands=(
'create:Create a token; its secret is printed this once' \
'list:List tokens\: id, name, organization, scopes, created, last used (never the secret)' \
'revoke:Revoke a token by id' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'relctl token help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__token__subcmd__help__subcmd__create_commands] )) ||
_relctl__subcmd__token__subcmd__help__subcmd__create_commands() {
    local commands; commands=()
    _describe -t commands 'relctl token help create commands' commands "$@"
}
(( $+functions[_relctl__subcmd__token__subcmd__help__subcmd__help_commands] )) ||
_relctl__subcmd__token__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'relctl token help help commands' commands "$@"
}
(( $+functions[_relctl__subcmd__token__subcmd__help__subcmd__list_commands] )) ||
_relctl__subcmd__token__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl token help list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__token__subcmd__help__subcmd__revoke_commands] )) ||
_relctl__subcmd__token__subcmd__help__subcmd__revoke_commands() {
    local commands; commands=()
    _describe -t commands 'relctl token help revoke commands' commands "$@"
}
(( $+functions[_relctl__subcmd__token__subcmd__list_commands] )) ||
_relctl__subcmd__token__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'relctl token list commands' commands "$@"
}
(( $+functions[_relctl__subcmd__token__subcmd__revoke_commands] )) ||
_relctl__subcmd__token__subcmd__revoke_commands() {
    local commands; commands=()
    _describe -t commands 'relctl token revoke commands' commands "$@"
}

if [ "$funcstack[1]" = "_relctl" ]; then
    _relctl "$@"
else
    compdef _relctl relctl
fi

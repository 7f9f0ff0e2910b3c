//! Turning a git remote URL into the repository name Sentry knows (`owner/repo`).
//!
//! sentry-cli sends the remote's *name* ("origin") as the `repository` of every local commit
//! (client-reference.md §2.2, issue #3254), which creates a bogus "origin" repository on the
//! server. relctl parses the remote's *URL* instead. The rules:
//!
//! * Accepted forms: `scheme://[user[:pass]@]host[:port]/path` for any scheme (`https`, `http`,
//!   `ssh`, `git`, with an optional `git+` prefix), scp-like `[user@]host:path`, `file://` URLs and
//!   plain local paths.
//! * Credentials, the port, a query or fragment, a trailing `.git` and trailing slashes are
//!   dropped; `%XX` escapes are decoded (Azure project names often contain `%20`).
//! * The case of the path is **kept** (Sentry repository names such as `getsentry/sentry` are
//!   case-preserving); only the host is compared case-insensitively.
//! * GitLab subgroups keep every level: `gitlab.com/group/sub/repo` → `group/sub/repo`; anything
//!   from a `/-/` segment on (GitLab web URLs) is dropped. `github.com` keeps two levels.
//! * Bitbucket Server: `…/projects/P/repos/R[/browse…]` and clone URLs `…/scm/P/R.git` → `P/R`.
//! * Azure DevOps: `dev.azure.com/org/proj/_git/repo`, `ssh.dev.azure.com:v3/org/proj/repo`,
//!   `acct.visualstudio.com[/DefaultCollection]/proj/_git/repo` and
//!   `vs-ssh.visualstudio.com:v3/acct/proj/repo` all give **`org/proj/repo`**. sentry-cli gives
//!   `org/proj`, which names a project that can hold many repositories; the three-part form is
//!   the one that identifies the repository. (`dev.azure.com/org/_git/repo`, the short form for a
//!   repository named like its project, gives `org/repo`.)
//! * Google Cloud Source mirrors `source.developers.google.com/p/PROJ/r/github_owner_repo` →
//!   `owner/repo` (as sentry-cli does); other Cloud Source repositories → `PROJ/REPO`.
//! * Local paths and `file://` URLs → their last path component (`/srv/git/app.git` → `app`).
//!
//! Anything that yields no name (an empty path, `https://host/`) is `None`, and the caller falls
//! back to the directory name.

/// The `owner/repo` name for a remote URL, or `None` when the URL has no usable path.
pub fn repo_name_from_url(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    let url = url.strip_prefix("git+").unwrap_or(url);

    if let Some(idx) = url.find("://") {
        let scheme = url[..idx].to_ascii_lowercase();
        let rest = &url[idx + 3..];
        if scheme == "file" {
            return local_name(rest, true);
        }
        let rest = rest.split(['?', '#']).next().unwrap_or_default();
        let (authority, path) = match rest.find('/') {
            Some(slash) => (&rest[..slash], &rest[slash..]),
            None => (rest, ""),
        };
        let host_port = authority
            .rsplit_once('@')
            .map_or(authority, |(_, host)| host);
        let (host, path_prefix) = split_port(host_port);
        let path = format!("{path_prefix}/{path}");
        return name_from_host_path(&host, &path, false);
    }

    if let Some((host, path)) = scp_like(url) {
        return name_from_host_path(&host, path, true);
    }

    local_name(url, false)
}

/// Split `host[:port]` (or `[v6addr]:port`). A "port" that is not numeric is really the start
/// of the path (people write `ssh://host:org/repo`); it is returned as a path prefix.
fn split_port(host_port: &str) -> (String, &str) {
    if let Some(inner) = host_port.strip_prefix('[')
        && let Some((addr, _)) = inner.split_once(']')
    {
        return (addr.to_ascii_lowercase(), "");
    }
    match host_port.split_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => {
            (host.to_ascii_lowercase(), "")
        }
        Some((host, not_a_port)) => (host.to_ascii_lowercase(), not_a_port),
        None => (host_port.to_ascii_lowercase(), ""),
    }
}

/// `[user@]host:path`, as git understands it: a colon before any slash, and a host that is not
/// a single letter (that would be a Windows drive, `C:\src\repo`).
fn scp_like(url: &str) -> Option<(String, &str)> {
    let colon = url.find(':')?;
    if url[..colon].contains('/') || url[..colon].contains('\\') {
        return None;
    }
    let user_host = &url[..colon];
    let host = user_host
        .rsplit_once('@')
        .map_or(user_host, |(_, host)| host);
    if host.len() < 2 {
        return None;
    }
    Some((host.to_ascii_lowercase(), &url[colon + 1..]))
}

/// The last meaningful component of a local path (`/a/b/app.git/` → `app`, `/a/app/.git` → `app`).
/// `%XX` escapes are decoded only for `file://` URLs (`decode`), not for plain paths.
fn local_name(path: &str, decode: bool) -> Option<String> {
    path.split(['/', '\\'])
        .rev()
        .map(strip_git_suffix)
        .find(|part| !part.is_empty() && *part != "." && *part != "..")
        .map(|part| {
            if decode {
                percent_decode(part)
            } else {
                part.to_string()
            }
        })
}

fn strip_git_suffix(name: &str) -> &str {
    let len = name.len();
    if len >= 4 && name.is_char_boundary(len - 4) && name[len - 4..].eq_ignore_ascii_case(".git") {
        &name[..len - 4]
    } else {
        name
    }
}

/// Decode `%XX` escapes; invalid escapes are kept as written, invalid UTF-8 is replaced.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).and_then(|b| hex_value(*b)),
                bytes.get(i + 2).and_then(|b| hex_value(*b)),
            )
        {
            out.push(hi * 16 + lo);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

fn name_from_host_path(host: &str, path: &str, scp: bool) -> Option<String> {
    let host = host.strip_prefix("www.").unwrap_or(host);
    let mut segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .map(percent_decode)
        .collect();
    if let Some(cut) = segments.iter().position(|s| s == "-") {
        segments.truncate(cut);
    }
    while let Some(last) = segments.last_mut() {
        let stripped = strip_git_suffix(last).to_string();
        if stripped.is_empty() {
            segments.pop();
        } else {
            *last = stripped;
            break;
        }
    }
    // scp syntax has no port, but `git@host:2222/owner/repo` is written often enough.
    if scp && segments.len() > 2 && segments[0].bytes().all(|b| b.is_ascii_digit()) {
        segments.remove(0);
    }
    if segments.is_empty() {
        return None;
    }

    let name = if let Some(name) = azure_devops(host, &segments) {
        name
    } else if host == "source.developers.google.com" {
        google_cloud_source(&segments)
    } else if let Some(name) = bitbucket_server(host, &segments) {
        name
    } else if host == "github.com" || host.ends_with(".github.com") {
        segments
            .iter()
            .take(2)
            .cloned()
            .collect::<Vec<_>>()
            .join("/")
    } else {
        segments.join("/")
    };
    (!name.is_empty()).then_some(name)
}

fn azure_devops(host: &str, segments: &[String]) -> Option<String> {
    let ssh = host == "ssh.dev.azure.com"
        || (host.starts_with("vs-ssh.") && host.ends_with(".visualstudio.com"));
    if ssh {
        let rest = match segments.first() {
            Some(first) if first.eq_ignore_ascii_case("v3") => &segments[1..],
            _ => segments,
        };
        return Some(rest.join("/"));
    }
    let account = if host == "dev.azure.com" {
        None
    } else if let Some(account) = host.strip_suffix(".visualstudio.com") {
        Some(account.to_string())
    } else {
        return None;
    };
    let git = segments.iter().position(|s| s == "_git")?;
    let repo = segments[git + 1..]
        .iter()
        .rfind(|s| *s != "_optimized" && *s != "_full")?;
    let mut parts: Vec<String> = account.into_iter().collect();
    parts.extend(
        segments[..git]
            .iter()
            .filter(|s| !s.eq_ignore_ascii_case("DefaultCollection"))
            .cloned(),
    );
    parts.push(repo.clone());
    Some(parts.join("/"))
}

fn google_cloud_source(segments: &[String]) -> String {
    if let [p, project, r, repo, ..] = segments
        && p == "p"
        && r == "r"
    {
        for provider in ["github_", "bitbucket_"] {
            if let Some(mirrored) = repo.strip_prefix(provider)
                && let Some((owner, name)) = mirrored.split_once('_')
            {
                return format!("{owner}/{name}");
            }
        }
        return format!("{project}/{repo}");
    }
    segments.join("/")
}

fn bitbucket_server(host: &str, segments: &[String]) -> Option<String> {
    if let Some(window) = segments
        .windows(4)
        .find(|w| w[0].eq_ignore_ascii_case("projects") && w[2].eq_ignore_ascii_case("repos"))
    {
        return Some(format!("{}/{}", window[1], window[3]));
    }
    let hosted = ["github.com", "gitlab.com", "bitbucket.org"];
    let n = segments.len();
    if n >= 3 && segments[n - 3].eq_ignore_ascii_case("scm") && !hosted.contains(&host) {
        return Some(format!("{}/{}", segments[n - 2], segments[n - 1]));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::repo_name_from_url;

    #[test]
    fn remote_urls_table() {
        let cases: &[(&str, Option<&str>)] = &[
            // GitHub, every transport.
            ("https://github.com/Owner/Repo.git", Some("Owner/Repo")),
            ("https://github.com/Owner/Repo", Some("Owner/Repo")),
            ("https://github.com/Owner/Repo/", Some("Owner/Repo")),
            ("https://github.com/Owner/Repo.git/", Some("Owner/Repo")),
            (
                "http://github.com/getsentry/sentry-cli",
                Some("getsentry/sentry-cli"),
            ),
            (
                "https://WWW.GitHub.com/getsentry/sentry",
                Some("getsentry/sentry"),
            ),
            ("git@github.com:Owner/Repo.git", Some("Owner/Repo")),
            ("github.com:Owner/Repo", Some("Owner/Repo")),
            ("ssh://git@github.com/Owner/Repo.git", Some("Owner/Repo")),
            (
                "ssh://git@ssh.github.com:443/Owner/Repo.git",
                Some("Owner/Repo"),
            ),
            ("git://github.com/Owner/Repo.git", Some("Owner/Repo")),
            ("git+https://github.com/Owner/Repo.git", Some("Owner/Repo")),
            (
                "git+ssh://git@github.com/Owner/Repo.git",
                Some("Owner/Repo"),
            ),
            (
                "https://user:s3cret@github.com/Owner/Repo.git",
                Some("Owner/Repo"),
            ),
            ("https://x-access-token:ghs_abc@github.com/o/r", Some("o/r")),
            (
                "https://github.com/Owner/Repo.git?ref=main#frag",
                Some("Owner/Repo"),
            ),
            (
                "https://github.com/Owner/Repo/tree/main",
                Some("Owner/Repo"),
            ),
            ("  https://github.com/Owner/Repo.git\n", Some("Owner/Repo")),
            // GitHub Enterprise and other hosts, ports.
            ("https://ghe.example.com/Team/App.git", Some("Team/App")),
            ("ssh://git@host:2222/owner/repo", Some("owner/repo")),
            ("ssh://git@host:2222/owner/repo.git", Some("owner/repo")),
            ("git@host:2222/owner/repo.git", Some("owner/repo")),
            ("ssh://git@[::1]:22/owner/repo.git", Some("owner/repo")),
            ("ssh://host:owner/repo.git", Some("owner/repo")),
            // GitLab, with subgroups and web URLs.
            ("https://gitlab.com/group/sub/repo", Some("group/sub/repo")),
            (
                "git@gitlab.com:group/sub/deeper/repo.git",
                Some("group/sub/deeper/repo"),
            ),
            (
                "https://gitlab.com/group/repo/-/tree/main",
                Some("group/repo"),
            ),
            (
                "https://gitlab-ci-token:tok@gitlab.example.com/g/s/r.git",
                Some("g/s/r"),
            ),
            // Bitbucket Cloud and Server.
            (
                "https://user@bitbucket.org/owner/repo.git",
                Some("owner/repo"),
            ),
            ("git@bitbucket.org:owner/repo.git", Some("owner/repo")),
            (
                "https://bitbucket.example.com/projects/PRJ/repos/my-repo/browse",
                Some("PRJ/my-repo"),
            ),
            (
                "https://bitbucket.example.com/projects/PRJ/repos/my-repo/browse/src?at=x",
                Some("PRJ/my-repo"),
            ),
            (
                "https://bitbucket.example.com/scm/PRJ/my-repo.git",
                Some("PRJ/my-repo"),
            ),
            (
                "https://host.example.com/bitbucket/scm/PRJ/my-repo.git",
                Some("PRJ/my-repo"),
            ),
            (
                "ssh://git@bitbucket.example.com:7999/prj/my-repo.git",
                Some("prj/my-repo"),
            ),
            // Azure DevOps: org/project/repo.
            (
                "https://dev.azure.com/org/proj/_git/repo",
                Some("org/proj/repo"),
            ),
            (
                "https://org@dev.azure.com/org/proj/_git/repo",
                Some("org/proj/repo"),
            ),
            (
                "https://dev.azure.com/org/My%20Project/_git/repo",
                Some("org/My Project/repo"),
            ),
            ("https://dev.azure.com/org/_git/repo", Some("org/repo")),
            (
                "git@ssh.dev.azure.com:v3/org/proj/repo",
                Some("org/proj/repo"),
            ),
            (
                "ssh://git@ssh.dev.azure.com/v3/org/proj/repo",
                Some("org/proj/repo"),
            ),
            (
                "https://acct.visualstudio.com/proj/_git/repo",
                Some("acct/proj/repo"),
            ),
            (
                "https://acct.visualstudio.com/DefaultCollection/proj/_git/repo",
                Some("acct/proj/repo"),
            ),
            (
                "https://acct.visualstudio.com/proj/_git/_optimized/repo",
                Some("acct/proj/repo"),
            ),
            (
                "acct@vs-ssh.visualstudio.com:v3/acct/proj/repo",
                Some("acct/proj/repo"),
            ),
            // Google Cloud Source.
            (
                "https://source.developers.google.com/p/my-proj/r/github_Owner_Repo",
                Some("Owner/Repo"),
            ),
            (
                "https://source.developers.google.com/p/my-proj/r/plain",
                Some("my-proj/plain"),
            ),
            // Local paths and file URLs.
            ("/srv/git/app.git", Some("app")),
            ("/srv/git/app.git/", Some("app")),
            ("/home/me/src/app/.git", Some("app")),
            ("../sibling", Some("sibling")),
            ("file:///srv/git/App.git", Some("App")),
            ("file://localhost/srv/git/app", Some("app")),
            ("C:\\src\\repo", Some("repo")),
            ("C:/src/repo.git", Some("repo")),
            // Nothing usable.
            ("", None),
            ("   ", None),
            ("https://github.com/", None),
            ("https://github.com", None),
            ("git@github.com:", None),
            ("file:///", None),
            ("/", None),
            ("..", None),
            ("https://host/.git", None),
            // Odd input never panics.
            ("https://hé.example/ü/ñ.git", Some("ü/ñ")),
            ("%zz/%4", Some("%4")),
            ("https://h/a%2", Some("a%2")),
            ("https://h/%ff%fe", Some("\u{fffd}\u{fffd}")),
        ];
        let mut failures = Vec::new();
        for (url, expected) in cases {
            let got = repo_name_from_url(url);
            if got.as_deref() != *expected {
                failures.push(format!("{url:?}: got {got:?}, expected {expected:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn odd_input_never_panics() {
        for url in [
            "::::",
            "@:",
            "@",
            ":",
            "://",
            "a://",
            "://x",
            "git+",
            "git+://",
            "ssh://[",
            "ssh://[::1",
            "ssh://@/",
            "%",
            "%%%",
            "é:ü",
            "x:/",
            "\\",
            "_git",
            "https://dev.azure.com/_git",
            "https://dev.azure.com/o/p/_git/",
            "git@ssh.dev.azure.com:v3",
            "https://source.developers.google.com/p/x/r/github_",
            "https://h/projects/x/repos",
        ] {
            let _ = repo_name_from_url(url);
        }
    }
}

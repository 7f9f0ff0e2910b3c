//! The remote target: every backend request sent to a server speaking Sentry's REST API
//! (Sentry itself, or `relctl serve`) through `crate::remote`'s HTTP client.
//!
//! Writes are built by `crate::remote::calls` (the same functions `--dry-run` prints). Where
//! the backend needs a fact Sentry's answer does not carry (whether a 201 created the release or
//! linked it, the status before an archive, the project a delete removed), it asks with a GET
//! first; those reads are not part of the dry-run output. Sentry's quirks live here too:
//! previous-with-commits needs the release to exist, so binding commits with projects creates
//! it first and deletes it again when the binding fails. Commands with no Sentry endpoint keep
//! the trait's defaults (a usage error saying they are local-only).

use serde_json::Value;

use crate::backend::{
    AuditQuery, Backend, CommitsChange, CreateDeploy, CreateOutcome, CreateProject, CreateRelease,
    DeployListQuery, EarlierHead, EarlierHeads, IssueQuery, IssueReviewed, IssueSelection,
    IssuesUpdated, OrganizationUpdated, PreviousQuery, PreviousRelease, ReleaseCreated,
    ReleaseListQuery, ReleaseQuery, ReleaseStatus, ReleaseUpdated, UpdateIssues,
    UpdateOrganization, UpdateProject, UpdateRelease,
};
use crate::domain::org_options::{self, OptionValue};
use crate::error::{Error, ErrorKind, Result};
use crate::model;
use crate::remote::calls::{self, HttpCall, encode, org_path, project_path, release_path};
use crate::remote::decode;
use crate::remote::http::{HttpClient, HttpConfig, ListWant, Log, with_query};

/// The most items read for a list the caller does not bound (projects, deploys, commits): a
/// server still offering more after them is taken for a pagination that does not end.
const MAX_LIST: usize = 10_000;
/// The same for a release's commits, which can be many more (all of git/git is 82,000): about
/// 100 MiB of them at most.
const MAX_RELEASE_COMMITS: usize = 200_000;
/// Items asked per page.
const PAGE_SIZE: usize = 100;

pub struct RemoteBackend {
    http: HttpClient,
}

impl RemoteBackend {
    /// A backend for the server `config.url`; `log` receives the `-v` lines.
    pub fn new(config: HttpConfig, log: Option<Log>) -> Result<RemoteBackend> {
        Ok(RemoteBackend {
            http: HttpClient::new(config, log)?,
        })
    }

    /// The backend of the command line for the server at `url`: `-v` lines (`verbosity`) go to
    /// stderr, so stdout keeps only the result.
    pub fn for_command_line(
        url: String,
        token: Option<crate::config::Secret>,
        timeout: std::time::Duration,
        verbosity: u8,
        max_response: u64,
        headers: Vec<crate::config::Header>,
    ) -> Result<RemoteBackend> {
        let config = HttpConfig {
            verbosity,
            max_response,
            headers,
            ..HttpConfig::new(url, token, timeout)
        };
        RemoteBackend::new(config, Some(crate::logging::stderr()))
    }

    /// The issue a short id names (`shortids/`), as the lookup's group tells it.
    fn lookup_issue(&self, org: &str, short_id: &str) -> Result<model::Issue> {
        let lookup = self.http.send(&calls::short_id_lookup(org, short_id)?)?;
        decode::issue(decode::short_id_group(lookup.body)?)
    }

    fn get(&self, path: String) -> Result<Value> {
        Ok(self.http.send(&HttpCall::get(path))?.body)
    }

    /// Sends calls in order; the answer of the last one.
    fn send_all(&self, calls: Vec<HttpCall>) -> Result<Value> {
        let mut last = Value::Null;
        for call in calls {
            last = self.http.send(&call)?.body;
        }
        Ok(last)
    }

    /// A project's numeric id, for the `?project=` filters: an all-digit name is an id already
    /// (Sentry slugs are never all digits), a slug is looked up.
    fn project_id(&self, org: &str, project: &str) -> Result<String> {
        if !project.is_empty() && project.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(project.to_string());
        }
        let found = decode::project(self.get(project_path(org, project)?)?)?;
        Ok(found.id.to_string())
    }

    fn project_query(&self, org: &str, projects: &[String]) -> Result<String> {
        let mut query = String::new();
        for project in projects {
            query.push_str(&format!("&project={}", self.project_id(org, project)?));
        }
        Ok(query)
    }

    /// The release, or None when the server says it does not exist.
    fn find_release(&self, org: &str, version: &str) -> Result<Option<model::Release>> {
        match self.get(release_path(org, version, "")?) {
            Ok(body) => decode::release(body).map(Some),
            Err(err) if err.kind == ErrorKind::NotFound => Ok(None),
            Err(err) => Err(err),
        }
    }

    fn list_releases(
        &self,
        req: &ReleaseListQuery,
        project_query: &str,
        status: ReleaseStatus,
        wanted: usize,
    ) -> Result<Vec<model::Release>> {
        let mut path = org_path(
            &req.org,
            &format!("releases/?per_page={}", wanted.clamp(1, PAGE_SIZE)),
        )?;
        path.push_str(project_query);
        if let Some(query) = &req.query {
            path = with_query(&path, "query", query);
        }
        // Sentry lists open releases unless asked for archived ones.
        if status == ReleaseStatus::Archived {
            path = with_query(&path, "status", "archived");
        }
        decode::all(
            self.http.get_list(&path, ListWant::First(wanted))?,
            decode::release,
        )
    }
}

/// The most requests the walk back through a Sentry server's releases makes (cli.md, "--auto").
const SENTRY_WALK_REQUESTS: usize = 10;

impl RemoteBackend {
    /// On Sentry, which cannot re-bind a release: the releases created after this one (newest
    /// first, sharing its projects) whose first page of commits holds one of the commits an
    /// `--auto` range just bound, in at most [`SENTRY_WALK_REQUESTS`] requests. Their ranges
    /// should not hold them (cli.md, "--auto"); the command line says how to bind them again.
    fn later_holding_our_commits(
        &self,
        req: &UpdateRelease,
        release: &model::Release,
    ) -> Result<Vec<String>> {
        let CommitsChange::Replace(commits) = &req.commits else {
            return Ok(Vec::new());
        };
        if commits.is_empty() || !req.head_commits.iter().any(|h| h.read_by_auto_rule()) {
            return Ok(Vec::new());
        }
        let ours: std::collections::HashSet<&str> = commits.iter().map(|c| c.id.as_str()).collect();
        let projects: Vec<String> = release.projects.iter().map(|p| p.slug.clone()).collect();
        if projects.is_empty() {
            return Ok(Vec::new());
        }
        let listed = self.releases_of(&req.org, projects.clone())?;
        let used = projects.len() + 2;
        let mut later = Vec::new();
        let newer = listed
            .iter()
            .take_while(|r| r.version != req.version)
            .filter(|r| r.commit_count > 0)
            .take(SENTRY_WALK_REQUESTS.saturating_sub(used));
        for other in newer {
            let theirs = self.newest_commits(&req.org, &other.version)?;
            if theirs.iter().any(|c| ours.contains(c.id.as_str())) {
                later.push(other.version.clone());
            }
        }
        Ok(later)
    }

    /// A release's newest commits, newest first: one request (a page).
    fn newest_commits(&self, org: &str, version: &str) -> Result<Vec<model::Commit>> {
        let path = release_path(org, version, &format!("commits/?per_page={PAGE_SIZE}"))?;
        let page = self.http.get_list(&path, ListWant::First(PAGE_SIZE))?;
        decode::all(page, decode::commit)
    }

    /// The newest releases (open and archived) linked to any of `projects`, newest first.
    fn releases_of(&self, org: &str, projects: Vec<String>) -> Result<Vec<model::Release>> {
        self.releases(&ReleaseListQuery {
            org: org.to_string(),
            projects,
            query: None,
            status: None,
            limit: 100,
            offset: 0,
        })
    }

    /// Sentry keeps no head commits per repository and names one previous release: the earlier
    /// heads are that release's, then each earlier release's newest commit in each repository,
    /// walking the releases list newest first, in at most [`SENTRY_WALK_REQUESTS`] requests.
    fn sentry_earlier_heads(
        &self,
        req: &PreviousQuery,
        previous: PreviousRelease,
    ) -> Result<EarlierHeads> {
        let mut heads: Vec<EarlierHead> = previous
            .heads
            .iter()
            .map(|(repository, commit)| EarlierHead {
                version: previous.version.clone(),
                repository: repository.clone(),
                commit: commit.clone(),
            })
            .collect();
        // Only releases sharing a project: this release's, when the caller named none.
        let projects = if req.projects.is_empty() {
            self.find_release(&req.org, &req.version)?
                .map(|release| release.projects.into_iter().map(|p| p.slug).collect())
                .unwrap_or_default()
        } else {
            req.projects.clone()
        };
        // The requests the list takes: the release (when read above), each project's id, the
        // open and the archived releases.
        let named = |p: &String| !p.bytes().all(|b| b.is_ascii_digit());
        let used =
            usize::from(req.projects.is_empty()) + projects.iter().filter(|p| named(p)).count() + 2;
        if projects.is_empty() {
            return Ok(EarlierHeads(heads));
        }
        let listed = self.releases_of(&req.org, projects)?;
        // Newest first: the ones after this release and the previous one were created before
        // them.
        let earlier = listed
            .iter()
            .skip_while(|r| r.version != req.version && r.version != previous.version)
            .filter(|r| r.version != req.version && r.version != previous.version)
            .filter(|r| r.commit_count > 0)
            .take(SENTRY_WALK_REQUESTS.saturating_sub(used));
        for release in earlier {
            for commit in self.newest_commits(&req.org, &release.version)? {
                // Newest first: the first commit of each repository is its head there.
                if !heads
                    .iter()
                    .any(|h| h.version == release.version && h.repository == commit.repository)
                {
                    heads.push(EarlierHead {
                        version: release.version.clone(),
                        repository: commit.repository.clone(),
                        commit: commit.id.clone(),
                    });
                }
            }
        }
        Ok(EarlierHeads(heads))
    }
}

/// Sentry's change strings for the options a PUT set, from the values before and after. A
/// server does not say whether an option had a stored row, so one equal to its default is
/// taken as unset ("to X").
fn option_changes(
    before: &model::OrganizationDetails,
    after: &model::OrganizationDetails,
    fields: &[&str],
) -> Vec<(String, String)> {
    let value = |details: &model::OrganizationDetails, field: &str| {
        details
            .options
            .get(field)
            .cloned()
            .and_then(|v| serde_json::from_value::<OptionValue>(v).ok())
    };
    let mut changes = Vec::new();
    for field in fields {
        let Some(option) = org_options::find_option(field) else {
            continue;
        };
        let Some(new) = value(after, field) else {
            continue;
        };
        let default = option.default_value();
        let previous = value(before, field).filter(|old| !old.py_eq(&default));
        if let Some(change) = org_options::change_description(&default, previous.as_ref(), &new) {
            changes.push((option.field.to_string(), change));
        }
    }
    changes
}

impl Backend for RemoteBackend {
    fn organization(&self, org: &str) -> Result<model::OrganizationDetails> {
        decode::organization(self.get(org_path(org, "")?)?)
    }

    fn update_organization(&self, req: &UpdateOrganization) -> Result<OrganizationUpdated> {
        let calls = calls::update_organization(req)?;
        let before = self.organization(&req.org)?;
        let after = decode::organization(self.send_all(calls)?)?;
        let fields: Vec<&str> = req.options.iter().map(|(f, _)| f.as_str()).collect();
        let mut changes = option_changes(&before, &after, &fields);
        // The tracked fields, as Sentry's audit entry words them.
        let (old, new) = (&before.organization, &after.organization);
        if req.name.is_some() && old.name != new.name {
            changes.push(("name".into(), format!("from {} to {}", old.name, new.name)));
        }
        if req.slug.is_some() && old.slug != new.slug {
            changes.push(("slug".into(), format!("from {} to {}", old.slug, new.slug)));
        }
        Ok(OrganizationUpdated {
            changes,
            organization: after,
        })
    }

    fn audit_log(&self, req: &AuditQuery) -> Result<Vec<model::AuditEntry>> {
        let limit = usize::try_from(req.limit).unwrap_or(MAX_LIST);
        let mut path = org_path(
            &req.org,
            &format!("audit-logs/?per_page={}", limit.clamp(1, PAGE_SIZE)),
        )?;
        if let Some(event) = &req.event {
            path = with_query(&path, "event", event);
        }
        decode::all(
            self.http.get_list(&path, ListWant::First(limit))?,
            decode::audit_entry,
        )
    }

    fn auth_info(&self) -> Result<Option<model::AuthInfo>> {
        decode::auth_info(self.get(format!("{}/", calls::API_ROOT))?).map(Some)
    }

    fn organizations(&self) -> Result<Vec<model::Organization>> {
        let path = format!("{}/organizations/?per_page={PAGE_SIZE}", calls::API_ROOT);
        decode::all(
            self.http.get_list(&path, ListWant::All(MAX_LIST))?,
            decode::organization_summary,
        )
    }

    fn repositories(&self, org: &str) -> Result<Vec<model::Repository>> {
        let path = org_path(org, &format!("repos/?per_page={PAGE_SIZE}"))?;
        decode::all(
            self.http.get_list(&path, ListWant::All(MAX_LIST))?,
            decode::repository,
        )
    }

    fn create_project(&self, req: &CreateProject) -> Result<model::Project> {
        decode::project(self.send_all(calls::create_project(req)?)?)
    }

    fn projects(&self, org: &str) -> Result<Vec<model::Project>> {
        let path = org_path(org, &format!("projects/?per_page={PAGE_SIZE}"))?;
        decode::all(
            self.http.get_list(&path, ListWant::All(MAX_LIST))?,
            decode::project,
        )
    }

    fn project(&self, org: &str, project: &str) -> Result<model::Project> {
        decode::project(self.get(project_path(org, project)?)?)
    }

    fn update_project(&self, req: &UpdateProject) -> Result<model::Project> {
        decode::project(self.send_all(calls::update_project(req)?)?)
    }

    fn delete_project(&self, org: &str, project: &str) -> Result<model::Project> {
        let calls = calls::delete_project(org, project)?;
        // The DELETE answers 204 with no body: the project is read first, to say what went.
        let deleted = self.project(org, project)?;
        self.send_all(calls)?;
        Ok(deleted)
    }

    fn create_release(&self, req: &CreateRelease) -> Result<ReleaseCreated> {
        let calls = calls::create_release(req)?;
        // Sentry answers 201 both for a new release and for one newly linked to a project;
        // what was there before tells them apart.
        let before = self.find_release(&req.org, &req.version)?;
        let mut status = 0;
        let mut body = Value::Null;
        for call in calls {
            let response = self.http.send(&call)?;
            status = response.status;
            body = response.body;
        }
        let mut release = decode::release(body)?;
        if let (Some(date), true, None) = (
            req.date_released,
            req.finalize_existing,
            &release.date_released,
        ) {
            // The POST leaves an existing release alone; `release new --finalize` means it.
            let finalize = UpdateRelease {
                org: req.org.clone(),
                version: req.version.clone(),
                date_released: Some(date),
                ..UpdateRelease::default()
            };
            for call in calls::update_release(&finalize)? {
                release = decode::release(self.http.send(&call)?.body)?;
            }
        }
        let outcome = match (status, before) {
            (208, _) => CreateOutcome::AlreadyThere,
            (_, None) => CreateOutcome::Created,
            (_, Some(before)) => {
                let linked: Vec<String> = release
                    .projects
                    .iter()
                    .filter(|p| !before.projects.iter().any(|old| old.id == p.id))
                    .map(|p| p.slug.clone())
                    .collect();
                if linked.is_empty() {
                    CreateOutcome::AlreadyThere
                } else {
                    CreateOutcome::Linked(linked)
                }
            }
        };
        Ok(ReleaseCreated { release, outcome })
    }

    fn update_release(&self, req: &UpdateRelease) -> Result<ReleaseUpdated> {
        let calls = calls::update_release(req)?;
        // The status before, to say whether an archive or restore changed anything.
        let before = match req.status {
            Some(_) if req.projects.is_empty() => Some(
                self.find_release(&req.org, &req.version)?
                    .ok_or_else(|| release_not_found(&req.org, &req.version))?,
            ),
            _ => None,
        };
        let body = self.send_all(calls)?;
        let resolved_issues = decode::resolved_issues(&body);
        let rebound_releases = decode::rebound_releases(&body);
        // relctl serve re-binds later releases itself and says so; Sentry cannot.
        let server_rebinds = body.get("reboundReleases").is_some();
        let mut release = decode::release(body)?;
        if let Some(status) = req.status
            && release.status != status.as_str()
            && status == ReleaseStatus::Open
        {
            // Sentry's PUT ignores `status: "open"` (it applies only truthy values); its
            // release POST re-opens an existing release, as sentry-cli's restore does.
            let post = calls::release_status_post(&req.org, &req.version, status)?;
            release = decode::release(self.http.send(&post)?.body)?;
        }
        let status_changed = match (req.status, &before) {
            (Some(status), Some(before)) => before.status != status.as_str(),
            (Some(_), None) => true,
            (None, _) => false,
        };
        let later_to_rebind = if server_rebinds {
            Vec::new()
        } else {
            // The write is done: a scan that fails only leaves the warning out.
            self.later_holding_our_commits(req, &release)
                .unwrap_or_default()
        };
        Ok(ReleaseUpdated {
            release,
            resolved_issues,
            status_changed,
            rebound_releases,
            later_to_rebind,
        })
    }

    fn release(&self, req: &ReleaseQuery) -> Result<model::Release> {
        let mut path = release_path(&req.org, &req.version, "")?;
        if let Some(project) = &req.project {
            path = with_query(&path, "project", &self.project_id(&req.org, project)?);
        }
        let mut release = decode::release(self.get(path)?)?;
        if req.with_commits {
            let path = release_path(
                &req.org,
                &req.version,
                &format!("commits/?per_page={PAGE_SIZE}"),
            )?;
            let list = ListWant::All(MAX_RELEASE_COMMITS);
            let commits = decode::all(self.http.get_list(&path, list)?, decode::commit)?;
            release.commits = Some(match req.commit_slice {
                Some(slice) => slice.of(commits),
                None => commits,
            });
        }
        Ok(release)
    }

    fn releases(&self, req: &ReleaseListQuery) -> Result<Vec<model::Release>> {
        let offset = usize::try_from(req.offset).unwrap_or(MAX_LIST);
        let limit = usize::try_from(req.limit).unwrap_or(MAX_LIST);
        let wanted = offset.saturating_add(limit).min(MAX_LIST);
        if wanted == 0 || limit == 0 {
            return Ok(Vec::new());
        }
        let project_query = self.project_query(&req.org, &req.projects)?;
        let releases = match req.status {
            Some(status) => self.list_releases(req, &project_query, status, wanted)?,
            None => {
                // All of them: Sentry lists one status at a time, so both lists are merged,
                // newest first as Sentry orders each.
                let mut all =
                    self.list_releases(req, &project_query, ReleaseStatus::Open, wanted)?;
                all.extend(self.list_releases(
                    req,
                    &project_query,
                    ReleaseStatus::Archived,
                    wanted,
                )?);
                all.sort_by_key(|r| std::cmp::Reverse(sort_key(&r.date_created)));
                all
            }
        };
        Ok(releases.into_iter().skip(offset).take(limit).collect())
    }

    fn delete_release(&self, org: &str, version: &str) -> Result<()> {
        self.send_all(calls::delete_release(org, version)?)
            .map(|_| ())
    }

    fn previous_release(&self, req: &PreviousQuery) -> Result<Option<PreviousRelease>> {
        match self.get(release_path(
            &req.org,
            &req.version,
            "previous-with-commits/",
        )?) {
            Ok(body) => decode::previous_release(body),
            // Sentry answers 404 for a release that does not exist (yet): with projects to
            // create it, it simply has no previous release; without, the update would fail.
            Err(err) if err.kind == ErrorKind::NotFound && !req.projects.is_empty() => Ok(None),
            Err(err) if err.kind == ErrorKind::NotFound => Err(Error::not_found(format!(
                "release {:?} not found in organization {:?}: create it first (release new), or pass -p to create it ({})",
                req.version, req.org, err.message
            ))),
            Err(err) => Err(err),
        }
    }

    fn earlier_heads(&self, req: &PreviousQuery) -> Result<EarlierHeads> {
        let path = release_path(&req.org, &req.version, "previous-with-commits/")?;
        let body = match self.get(path) {
            Ok(body) => body,
            // Sentry answers 404 for a release that does not exist (yet): with projects to
            // create it, it simply has no earlier release; without, the update would fail.
            Err(err) if err.kind == ErrorKind::NotFound && !req.projects.is_empty() => {
                return Ok(EarlierHeads::default());
            }
            Err(err) if err.kind == ErrorKind::NotFound => {
                return Err(Error::not_found(format!(
                    "release {:?} not found in organization {:?}: create it first (release new), or pass -p to create it ({})",
                    req.version, req.org, err.message
                )));
            }
            Err(err) => return Err(err),
        };
        // relctl serve names every earlier head itself.
        if let Some(heads) = decode::earlier_heads(&body) {
            return Ok(EarlierHeads(heads));
        }
        let Some(previous) = decode::previous_release(body)? else {
            return Ok(EarlierHeads::default());
        };
        self.sentry_earlier_heads(req, previous)
    }

    fn reads_refs(&self) -> bool {
        true
    }

    fn with_earlier_heads(
        &self,
        req: &PreviousQuery,
        bind: &mut dyn FnMut(EarlierHeads) -> Result<()>,
    ) -> Result<()> {
        // Sentry's previous-with-commits answers 404 for a release that does not exist yet, so
        // with projects it is created (or linked) first, as sentry-cli does: the POST is
        // idempotent. One this created is deleted again when binding fails.
        let created = !req.projects.is_empty()
            && self
                .create_release(&CreateRelease {
                    org: req.org.clone(),
                    version: req.version.clone(),
                    projects: req.projects.clone(),
                    ..CreateRelease::default()
                })?
                .outcome
                == CreateOutcome::Created;
        let bound = self.earlier_heads(req).and_then(bind);
        match bound {
            Err(err) if created => Err(match self.delete_release(&req.org, &req.version) {
                Ok(()) => err,
                Err(undo) => {
                    let undone = format!(
                        "could not delete release {} created by this command: {undo}",
                        req.version
                    );
                    let hint = match &err.hint {
                        Some(hint) => format!("{hint}; also, {undone}"),
                        None => undone,
                    };
                    err.with_hint(hint)
                }
            }),
            bound => bound,
        }
    }

    fn create_deploy(&self, req: &CreateDeploy) -> Result<model::Deploy> {
        decode::deploy(self.send_all(calls::create_deploy(req)?)?)
    }

    /// Every deploy through `relctl serve` (its `all=1`); Sentry ignores the parameter and
    /// lists the newest of each project and environment.
    fn deploys(&self, org: &str, version: &str) -> Result<Vec<model::Deploy>> {
        let path = release_path(
            org,
            version,
            &format!("deploys/?per_page={PAGE_SIZE}&all=1"),
        )?;
        decode::all(
            self.http.get_list(&path, ListWant::All(MAX_LIST))?,
            decode::deploy,
        )
    }

    fn deploy_list(&self, req: &DeployListQuery) -> Result<Vec<model::Deploy>> {
        // Sentry's `?project=` takes ids.
        let mut query = format!("deploys/?per_page={PAGE_SIZE}");
        for name in &req.projects {
            query.push_str(&format!("&project={}", self.project(&req.org, name)?.id));
        }
        let path = release_path(&req.org, &req.version, &query)?;
        decode::all(
            self.http.get_list(&path, ListWant::All(MAX_LIST))?,
            decode::deploy,
        )
    }

    fn issues(&self, req: &IssueQuery) -> Result<Vec<model::Issue>> {
        let mut terms: Vec<String> = Vec::new();
        if let Some(status) = req.status {
            terms.push(format!("is:{}", status.as_str()));
        }
        if req.inbox_only {
            terms.push("is:for_review".to_string());
        }
        // An explicit (maybe empty) query: Sentry's default is `is:unresolved`.
        let mut path = org_path(
            &req.org,
            &format!(
                "issues/?limit={PAGE_SIZE}&expand=inbox&query={}",
                encode(&terms.join(" "))
            ),
        )?;
        path.push_str(&self.project_query(&req.org, &req.projects)?);
        let list = ListWant::All(MAX_LIST);
        let mut issues = decode::all(self.http.get_list(&path, list)?, decode::issue)?;
        // Sentry's search has no "resolved in release" term.
        if let Some(version) = &req.resolved_in {
            issues.retain(|issue| {
                issue
                    .resolution
                    .as_ref()
                    .is_some_and(|r| &r.release == version)
            });
        }
        Ok(match req.slice {
            Some(slice) => slice.of(issues),
            None => issues,
        })
    }

    fn issue(&self, org: &str, short_id: &str) -> Result<model::IssueDetails> {
        let lookup = self.http.send(&calls::short_id_lookup(org, short_id)?)?;
        decode::issue_details(decode::short_id_group(lookup.body)?)
    }

    fn review_issue(&self, org: &str, short_id: &str) -> Result<IssueReviewed> {
        let lookup = self.http.send(&calls::short_id_lookup(org, short_id)?)?;
        let group = decode::short_id_group(lookup.body)?;
        // Sentry's lookup may leave the inbox out; then it is taken as in the inbox.
        let changed = match group.get("inbox") {
            None => true,
            Some(inbox) => inbox.is_object(),
        };
        let mut issue = decode::issue(group)?;
        self.http
            .send(&calls::review_issue_by_id(org, &issue.id.to_string())?)?;
        issue.inbox = None;
        Ok(IssueReviewed { issue, changed })
    }

    /// Short ids are looked up first (a 404 is "not found"), then one bulk PUT names them all
    /// by id, and they are looked up again for what they are now. A selection by id or by
    /// search sends only the PUT: Sentry answers 204 when it matched nothing and does not say
    /// which issues it changed.
    fn update_issues(&self, req: &UpdateIssues) -> Result<IssuesUpdated> {
        let short_ids = match &req.selection {
            IssueSelection::ShortIds(short_ids) => short_ids.as_slice(),
            IssueSelection::Ids(_) | IssueSelection::Matching { .. } => &[],
        };
        let mut before = Vec::with_capacity(short_ids.len());
        for short_id in short_ids {
            before.push(self.lookup_issue(&req.org, short_id)?);
        }
        let ids: Vec<String> = match &req.selection {
            IssueSelection::Ids(ids) => ids.iter().map(i64::to_string).collect(),
            _ => before.iter().map(|issue| issue.id.to_string()).collect(),
        };
        let answer = self.http.send(&calls::update_issues(req, &ids)?)?;
        let mut issues = Vec::with_capacity(before.len());
        let mut changed = Vec::new();
        for old in &before {
            let now = self.lookup_issue(&req.org, &old.short_id)?;
            if now.status != old.status || now.inbox.is_some() != old.inbox.is_some() {
                changed.push(now.short_id.clone());
            }
            issues.push(now);
        }
        Ok(IssuesUpdated {
            issues,
            changed,
            matched: answer.status != 204,
        })
    }
}

fn release_not_found(org: &str, version: &str) -> Error {
    Error::not_found(format!(
        "release {version:?} not found in organization {org:?}"
    ))
}

/// An RFC 3339 date for sorting; text that is not one sorts first.
fn sort_key(date: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(date)
        .ok()
        .map(|d| d.with_timezone(&chrono::Utc))
}

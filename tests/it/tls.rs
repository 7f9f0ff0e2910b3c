//! TLS to the servers a company runs: a PostgreSQL of the test's own started with `ssl=on`
//! (its `pg_hba.conf` takes TLS connections only, so a command that works went over TLS) and a
//! `redis-server` listening with `--tls-port`, both with certificates the test makes (rcgen): a
//! CA, a server certificate it signs for `localhost` and `127.0.0.1`, and another CA that signed
//! nothing the servers present.
//!
//! The PostgreSQL binaries are found as `.ci/run` finds them (`/usr/lib/postgresql/*/bin`);
//! without them, or without `redis-server`, a test says it is skipped and passes, unless
//! `RELCTL_REQUIRE_SERVERS=1` (`.ci/run`), where it fails. The server runs as `nobody` when the
//! tests run as root (PostgreSQL refuses root).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{TestEnv, free_port, skipped};

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// `program args`, as `nobody` when the tests run as root; asserts success.
fn run_as_server_user(program: &Path, args: &[&str]) {
    let mut cmd = if is_root() {
        let mut cmd = Command::new("runuser");
        cmd.args(["-u", "nobody", "--"]).arg(program);
        cmd
    } else {
        Command::new(program)
    };
    let out = cmd
        .args(args)
        .current_dir("/tmp")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{} {args:?}: {}{}",
        program.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The certificates of one test, as PEM files in its directory.
struct Certs {
    /// The CA that signed the servers' certificate.
    ca: PathBuf,
    /// A CA that signed nothing the servers present.
    other_ca: PathBuf,
    cert: PathBuf,
    key: PathBuf,
}

impl Certs {
    fn make(dir: &Path) -> Certs {
        use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
        let ca = |name: &str| {
            let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
            params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
            params.distinguished_name.push(DnType::CommonName, name);
            let key = KeyPair::generate().unwrap();
            let cert = params.self_signed(&key).unwrap();
            (cert.pem(), Issuer::new(params, key))
        };
        let (ca_pem, issuer) = ca("relctl test CA");
        let (other_pem, _) = ca("relctl other CA");
        let mut params =
            CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()]).unwrap();
        params
            .distinguished_name
            .push(DnType::CommonName, "localhost");
        let key = KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &issuer).unwrap();
        let certs = Certs {
            ca: dir.join("ca.pem"),
            other_ca: dir.join("other-ca.pem"),
            cert: dir.join("server.crt"),
            key: dir.join("server.key"),
        };
        std::fs::write(&certs.ca, ca_pem).unwrap();
        std::fs::write(&certs.other_ca, other_pem).unwrap();
        std::fs::write(&certs.cert, cert.pem()).unwrap();
        std::fs::write(&certs.key, key.serialize_pem()).unwrap();
        certs
    }
}

/// The newest PostgreSQL's binaries under `/usr/lib/postgresql`, as `.ci/run` picks them.
fn pg_bin() -> Option<PathBuf> {
    let versions = std::fs::read_dir("/usr/lib/postgresql").ok()?;
    versions
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version: u32 = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .max()
        .map(|(_, bin)| bin)
}

/// A PostgreSQL of the test's own with `ssl=on` that takes TCP connections over TLS only;
/// stopped and removed when dropped.
struct TlsPostgres {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    certs: Certs,
}

impl TlsPostgres {
    fn start(test: &str) -> Option<TlsPostgres> {
        let Some(bin) = pg_bin() else {
            skipped(test, "PostgreSQL's binaries (/usr/lib/postgresql/*/bin)");
            return None;
        };
        let dir = tempfile::tempdir().unwrap();
        let certs = Certs::make(dir.path());
        if is_root() {
            let chown = Command::new("chown")
                .args(["-R", "nobody"])
                .arg(dir.path())
                .status()
                .unwrap();
            assert!(chown.success());
        }
        let server = TlsPostgres {
            port: free_port(),
            dir,
            bin,
            certs,
        };
        server.init();
        Some(server)
    }

    fn init(&self) {
        use std::os::unix::fs::PermissionsExt;
        let data = self.dir.path().join("data");
        let data = data.to_str().unwrap();
        let initdb = ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"];
        run_as_server_user(&self.bin.join("initdb"), &initdb);
        // TLS or nothing over TCP: a plain connection is rejected by the server itself.
        std::fs::write(
            self.dir.path().join("data/pg_hba.conf"),
            "local all all trust\n\
             hostssl all all 127.0.0.1/32 trust\n\
             hostnossl all all 127.0.0.1/32 reject\n",
        )
        .unwrap();
        std::fs::set_permissions(&self.certs.key, std::fs::Permissions::from_mode(0o600)).unwrap();
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c ssl=on \
             -c ssl_cert_file={} -c ssl_key_file={}",
            self.port,
            self.dir.path().display(),
            self.certs.cert.display(),
            self.certs.key.display()
        );
        let log = self.dir.path().join("server.log");
        let start = [
            "-D",
            data,
            "-l",
            log.to_str().unwrap(),
            "-w",
            "-o",
            &options,
        ];
        run_as_server_user(&self.bin.join("pg_ctl"), &[&start[..], &["start"]].concat());
    }

    /// The URL of the server's `postgres` database by `host`, with `query` after `?`.
    fn url(&self, host: &str, query: &str) -> String {
        format!("postgres://postgres@{host}:{}/postgres?{query}", self.port)
    }

    /// A test env whose store is `url`, with `more` in the environment.
    fn env(url: &str, more: &[(&str, &Path)]) -> TestEnv {
        let mut env = TestEnv::sqlite().with_env("RELCTL_STORE", url);
        for (key, value) in more {
            env = env.with_env(key, value.to_str().unwrap());
        }
        env
    }
}

impl Drop for TlsPostgres {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let stop = ["-D", data.to_str().unwrap(), "-m", "immediate", "stop"];
        let mut cmd = if is_root() {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "nobody", "--"])
                .arg(self.bin.join("pg_ctl"));
            cmd
        } else {
            Command::new(self.bin.join("pg_ctl"))
        };
        let _ = cmd
            .args(stop)
            .current_dir("/tmp")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

#[test]
fn verified_and_unverified_tls_connects_to_postgres() {
    let Some(pg) = TlsPostgres::start("verified_and_unverified_tls_connects_to_postgres") else {
        return;
    };
    let ca = pg.certs.ca.to_str().unwrap();
    // verify-full by a name the certificate lists: a project and a release are written.
    let full = pg.url(
        "127.0.0.1",
        &format!("sslmode=verify-full&sslrootcert={ca}"),
    );
    let env = TlsPostgres::env(&full, &[]);
    env.ok(&["project", "create", "Backend"]);
    let release = env.json(&["release", "new", "1.0.0", "-p", "backend"]);
    assert_eq!(release["version"], "1.0.0", "{release}");
    // require checks nothing; prefer (the default) takes TLS when offered; verify-ca does not
    // look at the host name; verify-full without sslrootcert trusts the system's roots
    // (SSL_CERT_FILE here).
    let other_name = "db.relctl.invalid";
    for (url, more) in [
        (pg.url("127.0.0.1", "sslmode=require"), vec![]),
        (pg.url("127.0.0.1", "application_name=x"), vec![]),
        (
            pg.url(
                other_name,
                &format!("hostaddr=127.0.0.1&sslmode=verify-ca&sslrootcert={ca}"),
            ),
            vec![],
        ),
        (
            pg.url("localhost", "sslmode=verify-full&hostaddr=127.0.0.1"),
            vec![("SSL_CERT_FILE", pg.certs.ca.as_path())],
        ),
    ] {
        let listed = TlsPostgres::env(&url, &more).json(&["release", "list", "-p", "backend"]);
        assert_eq!(listed[0]["version"], "1.0.0", "{url}: {listed}");
    }
    // The server takes nothing but TLS: sslmode=disable is turned away by it.
    let plain = TlsPostgres::env(&pg.url("127.0.0.1", "sslmode=disable"), &[]);
    let stderr = plain.fails(&["release", "list"], 6);
    assert!(stderr.contains("no encryption"), "{stderr}");
}

#[test]
fn certificates_that_fail_verification_are_refused_with_exit_2() {
    let Some(pg) =
        TlsPostgres::start("certificates_that_fail_verification_are_refused_with_exit_2")
    else {
        return;
    };
    let ca = pg.certs.ca.to_str().unwrap();
    let other = pg.certs.other_ca.to_str().unwrap();
    let missing = pg.dir.path().join("missing.pem");
    let wrong_host = "hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=";
    for (url, more, says) in [
        // The certificate names localhost and 127.0.0.1, not the host of the URL.
        (
            pg.url("db.relctl.invalid", &format!("{wrong_host}{ca}")),
            vec![],
            "not valid for name",
        ),
        // Signed by a CA that is not the one trusted.
        (
            pg.url(
                "127.0.0.1",
                &format!("sslmode=verify-ca&sslrootcert={other}"),
            ),
            vec![],
            "not signed by a certificate authority in sslrootcert",
        ),
        // A root file makes require check the chain, as in libpq.
        (
            pg.url("127.0.0.1", &format!("sslmode=require&sslrootcert={other}")),
            vec![],
            "UnknownIssuer",
        ),
        // The system's roots (SSL_CERT_FILE) do not hold the server's CA.
        (
            pg.url("127.0.0.1", "sslmode=verify-full"),
            vec![("SSL_CERT_FILE", pg.certs.other_ca.as_path())],
            "the system's root certificates",
        ),
        (
            pg.url(
                "127.0.0.1",
                &format!("sslmode=verify-full&sslrootcert={}", missing.display()),
            ),
            vec![],
            "cannot read sslrootcert",
        ),
    ] {
        let env = TlsPostgres::env(&url, &more);
        let stderr = env.fails(&["release", "list"], 2);
        assert!(stderr.contains(says), "{url}: {stderr}");
    }
}

/// The plain test server (`RELCTL_TEST_POSTGRES`, no TLS) with `sslmode=require`: exit 2, and
/// the line says what to do.
#[test]
fn sslmode_require_on_a_server_without_tls_is_a_usage_error() {
    let Some(admin) = crate::harness::test_postgres(
        "tls::sslmode_require_on_a_server_without_tls_is_a_usage_error",
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let certs = Certs::make(dir.path());
    let ca = certs.ca.to_str().unwrap();
    for mode in ["require", "verify-ca", "verify-full"] {
        let separator = if admin.contains('?') { '&' } else { '?' };
        let url = format!("{admin}{separator}sslmode={mode}&sslrootcert={ca}");
        let env = TlsPostgres::env(&url, &[]);
        let stderr = env.fails(&["release", "list"], 2);
        assert!(
            stderr.contains("does not accept TLS") && stderr.contains(&format!("sslmode={mode}")),
            "{url}: {stderr}"
        );
    }
}

/// A `redis-server` of the test's own listening with TLS only, killed when dropped.
struct TlsRedis {
    child: std::process::Child,
    port: u16,
    /// Where its certificates and working files are, removed with it.
    _dir: tempfile::TempDir,
    certs: Certs,
}

impl TlsRedis {
    fn start(test: &str) -> Option<TlsRedis> {
        let found = Command::new("redis-server")
            .arg("--version")
            .output()
            .is_ok_and(|out| out.status.success());
        if !found {
            skipped(test, "redis-server");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let certs = Certs::make(dir.path());
        let port = free_port();
        let child = Command::new("redis-server")
            .args([
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--tls-port",
                &port.to_string(),
            ])
            .arg("--tls-cert-file")
            .arg(&certs.cert)
            .arg("--tls-key-file")
            .arg(&certs.key)
            .arg("--tls-ca-cert-file")
            .arg(&certs.ca)
            .args([
                "--tls-auth-clients",
                "no",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .arg("--dir")
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let redis = TlsRedis {
            child,
            port,
            _dir: dir,
            certs,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while redis.keys().is_none() {
            assert!(
                Instant::now() < deadline,
                "redis-server with TLS did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(redis)
    }

    /// `rediss://127.0.0.1:PORT/0` and `suffix`.
    fn url(&self, suffix: &str) -> String {
        format!("rediss://127.0.0.1:{}/0{suffix}", self.port)
    }

    /// Every key, read over TLS without checking the certificate; `None` while it is down.
    fn keys(&self) -> Option<Vec<String>> {
        let client = redis::Client::open(self.url("#insecure")).ok()?;
        let mut conn = client
            .get_connection_with_timeout(Duration::from_millis(500))
            .ok()?;
        redis::cmd("KEYS").arg("*").query(&mut conn).ok()
    }
}

impl Drop for TlsRedis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_snowflake_sequence_on_redis_over_tls() {
    let Some(redis) = TlsRedis::start("tls::the_snowflake_sequence_on_redis_over_tls") else {
        return;
    };
    // The server's CA among the system's roots (SSL_CERT_FILE): the ids come from its counters.
    let env = TestEnv::new()
        .with_env("RELCTL_REDIS_URL", &redis.url(""))
        .with_env("SSL_CERT_FILE", redis.certs.ca.to_str().unwrap());
    env.ok(&["project", "create", "Backend"]);
    assert_eq!(redis.keys().unwrap().len(), 1);
    assert_eq!(env.query_i64("SELECT COUNT(*) FROM snowflake_sequence"), 0);
    // A CA that did not sign the server's certificate: exit 5, nothing written.
    let other = redis.certs.other_ca.to_str().unwrap();
    let untrusted = env.with_env("SSL_CERT_FILE", other);
    let stderr = untrusted.fails_unchanged(&["project", "create", "Web"], 5);
    assert!(
        stderr.contains("Redis")
            && stderr.contains("UnknownIssuer")
            && stderr.contains("SSL_CERT_FILE"),
        "{stderr}"
    );
    // `#insecure` takes any certificate.
    let insecure = TestEnv::new()
        .with_env("RELCTL_REDIS_URL", &redis.url("#insecure"))
        .with_env("SSL_CERT_FILE", other);
    insecure.ok(&["project", "create", "Web"]);
}

/// `rediss://` to a Redis that does not speak TLS: exit 5 in bounded time, nothing written.
#[test]
fn rediss_to_a_plain_redis_is_a_network_error() {
    let Some(plain) = crate::redis::Redis::start() else {
        return;
    };
    let url = plain.url().replacen("redis://", "rediss://", 1);
    let env = TestEnv::new().with_env("RELCTL_REDIS_URL", &plain.url());
    env.ok(&["project", "create", "Backend"]);
    let env = env.with_env("RELCTL_REDIS_URL", &url);
    let started = Instant::now();
    let stderr = env.fails_unchanged(&["project", "create", "Web"], 5);
    assert!(
        stderr.contains("Redis") && stderr.contains("--tls-port"),
        "{stderr}"
    );
    assert!(started.elapsed() < Duration::from_secs(10), "{stderr}");
}

//! TLS to the store's PostgreSQL server, with libpq's URL parameters and meaning, through
//! rustls (the TLS stack reqwest already brings, with its aws-lc-rs provider: no OpenSSL).
//!
//! - `sslmode=disable`: plain TCP.
//! - `sslmode=prefer` (the default, as in libpq; `allow` is taken as `prefer`): TLS when the
//!   server offers it, plain otherwise; the certificate is not checked.
//! - `sslmode=require`: TLS or no connection; the certificate is not checked.
//! - `sslmode=verify-ca`: TLS, and the server's certificate chain must lead to a trusted root;
//!   the host name is not checked.
//! - `sslmode=verify-full`: as `verify-ca`, and the certificate must name the host of the URL
//!   (`?hostaddr=` connects elsewhere while the host name is still what is checked).
//! - `sslrootcert=FILE`: the trusted roots (PEM). As in libpq, a root file makes `prefer` and
//!   `require` check the chain too (as `verify-ca`). Without one, `verify-ca` and `verify-full`
//!   trust the system's roots (libpq would read `~/.postgresql/root.crt`; relctl does not);
//!   `sslrootcert=system` names them explicitly and, as in libpq, asks for `verify-full`.
//!
//! The driver knows `disable`, `prefer` and `require` only, so [`split`] takes `sslmode` and
//! `sslrootcert` out of the URL before the driver parses it, and relctl carries them: the driver
//! is told whether to ask for TLS, and the rustls configuration decides what is verified.
//!
//! What a user must act on is exit 2 with one line ([`refusal`]): a server that does not
//! accept TLS when the URL requires it, a certificate that fails verification (wrong host name,
//! unknown certificate authority, expired), an `sslrootcert` that cannot be read.

use std::sync::Arc;

use percent_encoding::percent_decode_str;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::error::{Error, Result};

/// libpq's `sslmode`, less `allow` (taken as `prefer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    fn parse(value: &str) -> Option<SslMode> {
        Some(match value {
            "disable" => SslMode::Disable,
            "allow" | "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }
}

/// Where the trusted roots come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Roots {
    /// The system's (`rustls-native-certs`: `SSL_CERT_FILE`, `SSL_CERT_DIR`, else the
    /// distribution's bundle).
    System,
    /// A PEM file (`sslrootcert=FILE`).
    File(String),
}

/// The TLS half of a store URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsOptions {
    pub mode: SslMode,
    /// `sslrootcert`, when given.
    pub root_cert: Option<Roots>,
}

impl TlsOptions {
    /// What the driver is told: whether to ask for TLS, and whether it may go without.
    pub fn driver_mode(&self) -> postgres::config::SslMode {
        match self.mode {
            SslMode::Disable => postgres::config::SslMode::Disable,
            SslMode::Prefer => postgres::config::SslMode::Prefer,
            SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => {
                postgres::config::SslMode::Require
            }
        }
    }

    /// Whether the certificate chain is checked, and the host name with it.
    fn checks(&self) -> (bool, bool) {
        let chain = self.mode == SslMode::VerifyCa
            || self.mode == SslMode::VerifyFull
            || self.root_cert.is_some();
        (chain, self.mode == SslMode::VerifyFull)
    }

    /// The roots the chain was checked against, as a message names them.
    fn roots_shown(&self) -> String {
        match &self.root_cert {
            Some(Roots::File(path)) => format!("sslrootcert {path}"),
            _ => "the system's root certificates".to_string(),
        }
    }

    /// The driver's TLS connector for these options (`shown`: the URL for messages).
    pub fn connector(&self, shown: &str) -> Result<MakeRustlsConnect> {
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let verifier: Arc<dyn ServerCertVerifier> = match self.checks() {
            (false, _) => Arc::new(Unchecked(provider.signature_verification_algorithms)),
            (true, full) => {
                let roots = self.load_roots(shown)?;
                let webpki = WebPkiServerVerifier::builder_with_provider(
                    Arc::new(roots),
                    Arc::clone(&provider),
                )
                .build()
                .map_err(|err| {
                    Error::usage(format!(
                        "store database {shown}: cannot check certificates against {}: {err}",
                        self.roots_shown()
                    ))
                })?;
                if full {
                    webpki
                } else {
                    Arc::new(ChainOnly(webpki))
                }
            }
        };
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|err| Error::other(format!("cannot set up TLS: {err}")))?
            .dangerous()
            .with_custom_certificate_verifier(verifier)
            .with_no_client_auth();
        Ok(MakeRustlsConnect::new(config))
    }

    fn load_roots(&self, shown: &str) -> Result<RootCertStore> {
        let mut roots = RootCertStore::empty();
        match &self.root_cert {
            Some(Roots::File(path)) => {
                let unreadable = |why: String| {
                    Error::usage(format!(
                        "store database {shown}: cannot read sslrootcert {path}: {why}"
                    ))
                };
                let pem = std::fs::read(path).map_err(|err| unreadable(err.to_string()))?;
                for cert in CertificateDer::pem_slice_iter(&pem) {
                    let cert = cert.map_err(|err| unreadable(err.to_string()))?;
                    roots
                        .add(cert)
                        .map_err(|err| unreadable(format!("a certificate is not usable: {err}")))?;
                }
                if roots.is_empty() {
                    return Err(unreadable("it holds no PEM certificate".to_string()));
                }
            }
            _ => {
                let found = rustls_native_certs::load_native_certs();
                roots.add_parsable_certificates(found.certs);
                if roots.is_empty() {
                    let why = found.errors.first().map(ToString::to_string);
                    return Err(Error::usage(format!(
                        "store database {shown}: no system root certificate was found{} to \
                         check the server's certificate against; give the server's CA with \
                         sslrootcert=FILE, or install ca-certificates",
                        why.map(|why| format!(" ({why})")).unwrap_or_default()
                    )));
                }
            }
        }
        Ok(roots)
    }
}

/// Takes libpq's `sslmode` and `sslrootcert` out of `url`'s query (the rest is kept as it was
/// written) and reads them; `shown` is the URL for messages.
pub fn split(url: &str, shown: &str) -> Result<(String, TlsOptions)> {
    let mut mode = None;
    let mut root_cert = None;
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url.to_string(), options(None, None, shown)?));
    };
    let mut kept = Vec::new();
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decoded = || {
            percent_decode_str(value)
                .decode_utf8()
                .map(|value| value.into_owned())
                .map_err(|_| {
                    Error::usage(format!(
                        "invalid PostgreSQL store URL {shown}: {key} is not UTF-8"
                    ))
                })
        };
        match key {
            "sslmode" => mode = Some(decoded()?),
            "sslrootcert" => root_cert = Some(decoded()?),
            _ => kept.push(pair),
        }
    }
    let url = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    Ok((url, options(mode, root_cert, shown)?))
}

fn options(mode: Option<String>, root_cert: Option<String>, shown: &str) -> Result<TlsOptions> {
    let root_cert = root_cert.map(|value| match value.as_str() {
        "system" => Roots::System,
        _ => Roots::File(value),
    });
    let system = root_cert == Some(Roots::System);
    let mode = match mode.as_deref() {
        None if system => SslMode::VerifyFull,
        None => SslMode::Prefer,
        Some(value) => SslMode::parse(value).ok_or_else(|| {
            Error::usage(format!(
                "invalid PostgreSQL store URL {shown}: sslmode={value} is not one of disable, \
                 allow, prefer, require, verify-ca, verify-full"
            ))
        })?,
    };
    if system && mode != SslMode::VerifyFull {
        return Err(Error::usage(format!(
            "invalid PostgreSQL store URL {shown}: sslrootcert=system needs sslmode=verify-full \
             (as in libpq: the system's roots trust every public certificate authority, so the \
             host name must be checked too)"
        )));
    }
    Ok(TlsOptions { mode, root_cert })
}

/// The one-line exit-2 error for a connection that failed on TLS itself, or `None` when `err`
/// is not about TLS.
pub fn refusal(shown: &str, options: &TlsOptions, err: &postgres::Error) -> Option<Error> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(inner) = source {
        if inner.to_string() == "server does not support TLS" {
            return Some(Error::usage(format!(
                "the store database {shown} does not accept TLS connections, and \
                 sslmode={} requires TLS: turn ssl on in the server's configuration, or, on a \
                 network you trust, connect with sslmode=prefer or sslmode=disable",
                options.mode.name()
            )));
        }
        let rustls_error = inner
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .and_then(|inner| inner.downcast_ref::<rustls::Error>());
        if let Some(rustls::Error::InvalidCertificate(why)) = rustls_error {
            return Some(certificate_refused(shown, options, why));
        }
        source = inner.source();
    }
    None
}

fn certificate_refused(shown: &str, options: &TlsOptions, why: &CertificateError) -> Error {
    let advice = match why {
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            "sslmode=verify-full checks that the certificate names the host of the URL: connect \
             by a name the certificate lists (with ?hostaddr= for the address if need be)"
                .to_string()
        }
        CertificateError::UnknownIssuer | CertificateError::BadSignature => {
            let fix = match options.root_cert {
                Some(Roots::File(_)) => "that file must hold the CA that signed it",
                _ => "give the server's CA with sslrootcert=FILE",
            };
            format!(
                "it is not signed by a certificate authority in {}: {fix}",
                options.roots_shown()
            )
        }
        _ => format!("checked against {}", options.roots_shown()),
    };
    let why = rustls::Error::InvalidCertificate(why.clone()).to_string();
    Error::usage(format!(
        "the store database {shown} presented a certificate that fails verification \
         (sslmode={}): {why}; {advice}",
        options.mode.name()
    ))
}

/// `prefer` and `require` without a root file: any certificate is taken (as libpq does), but
/// the handshake's signatures are still checked against it.
#[derive(Debug)]
struct Unchecked(WebPkiSupportedAlgorithms);

impl ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_schemes()
    }
}

/// `verify-ca`: the chain as webpki checks it, the host name not. webpki checks the name last,
/// after the chain, so a name error means the chain was good.
#[derive(Debug)]
struct ChainOnly(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_ok(url: &str) -> (String, TlsOptions) {
        split(url, url).unwrap()
    }

    #[test]
    fn libpq_parameters_leave_the_url_and_the_rest_stays_as_written() {
        let (url, options) = split_ok(
            "postgres://u:pw@db/relctl?application_name=x&sslmode=verify-full\
             &sslrootcert=%2Fetc%2Fca.pem&hostaddr=10.0.0.1",
        );
        assert_eq!(
            url,
            "postgres://u:pw@db/relctl?application_name=x&hostaddr=10.0.0.1"
        );
        assert_eq!(options.mode, SslMode::VerifyFull);
        assert_eq!(
            options.root_cert,
            Some(Roots::File("/etc/ca.pem".to_string()))
        );
        assert_eq!(options.checks(), (true, true));
        let (url, options) = split_ok("postgres://u@db/relctl?sslmode=require");
        assert_eq!(url, "postgres://u@db/relctl");
        assert_eq!(options.checks(), (false, false));
        assert_eq!(options.driver_mode(), postgres::config::SslMode::Require);
    }

    #[test]
    fn the_defaults_are_libpqs() {
        let (url, options) = split_ok("postgres://u@db/relctl");
        assert_eq!(url, "postgres://u@db/relctl");
        assert_eq!(options.mode, SslMode::Prefer);
        assert_eq!(options.checks(), (false, false));
        // A root file makes require (and prefer) check the chain, as verify-ca.
        let (_, options) = split_ok("postgres://u@db/r?sslmode=require&sslrootcert=ca.pem");
        assert_eq!(options.checks(), (true, false));
        let (_, options) = split_ok("postgres://u@db/r?sslrootcert=system");
        assert_eq!(options.mode, SslMode::VerifyFull);
        let (_, options) = split_ok("postgres://u@db/r?sslmode=verify-ca");
        assert_eq!(options.checks(), (true, false));
        assert_eq!(options.root_cert, None);
    }

    #[test]
    fn unknown_modes_and_system_roots_without_verify_full_are_usage_errors() {
        for url in [
            "postgres://u:secret@db/r?sslmode=verify",
            "postgres://u:secret@db/r?sslmode=require&sslrootcert=system",
        ] {
            let shown = crate::secrets::shown_store_url(url);
            let err = split(url, &shown).unwrap_err();
            assert_eq!(err.kind, crate::error::ErrorKind::Usage, "{url}");
            assert!(!err.message.contains("secret"), "{}", err.message);
        }
    }

    #[test]
    fn an_unreadable_or_empty_root_file_is_a_usage_error() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "not a certificate\n").unwrap();
        for path in [dir.path().join("missing.pem"), empty] {
            let options = TlsOptions {
                mode: SslMode::VerifyCa,
                root_cert: Some(Roots::File(path.display().to_string())),
            };
            let err = options.connector("postgres://db/r").err().unwrap();
            assert_eq!(err.kind, crate::error::ErrorKind::Usage);
            assert!(err.message.contains("sslrootcert"), "{}", err.message);
        }
    }
}

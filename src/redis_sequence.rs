//! The snowflake sequence on Redis, as Sentry keeps it (server-flow.md 5.3): one counter per
//! second under the key `str(second)`, `INCR`, and `EXPIRE 300` when the `INCR` made it. Every
//! relctl process and `serve` instance that shares one Redis then hands out distinct project ids,
//! whatever store each writes to. Without a Redis URL the store keeps the counters in its own
//! table (`store::sequence`).
//!
//! Redis is reached with bounded waits (connect, read, write), so a Redis that is down ends the
//! command with a network error (exit 5, HTTP 503 from `serve`) in bounded time; the project save
//! that asked for the id is inside the store's write transaction, which the error rolls back.
//!
//! `rediss://` is Redis over TLS (rustls, as for PostgreSQL): the server's certificate must lead
//! to one of the system's roots (`SSL_CERT_FILE` or `SSL_CERT_DIR` name others) and name the
//! host; `rediss://...#insecure` takes any certificate (the redis crate's own spelling). A
//! certificate that fails, or a server that does not speak TLS, is a network error like any
//! other failure to reach Redis (exit 5), its message saying why.

use std::sync::Mutex;
use std::time::Duration;

use crate::error::{Error, ErrorKind, Result};

/// Time to live of a second's counter (Sentry's `EXPIRE`).
pub const COUNTER_TTL_SECONDS: i64 = 300;

/// The longest wait for Redis to accept a connection or answer a command.
const WAIT: Duration = Duration::from_secs(3);

/// A connection to the Redis holding the sequence, opened on first use and reopened after a
/// failure.
pub struct RedisSequence {
    client: redis::Client,
    /// The URL with its password masked, for messages.
    shown: String,
    connection: Mutex<Option<redis::Connection>>,
}

impl std::fmt::Debug for RedisSequence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisSequence")
            .field("url", &self.shown)
            .finish()
    }
}

impl RedisSequence {
    /// Checks `url` (`redis://[[user]:password@]host[:port][/db]`, or `rediss://` for TLS);
    /// nothing is contacted yet.
    pub fn new(url: &str) -> Result<RedisSequence> {
        let shown = crate::secrets::mask_passwords(url);
        let client = redis::Client::open(url).map_err(|err| {
            Error::usage(format!(
                "invalid Redis URL {} ({}): expected redis://[[USER]:PASSWORD@]HOST[:PORT][/DB] \
                 (rediss:// for TLS)",
                crate::domain::shown(&shown),
                crate::secrets::mask_passwords(&err.to_string())
            ))
        })?;
        Ok(RedisSequence {
            client,
            shown,
            connection: Mutex::new(None),
        })
    }

    /// Whether the URL is `rediss://` (TLS), as the client parsed it.
    fn is_tls(&self) -> bool {
        matches!(
            self.client.get_connection_info().addr(),
            redis::ConnectionAddr::TcpTls { .. }
        )
    }

    /// Sentry's step for one second: `INCR str(second)`, and `EXPIRE str(second) 300` when the
    /// counter was just made. Returns the counter's new value (1 on first use). A connection kept
    /// from an earlier id that turns out broken (Redis restarted meanwhile) is replaced once
    /// before giving up.
    pub fn increment(&self, second: u64) -> Result<u64> {
        let mut slot = self
            .connection
            .lock()
            .map_err(|_| Error::other("the Redis connection lock is poisoned"))?;
        let reused = slot.is_some();
        match self.increment_on(&mut slot, second) {
            Err(err) if reused && (err.is_io_error() || err.is_connection_dropped()) => {
                *slot = None;
                self.increment_on(&mut slot, second)
            }
            other => other,
        }
        .map_err(|err| {
            // A broken connection is not reused; the next id opens a new one.
            *slot = None;
            self.unavailable(&err)
        })
    }

    /// Whether Redis answers `PING` now, on a connection of its own (the sequence's is left
    /// alone), each wait bounded by `wait`; the error names the URL with its password masked.
    pub fn ping(&self, wait: Duration) -> Result<()> {
        let answered = self
            .client
            .get_connection_with_timeout(wait)
            .and_then(|mut connection| {
                connection.set_read_timeout(Some(wait))?;
                connection.set_write_timeout(Some(wait))?;
                redis::cmd("PING").query::<String>(&mut connection)
            });
        answered.map(|_| ()).map_err(|err| self.unavailable(&err))
    }

    fn increment_on(
        &self,
        slot: &mut Option<redis::Connection>,
        second: u64,
    ) -> redis::RedisResult<u64> {
        if slot.is_none() {
            let connection = self.client.get_connection_with_timeout(WAIT)?;
            connection.set_read_timeout(Some(WAIT))?;
            connection.set_write_timeout(Some(WAIT))?;
            *slot = Some(connection);
        }
        let Some(connection) = slot.as_mut() else {
            return Err(redis::RedisError::from((
                redis::ErrorKind::Client,
                "no Redis connection",
            )));
        };
        let key = second.to_string();
        let value = redis::cmd("INCR").arg(&key).query::<u64>(connection)?;
        if value == 1 {
            redis::cmd("EXPIRE")
                .arg(&key)
                .arg(COUNTER_TTL_SECONDS)
                .query::<i64>(connection)?;
        }
        Ok(value)
    }

    fn unavailable(&self, err: &redis::RedisError) -> Error {
        let hint = match tls_hint(err) {
            Some(hint) if self.is_tls() => format!("; {hint}"),
            _ => String::new(),
        };
        Error::new(
            ErrorKind::Network,
            format!(
                "the snowflake sequence on Redis ({}) is unavailable: {}{hint}",
                self.shown,
                crate::secrets::mask_passwords(&err.to_string())
            ),
        )
    }
}

/// What a user of `rediss://` is to check when `err` came from TLS: a certificate that failed
/// verification, or a server that never answered the handshake (a plain Redis port waits for
/// the end of a command that never comes).
fn tls_hint(err: &redis::RedisError) -> Option<&'static str> {
    // The crate keeps its I/O error to itself; its text is rustls's, whose certificate
    // failures all begin so.
    if err.to_string().contains("invalid peer certificate") {
        Some(
            "rediss:// trusts the system's root certificates (SSL_CERT_FILE or SSL_CERT_DIR \
             name others) and checks the host name; rediss://HOST:PORT/DB#insecure checks neither",
        )
    } else if err.is_timeout() {
        Some(
            "no TLS answer in time: a rediss:// URL needs the port where Redis speaks TLS \
             (redis-server --tls-port)",
        )
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_urls_are_usage_errors_without_the_password() {
        for url in [
            "http://h:6379",
            "redis://u:secret@h:notaport",
            "",
            "redis://:secret@",
        ] {
            match RedisSequence::new(url) {
                Err(err) => {
                    assert_eq!(err.kind, ErrorKind::Usage, "{url}");
                    assert!(!err.message.contains("secret"), "{}", err.message);
                }
                Ok(_) => panic!("{url} was accepted"),
            }
        }
        assert!(RedisSequence::new("redis://127.0.0.1:6379/2").is_ok());
        assert!(RedisSequence::new("rediss://:secret@127.0.0.1:6379/2").is_ok());
        assert!(RedisSequence::new("rediss://127.0.0.1:6379/2#insecure").is_ok());
    }

    #[test]
    fn a_redis_that_is_not_there_is_a_network_error_in_bounded_time() {
        // Port 9 on loopback: nothing listens (connection refused at once).
        let sequence = RedisSequence::new("redis://:secret@127.0.0.1:9").unwrap();
        let started = std::time::Instant::now();
        let err = sequence.increment(12).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Network);
        assert!(!err.message.contains("secret"), "{}", err.message);
        assert!(started.elapsed() < WAIT * 2);
    }
}

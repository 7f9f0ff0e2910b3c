//! Which backend a command's requests go to (cli.md, Targets).
//!
//! A server URL (flag, environment or config) selects the remote backend; an explicit `--store`
//! on the command line selects the local store even when a URL comes from the environment or
//! config, so a CI job with `SENTRY_URL` exported can still use a local store on purpose.

use std::sync::Arc;
use std::time::Duration;

use crate::backend::Backend;
use crate::backend::local::LocalBackend;
use crate::backend::remote::RemoteBackend;
use crate::config::Settings;
use crate::error::Result;

/// The backend, and whether it is remote.
pub fn backend(
    settings: &Settings,
    store_flag_given: bool,
    verbose: u8,
) -> Result<(Box<dyn Backend>, bool)> {
    match &settings.url {
        Some(url) if !store_flag_given => {
            let remote = RemoteBackend::for_command_line(
                url.value.clone(),
                settings
                    .auth_token
                    .as_ref()
                    .map(|token| token.value.clone()),
                Duration::from_secs(settings.timeout_seconds.value),
                verbose,
                settings.max_response.value,
                settings.headers.value.clone(),
            )?;
            Ok((Box::new(remote), true))
        }
        _ => Ok((
            Box::new(
                LocalBackend::new(settings.store_path()?, settings.region_id.value)
                    .with_redis(redis_sequence(settings)?),
            ),
            false,
        )),
    }
}

/// The shared snowflake sequence the settings name (`RELCTL_REDIS_URL`, config `redis_url`); a
/// malformed URL is a usage error before anything is written.
pub fn redis_sequence(
    settings: &Settings,
) -> Result<Option<Arc<crate::redis_sequence::RedisSequence>>> {
    settings
        .redis_url
        .as_ref()
        .map(|url| crate::redis_sequence::RedisSequence::new(&url.value).map(Arc::new))
        .transpose()
}

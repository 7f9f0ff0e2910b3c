//! Project platforms: which `platform` values a project may be saved with.
//!
//! Sentry refuses a project whose platform is not one it has getting-started docs for
//! (`Project.is_valid_platform`): 400 "Invalid platform", unless the value is empty or `other`.
//! relctl keeps the same list, so a store written by `relctl serve` holds only platforms Sentry
//! would hold, and the CLI refuses what the server refuses.

/// The platform ids Sentry accepts besides `other` (its `GETTING_STARTED_DOCS_PLATFORMS`),
/// sorted so that a lookup is a binary search.
const PLATFORMS: &[&str] = &[
    "android",
    "apple",
    "apple-ios",
    "apple-macos",
    "bun",
    "capacitor",
    "cloudflare-pages",
    "cloudflare-workers",
    "cordova",
    "dart",
    "deno",
    "dotnet",
    "dotnet-aspnet",
    "dotnet-aspnetcore",
    "dotnet-awslambda",
    "dotnet-gcpfunctions",
    "dotnet-maui",
    "dotnet-uwp",
    "dotnet-winforms",
    "dotnet-wpf",
    "dotnet-xamarin",
    "electron",
    "elixir",
    "flutter",
    "go",
    "go-echo",
    "go-fasthttp",
    "go-fiber",
    "go-gin",
    "go-http",
    "go-iris",
    "go-martini",
    "go-negroni",
    "ionic",
    "java",
    "java-log4j2",
    "java-logback",
    "java-spring",
    "java-spring-boot",
    "javascript",
    "javascript-angular",
    "javascript-astro",
    "javascript-ember",
    "javascript-gatsby",
    "javascript-nextjs",
    "javascript-nuxt",
    "javascript-react",
    "javascript-remix",
    "javascript-solid",
    "javascript-solidstart",
    "javascript-svelte",
    "javascript-sveltekit",
    "javascript-vue",
    "kotlin",
    "minidump",
    "native",
    "native-qt",
    "nintendo-switch",
    "node",
    "node-awslambda",
    "node-azurefunctions",
    "node-connect",
    "node-express",
    "node-fastify",
    "node-gcpfunctions",
    "node-hapi",
    "node-koa",
    "node-nestjs",
    "php",
    "php-laravel",
    "php-symfony",
    "powershell",
    "python",
    "python-aiohttp",
    "python-asgi",
    "python-awslambda",
    "python-bottle",
    "python-celery",
    "python-chalice",
    "python-django",
    "python-falcon",
    "python-fastapi",
    "python-flask",
    "python-gcpfunctions",
    "python-pylons",
    "python-pymongo",
    "python-pyramid",
    "python-quart",
    "python-rq",
    "python-sanic",
    "python-serverless",
    "python-starlette",
    "python-tornado",
    "python-tryton",
    "python-wsgi",
    "react-native",
    "ruby",
    "ruby-rack",
    "ruby-rails",
    "rust",
    "unity",
    "unreal",
];

/// Sentry's message for a platform it does not know.
pub const INVALID_PLATFORM: &str = "Invalid platform";

/// Whether a project may have this platform: empty (none), `other`, or one of Sentry's.
pub fn is_valid_platform(platform: &str) -> bool {
    platform.is_empty() || platform == "other" || PLATFORMS.binary_search(&platform).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_for_the_binary_search() {
        assert!(PLATFORMS.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn sentrys_platforms_empty_and_other_are_valid_nothing_else() {
        for ok in [
            "",
            "other",
            "python",
            "javascript-react",
            "rust",
            "unreal",
            "android",
        ] {
            assert!(is_valid_platform(ok), "{ok}");
        }
        for bad in ["Python", "python ", "cobol", "python-", "otherr", "-", "\n"] {
            assert!(!is_valid_platform(bad), "{bad}");
        }
    }
}

//! The API's answers as Sentry's serializers shape them: one typed struct per Sentry shape,
//! with serde renames and ids as strings by type, so the contract of `relctl serve` reads in
//! one place and answers are never edited as JSON after the fact.

pub mod issue;
pub mod organization_summary;

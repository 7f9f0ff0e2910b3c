//! `relctl org list`: the organizations.

use crate::cli::Ctx;
use crate::error::Result;
use crate::model;
use crate::output::{table, when};

pub fn run(ctx: &Ctx) -> Result<()> {
    let orgs: Vec<model::Organization> = ctx.backend().organizations()?;
    ctx.out.emit(&orgs, |orgs| render(orgs))
}

fn render(orgs: &[model::Organization]) -> String {
    let rows: Vec<Vec<String>> = orgs
        .iter()
        .map(|o| vec![o.slug.clone(), o.name.clone(), when(&o.date_created)])
        .collect();
    table(&["SLUG", "NAME", "CREATED"], &rows)
}

//! `relctl org show`: the organization (`--org`) and every option's value.

use crate::cli::Ctx;
use crate::error::Result;
use crate::model;
use crate::output::{details, table};

pub fn run(ctx: &Ctx) -> Result<()> {
    let org = ctx.backend().organization(&ctx.org())?;
    ctx.out.emit(&org, render)
}

fn render(o: &model::OrganizationDetails) -> String {
    let mut pairs = vec![
        ("slug", o.organization.slug.clone()),
        ("name", o.organization.name.clone()),
        ("created", o.organization.date_created.clone()),
    ];
    let options: Vec<Vec<String>> = o
        .options
        .iter()
        .map(|(k, v)| vec![k.clone(), v.to_string()])
        .collect();
    pairs.push(("options", String::new()));
    let mut text = details(&pairs);
    text.push_str(&table(&["OPTION", "VALUE"], &options));
    text
}

//! `motcua schema`: the JSON Schema of each content file, for editors' YAML language servers.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::config::SiteConfig;
use crate::load::schema_of;
use crate::model::{Agency, Field, GuideMeta, LifeEvent, PageMeta, Procedure};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Kind {
    Procedure,
    Guide,
    Page,
    Agency,
    Field,
    LifeEvent,
    Site,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which file's schema to print.
    #[arg(value_enum)]
    pub kind: Kind,
}

pub fn run(args: &SchemaArgs) -> ExitCode {
    let schema = match args.kind {
        Kind::Procedure => schema_of::<Procedure>(),
        Kind::Guide => schema_of::<GuideMeta>(),
        Kind::Page => schema_of::<PageMeta>(),
        Kind::Agency => list_of(schema_of::<Agency>()),
        Kind::Field => list_of(schema_of::<Field>()),
        Kind::LifeEvent => list_of(schema_of::<LifeEvent>()),
        Kind::Site => schema_of::<SiteConfig>(),
    };
    let text = serde_json::to_string_pretty(&schema).expect("schemas serialize");
    // `motcua schema procedure | head` closes the pipe early; that is not an error.
    let _ = writeln!(std::io::stdout(), "{text}");
    ExitCode::SUCCESS
}

/// Registry files are lists of entries.
fn list_of(mut item: serde_json::Value) -> serde_json::Value {
    let mut list = serde_json::Map::new();
    if let Some(schema) = item.as_object_mut().and_then(|o| o.remove("$schema")) {
        list.insert("$schema".into(), schema);
    }
    list.insert("type".into(), "array".into());
    if let Some(defs) = item.as_object_mut().and_then(|o| o.remove("$defs")) {
        list.insert("$defs".into(), defs);
    }
    list.insert("items".into(), item);
    serde_json::Value::Object(list)
}

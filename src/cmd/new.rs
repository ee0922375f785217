//! `motcua new`: start a procedure or a guide from the theme's archetypes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::CONTENT_ERROR;
use crate::slug::slugify;

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The site's root folder.
    #[arg(
        long,
        short = 'r',
        default_value = ".",
        value_name = "DIR",
        global = true,
        value_parser = super::site_root
    )]
    pub root: PathBuf,
    #[command(subcommand)]
    pub what: What,
}

#[derive(Debug, Subcommand)]
pub enum What {
    /// A procedure: content/procedures/<field>/<name>.yaml
    Procedure {
        /// Mã thủ tục, e.g. 1.001193.
        #[arg(long)]
        code: String,
        /// Tên thủ tục.
        #[arg(long)]
        name: String,
        /// A field id from content/fields.yaml.
        #[arg(long)]
        field: String,
        /// An agency id from content/agencies.yaml.
        #[arg(long, default_value = "")]
        agency: String,
    },
    /// A guide: content/guides/<title>.md
    Guide {
        #[arg(long)]
        title: String,
        /// Codes of the procedures it explains.
        #[arg(long = "procedure", value_name = "CODE")]
        procedures: Vec<String>,
    },
}

pub fn run(args: &NewArgs) -> ExitCode {
    let mut ctx = tera::Context::new();
    ctx.insert("date", &chrono::Local::now().date_naive().to_string());
    let (archetype, path) = match &args.what {
        What::Procedure {
            code,
            name,
            field,
            agency,
        } => {
            ctx.insert("code", code);
            ctx.insert("name", name);
            ctx.insert("field", field);
            if !agency.is_empty() {
                ctx.insert("agency", agency);
            }
            let file = format!("{}.yaml", slugify(name));
            (
                "procedure.yaml",
                Path::new("content/procedures")
                    .join(slugify(field))
                    .join(file),
            )
        }
        What::Guide { title, procedures } => {
            ctx.insert("title", title);
            ctx.insert("procedures", procedures);
            (
                "guide.md",
                Path::new("content/guides").join(format!("{}.md", slugify(title))),
            )
        }
    };
    match scaffold(&args.root, archetype, &path, &ctx) {
        Ok(()) => {
            println!("created {}", path.display());
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(CONTENT_ERROR)
        }
    }
}

fn scaffold(root: &Path, archetype: &str, rel: &Path, ctx: &tera::Context) -> Result<(), String> {
    let dest = root.join(rel);
    if dest.exists() {
        return Err(format!("{} already exists; edit it instead", rel.display()));
    }
    let theme = theme_name(root);
    let candidates = [
        root.join("archetypes").join(archetype),
        root.join("themes")
            .join(&theme)
            .join("archetypes")
            .join(archetype),
    ];
    let template = match candidates.iter().find(|p| p.exists()) {
        Some(source) => {
            std::fs::read_to_string(source).map_err(|e| format!("{}: {e}", source.display()))?
        }
        None => crate::render::theme::builtin(&format!("archetypes/{archetype}"))
            .filter(|_| theme == "default")
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .ok_or_else(|| {
                format!("no archetype {archetype} in archetypes/ or themes/{theme}/archetypes/")
            })?,
    };
    let text = tera::Tera::one_off(&template, ctx, false)
        .map_err(|e| crate::render::theme::error_chain(&e))?;
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&dest, text).map_err(|e| format!("{}: {e}", dest.display()))
}

fn theme_name(root: &Path) -> String {
    std::fs::read_to_string(root.join("site.toml"))
        .ok()
        .and_then(|t| toml::from_str::<toml::Table>(&t).ok())
        .and_then(|t| t.get("theme").and_then(|v| v.as_str()).map(str::to_owned))
        .unwrap_or_else(|| "default".into())
}

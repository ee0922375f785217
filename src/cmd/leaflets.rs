//! `motcua leaflets`: list the leaflets and their estimated sheets, or with `--pdf` write a
//! print-ready PDF of each through a locally installed Chromium.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::{CONTENT_ERROR, ForceArg, SiteArgs, check_out};
use crate::catalog::Catalog;
use crate::catalog::routes::{self, Bundle};
use crate::diagnostics::{Diagnostics, report};
use crate::output::{Output, Staging};
use crate::render::leaflet;
use crate::slug::slugify;

#[derive(Debug, Args)]
pub struct LeafletsArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Write a PDF of every leaflet (needs Chromium).
    #[arg(long)]
    pub pdf: bool,
    /// Also write one PDF per field and per life event with all their leaflets.
    #[arg(long, requires = "pdf")]
    pub bundles: bool,
    /// Where to write the PDFs (relative paths are under the root).
    #[arg(long, short = 'o', default_value = "leaflets-pdf", value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub force: ForceArg,
}

/// One file to print: site path → file name.
struct Job {
    path: String,
    file: String,
}

pub fn run(args: &LeafletsArgs) -> ExitCode {
    let opts = args.site.options();
    let mut out = opts.root.join(&args.out);
    if args.pdf {
        match check_out(&opts.root, &out, Output::Leaflets, args.force.force) {
            Ok(checked) => out = checked,
            Err(code) => return code,
        }
    }
    let diags = Diagnostics::new();
    let Some(catalog) = crate::site::catalog(&opts, &diags) else {
        report::print(&diags);
        return ExitCode::from(CONTENT_ERROR);
    };
    if !args.pdf {
        // The estimate counts the theme's words around the text.
        let theme = crate::render::load_theme(&catalog, &diags);
        report::print(&diags);
        let Some(theme) = theme else {
            return ExitCode::from(CONTENT_ERROR);
        };
        list(&catalog, leaflet::Counts::of(&theme.strings));
        return ExitCode::SUCCESS;
    }
    let chromium = match crate::print::find_chromium() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(CONTENT_ERROR);
        }
    };
    match print_all(&opts, &catalog, &chromium, &out, args.bundles, &diags) {
        Ok(n) => {
            eprintln!("wrote {n} PDF file(s) → {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            report::print(&diags);
            eprintln!("error: {e}");
            ExitCode::from(CONTENT_ERROR)
        }
    }
}

fn list(c: &Catalog, counts: leaflet::Counts) {
    for p in c.procedures.iter().filter(|p| p.leaflet_path.is_some()) {
        let around = leaflet::Around::of(c, p, counts);
        let fit = leaflet::fit(&p.data, around, c.config.leaflet.layout);
        println!(
            "{}\t{}\t{} sheet(s), {:?} text\t{}",
            p.data.code,
            p.data.name,
            fit.sheets,
            fit.size,
            c.base
                .absolute(p.leaflet_path.as_deref().unwrap_or_default())
        );
    }
}

fn jobs(c: &Catalog, bundles: bool) -> Vec<Job> {
    let mut jobs: Vec<Job> = c
        .procedures
        .iter()
        .filter_map(|p| {
            let path = p.leaflet_path.clone()?;
            let slug = p
                .path
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default();
            Some(Job {
                path,
                file: format!("{}-{slug}.pdf", p.data.code),
            })
        })
        .collect();
    if bundles {
        let mut add = |kind: Bundle, ids: Vec<&String>| {
            for id in ids {
                jobs.push(Job {
                    path: routes::bundle(kind, id),
                    file: format!("bundles/{}-{}.pdf", kind.segment(), slugify(id)),
                });
            }
        };
        add(Bundle::Field, c.fields.iter().map(|g| &g.id).collect());
        add(
            Bundle::LifeEvent,
            c.life_events.iter().map(|g| &g.id).collect(),
        );
    }
    jobs
}

fn print_all(
    opts: &crate::site::Options,
    c: &Catalog,
    chromium: &Path,
    out: &Path,
    bundles: bool,
    diags: &Diagnostics,
) -> Result<usize, String> {
    let work = tempfile::Builder::new()
        .prefix("motcua-leaflets-")
        .tempdir()
        .map_err(|e| e.to_string())?;
    let site = work.path().join("site");
    if crate::site::build(opts, &site, diags).is_none() {
        return Err("the site did not build".into());
    }
    let origin = crate::serve::serve_in_background(site.clone(), c.base.prefix().to_owned())
        .map(|addr| format!("http://{addr}"))
        .map_err(|e| e.to_string())?;
    // Bundles exist only for groups with a leaflet in force.
    let jobs: Vec<Job> = jobs(c, bundles)
        .into_iter()
        .filter(|j| site.join(j.path.trim_start_matches('/')).is_dir())
        .collect();
    // Printed beside `out` and swapped in whole: PDFs of procedures gone since the last run go
    // too, and a failed run leaves the last good set.
    let staging = Staging::new(out, false).map_err(|e| e.to_string())?;
    let printed = staging.dir().to_path_buf();
    std::fs::create_dir_all(printed.join(if bundles { "bundles" } else { "" }))
        .map_err(|e| e.to_string())?;
    // Two printers at a time: Chromium is heavy, and most machines that print have few cores.
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 2);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let errors = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for w in 0..workers {
            let (jobs, next, errors, origin, printed) = (&jobs, &next, &errors, &origin, &printed);
            let profile = work.path().join(format!("profile-{w}"));
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let url = format!("{origin}{}", c.base.url(&job.path));
                    let pdf = printed.join(&job.file);
                    if let Err(e) = crate::print::print_to_pdf(chromium, &url, &pdf, &profile) {
                        errors.lock().unwrap().push(e);
                    }
                }
            });
        }
    });
    let errors = errors.into_inner().unwrap();
    match errors.first() {
        None => {
            staging.commit().map_err(|e| e.to_string())?;
            Ok(jobs.len())
        }
        Some(first) => {
            staging.abandon();
            Err(format!(
                "{} of {} leaflet(s) could not be printed; the first: {first}",
                errors.len(),
                jobs.len()
            ))
        }
    }
}

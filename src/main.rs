use std::process::ExitCode;

use clap::{Parser, Subcommand};
use motcua::cmd::{build, check, leaflets, new, schema, search, serve};

/// Loading and rendering are allocation-heavy and parallel: on a 10,000-procedure catalog glibc's
/// malloc and free were the top of the profile, and the build went from 9.1 s to 7.7 s with mimalloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// motcua builds a searchable website of administrative procedures (thủ tục hành chính) from YAML
/// and Markdown kept in git.
#[derive(Parser)]
#[command(name = "motcua", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/.
    Build(build::BuildArgs),
    /// Check every file and every internal link; write nothing.
    Check(check::CheckArgs),
    /// Preview the site on 127.0.0.1, rebuilding and reloading on every change.
    Serve(serve::ServeArgs),
    /// List the printable leaflets; with --pdf, write a print-ready PDF of each through Chromium.
    Leaflets(leaflets::LeafletsArgs),
    /// Create a procedure or guide from the theme's archetype.
    New(new::NewArgs),
    /// Search the catalog from the terminal, as the site's search page does.
    Search(search::SearchArgs),
    /// Print the JSON Schema of a content file (for editors' YAML language servers).
    Schema(schema::SchemaArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Leaflets(args) => leaflets::run(args),
        Command::New(args) => new::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Search(args) => search::run(args),
    }
}

//! The `galley` command: parses arguments, calls the library, reports. No pipeline logic here.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use galley::pipeline::{Galley, Input, Settings, pretty_json, write_atomic, write_outputs};
use galley::repair::Script;

/// The repair engine makes many small short-lived vectors per garble hypothesis; under glibc
/// malloc they were a sixth of damaged-page time.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turn damaged article text into a publishable, archivable article: clean text, a document
/// model, JATS XML and a PDF, with an audit trail of every change.
#[derive(Parser)]
#[command(name = "galley", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Repair an input: print the cleaned text; optionally write the audit trail.
    Normalize {
        /// Input file, or `-` for standard input.
        input: String,
        /// Write the cleaned text here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Write the audit trail (every change, every removed line) as JSON.
        #[arg(long)]
        audit: Option<PathBuf>,
        #[command(flatten)]
        repair: RepairArgs,
    },
    /// Extract the document model (title, authors, codes, sections, references) as JSON.
    Extract {
        /// Input file, or `-` for standard input.
        input: String,
        /// Write the JSON here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        repair: RepairArgs,
    },
    /// Build PDF, JATS, JSON and audit for each input: DIR/<stem>.{pdf,xml,json,audit.json}.
    Build {
        /// Input files (raw text or JATS .xml), or `-` for standard input.
        #[arg(required = true)]
        inputs: Vec<String>,
        #[arg(long, default_value = "out")]
        out_dir: PathBuf,
        #[command(flatten)]
        repair: RepairArgs,
        #[command(flatten)]
        typeset: TypesetArgs,
    },
    /// Build every article of an issue folder (its issue.toml lists them).
    Issue {
        /// Folder holding issue.toml and the article inputs.
        issue_dir: PathBuf,
        #[arg(long, default_value = "out")]
        out_dir: PathBuf,
        #[command(flatten)]
        repair: RepairArgs,
        #[command(flatten)]
        typeset: TypesetArgs,
    },
    /// Reprocess many articles in parallel, resumably: files, folders (recursively), issue.toml
    /// manifests or .list files; writes DIR/batch-report.{json,csv}.
    Batch {
        /// Inputs (not needed with --jsonl).
        inputs: Vec<PathBuf>,
        #[arg(long, default_value = "out")]
        out_dir: PathBuf,
        /// Worker threads (default: one per core).
        #[arg(short, long, default_value_t = 0)]
        jobs: usize,
        /// Process only shard K of N (e.g. 3/8), split by a hash of each input's path.
        #[arg(long, value_parser = parse_shard)]
        shard: Option<(usize, usize)>,
        /// Read requests as JSON lines on stdin (a path, {"path":..} or {"name":..,"text":..})
        /// and write one JSON result per line on stdout.
        #[arg(long)]
        jsonl: bool,
        /// No progress output.
        #[arg(short, long)]
        quiet: bool,
        /// Also write review pages for editors: DIR/<stem>.review.html and DIR/index.html.
        #[arg(long)]
        review: bool,
        #[command(flatten)]
        repair: RepairArgs,
        #[command(flatten)]
        typeset: TypesetArgs,
    },
    /// Write (again) the editors' review pages for the outputs in DIR: DIR/<stem>.review.html
    /// for each <stem>.audit.json there, and DIR/index.html. `issue` writes them itself.
    Review {
        /// Folder holding galley's outputs (<stem>.audit.json, .json, .xml, .pdf).
        dir: PathBuf,
        /// Title of the index page.
        #[arg(long, default_value = "galley review")]
        title: String,
        #[command(flatten)]
        repair: RepairArgs,
    },
    /// Validate JATS files against the Journal Publishing 1.3 DTD (xmllint, offline).
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Args)]
struct RepairArgs {
    /// Script of the output: restore simplified Chinese where the evidence says the text was
    /// converted from it (auto), always simplified (hans), traditional (hant), or never (keep).
    #[arg(long, value_enum, default_value_t = Script::Auto)]
    script: Script,
}

#[derive(Args)]
struct TypesetArgs {
    /// Folder of styles (templates and profiles).
    #[arg(long, default_value = "styles")]
    styles: PathBuf,
    /// Style to use (a folder under --styles) when the input does not name one.
    #[arg(long, default_value = "zh-journal")]
    style: String,
    /// Extra font folder (repeatable; also GALLEY_FONT_PATH).
    #[arg(long = "font-path")]
    font_paths: Vec<PathBuf>,
    /// PDF standard to enforce (a-2b, a-3b, a-2u, 1.7, 2.0, ua-1; repeatable).
    #[arg(long = "pdf-standard", default_value = "a-2b")]
    pdf_standards: Vec<String>,
    /// Do not typeset (JATS, JSON and audit only).
    #[arg(long)]
    no_pdf: bool,
}

fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let (k, n) = s.split_once('/').ok_or("expected K/N, e.g. 2/8")?;
    let k: usize = k.trim().parse().map_err(|_| "K must be a number")?;
    let n: usize = n.trim().parse().map_err(|_| "N must be a number")?;
    if n == 0 || k == 0 || k > n {
        return Err(format!("shard {k}/{n}: need 1 ≤ K ≤ N"));
    }
    Ok((k, n))
}

/// The run's context from the command line (bad settings are a usage error).
fn galley_for(repair: &RepairArgs, typeset: Option<&TypesetArgs>) -> Result<Galley, Failure> {
    settings(repair, typeset)
        .map(Galley::new)
        .map_err(Failure::Usage)
}

/// Ok, or the count of inputs whose problems were already printed.
fn all_ok(failed: usize) -> Result<(), Failure> {
    if failed > 0 {
        Err(Failure::Reported(failed))
    } else {
        Ok(())
    }
}

fn settings(repair: &RepairArgs, typeset: Option<&TypesetArgs>) -> Result<Settings, String> {
    let mut s = Settings::default();
    s.repair.script = repair.script;
    if let Some(t) = typeset {
        s.styles = t.styles.clone();
        s.style = t.style.clone();
        s.fonts.paths.extend(t.font_paths.iter().cloned());
        s.pdf_standards = t
            .pdf_standards
            .iter()
            .map(|n| galley::typeset::parse_standard(n).map_err(|e| e.to_string()))
            .collect::<Result<_, _>>()?;
        s.no_pdf = t.no_pdf;
    }
    Ok(s)
}

/// Writes to a file (atomically) or standard output.
fn emit(output: Option<&PathBuf>, text: &str) -> Result<(), galley::Error> {
    match output {
        Some(p) => write_atomic(p, text.as_bytes()),
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|source| galley::Error::Write {
                    path: "-".into(),
                    source,
                })
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Normalize {
            input,
            output,
            audit,
            repair,
        } => {
            let g = galley_for(&repair, None)?;
            let input = Input::parse(&input);
            let bytes = input.read()?;
            let n = g.normalize(&input.name(), &bytes);
            emit(output.as_ref(), &n.text)?;
            if let Some(path) = audit {
                write_atomic(&path, pretty_json(&n.audit).as_bytes())?;
            }
            Ok(())
        }
        Command::Extract {
            input,
            output,
            repair,
        } => {
            let g = galley_for(&repair, None)?;
            let input = Input::parse(&input);
            let bytes = input.read()?;
            let (article, _, _) = g.analyse(&input, &bytes)?;
            emit(output.as_ref(), &pretty_json(&article))?;
            Ok(())
        }
        Command::Build {
            inputs,
            out_dir,
            repair,
            typeset,
        } => {
            let g = galley_for(&repair, Some(&typeset))?;
            let mut failed = 0;
            for arg in &inputs {
                let input = Input::parse(arg);
                match g
                    .build(&input, None)
                    .and_then(|b| write_outputs(&out_dir, &b).map(|w| (b, w)))
                {
                    Ok((b, w)) => report(&input.name(), &b, &w),
                    Err(e) => {
                        eprintln!("galley: {e}");
                        failed += 1;
                    }
                }
            }
            all_ok(failed)
        }
        Command::Issue {
            issue_dir,
            out_dir,
            repair,
            typeset,
        } => {
            let g = galley_for(&repair, Some(&typeset))?;
            let summary = galley::issue::build_issue(&g, &issue_dir, &out_dir)?;
            eprintln!("{summary}");
            Ok(())
        }
        Command::Batch {
            inputs,
            out_dir,
            jobs,
            shard,
            jsonl,
            quiet,
            review,
            repair,
            typeset,
        } => {
            let g = galley_for(&repair, Some(&typeset))?;
            if jsonl {
                let stdin = std::io::stdin();
                let failed = galley::batch::run_jsonl(
                    &g,
                    std::io::BufReader::new(stdin),
                    std::io::stdout(),
                    &out_dir,
                    jobs,
                )?;
                return all_ok(failed);
            }
            if inputs.is_empty() {
                return Err(Failure::Usage("batch needs inputs (or --jsonl)".into()));
            }
            let items = galley::batch::collect_inputs(&inputs)?;
            let opts = galley::batch::BatchOptions {
                jobs,
                shard,
                progress_bar: std::io::IsTerminal::is_terminal(&std::io::stderr()),
                quiet,
                review,
            };
            let report = galley::batch::run(&g, items, &out_dir, &opts)?;
            eprint!("{}", report.summary());
            all_ok(report.failed)
        }
        Command::Review { dir, title, repair } => {
            let g = galley_for(&repair, None)?;
            let written = galley::review::write_dir(&g, &dir, None, &title)?;
            for (stem, why) in &written.failed {
                eprintln!("galley: {stem}: no review page: {why}");
            }
            eprintln!(
                "{} review page(s); open {}",
                written.pages.len(),
                written.index.display()
            );
            if !written.failed.is_empty() {
                return Err(Failure::Reported(written.failed.len()));
            }
            Ok(())
        }
        Command::Validate { files } => {
            let mut failed = 0;
            for f in &files {
                match galley::jats::validate(f) {
                    Ok(()) => eprintln!("{}: valid JATS 1.3", f.display()),
                    Err(e) => {
                        eprintln!("{e}");
                        failed += 1;
                    }
                }
            }
            all_ok(failed)
        }
    }
}

fn report(name: &str, b: &galley::pipeline::Built, w: &galley::pipeline::Written) {
    let pages = b
        .pdf
        .as_ref()
        .map(|r| format!(", {} pages", r.pages))
        .unwrap_or_default();
    eprintln!(
        "{name} → {}{pages}; {} repairs, {} warnings",
        w.xml.with_extension("").display(),
        b.audit.entries.len(),
        b.article.warnings.len()
    );
}

/// How a run failed, for the exit code.
enum Failure {
    /// Bad arguments: exit 2.
    Usage(String),
    /// A problem with an input or the environment: exit 1.
    Error(galley::Error),
    /// Problems already printed (n inputs failed): exit 1.
    Reported(usize),
}

impl From<galley::Error> for Failure {
    fn from(e: galley::Error) -> Self {
        Failure::Error(e)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(m)) => {
            eprintln!("galley: {m}");
            ExitCode::from(2)
        }
        Err(Failure::Error(e)) => {
            eprintln!("galley: {e}");
            ExitCode::from(1)
        }
        Err(Failure::Reported(n)) => {
            eprintln!("galley: {n} input(s) failed");
            ExitCode::from(1)
        }
    }
}

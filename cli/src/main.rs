//! `pipeline-triage`: diagnose failed AWS CodePipeline executions from a laptop.

use std::fs::File;
use std::io::{self, BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgGroup, Parser, Subcommand, ValueEnum};
use pipeline_triage::ClassifyError;
use pipeline_triage::diagnose::{self, DiagnoseError, Format, Options, Produced, Source};

#[derive(Debug, Parser)]
#[command(
    name = "pipeline-triage",
    version,
    about = "Find the root cause of a failed AWS CodePipeline execution"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutputFormat {
    /// The plain-text report (what email receives).
    Text,
    /// The JSON report (what SQS and Lambda subscribers receive).
    Json,
    /// The Amazon Q Developer custom notification (what chat receives).
    Chat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum TableFormat {
    /// An aligned table.
    Table,
    /// A JSON array.
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Language {
    /// English.
    En,
    /// Japanese.
    Ja,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Classify failure cases (JSON Lines) offline: one JSON line out per line in.
    Classify {
        /// Input file; standard input when absent.
        file: Option<PathBuf>,
    },
    /// Diagnose a failed execution: from an EventBridge event or an execution id (live, with
    /// the default credential chain and Region, honouring AWS_ENDPOINT_URL*), or from a saved
    /// evidence bundle (offline).
    #[command(group(ArgGroup::new("input").required(true).args(["event", "pipeline", "evidence"])))]
    Diagnose {
        /// An EventBridge event (JSON file).
        #[arg(long, value_name = "FILE")]
        event: Option<PathBuf>,
        /// A pipeline name (with --execution-id).
        #[arg(long, requires = "execution_id")]
        pipeline: Option<String>,
        /// The execution id (with --pipeline).
        #[arg(long, requires = "pipeline")]
        execution_id: Option<String>,
        /// A saved evidence bundle: replayed offline, no AWS call.
        #[arg(long, value_name = "FILE", conflicts_with = "save_evidence")]
        evidence: Option<PathBuf>,
        /// Save the collected evidence to FILE.
        #[arg(long, value_name = "FILE")]
        save_evidence: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// Language of the report.
        #[arg(long, value_enum, default_value_t = Language::En)]
        lang: Language,
        /// Seconds the whole collection may take.
        #[arg(long, default_value_t = 12)]
        timeout: u64,
        /// Seconds one AWS call may take.
        #[arg(long, default_value_t = 4)]
        call_timeout: u64,
    },
    /// List the manual approvals waiting now (live, default credential chain and Region).
    Approvals {
        /// Only approvals waiting at least this long (`4h`, `30m`, `2d`).
        #[arg(long, value_name = "AGE", default_value = "0h")]
        older_than: String,
        /// Only pipelines whose name starts with this.
        #[arg(long)]
        prefix: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        /// CodePipeline requests per second at most.
        #[arg(long, default_value_t = 10.0)]
        rate: f64,
    },
    /// Measure the engine on labelled cases (the corpus format): top-1/top-3 accuracy,
    /// per-category counts and confusions.
    Eval {
        /// Labelled JSON Lines (each case with `expected_category`).
        file: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Exit 1 when top-1 accuracy is below this fraction (e.g. 0.9).
        #[arg(long, value_name = "FRACTION")]
        min_top1: Option<f64>,
        /// Exit 1 when top-3 accuracy is below this fraction (e.g. 0.97).
        #[arg(long, value_name = "FRACTION")]
        min_top3: Option<f64>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            complain(&e);
            ExitCode::from(1)
        }
    };
    // Benchmarks read the process's own peak RSS: a parent's wait4 would count the memory of
    // the forked parent too.
    if std::env::var_os("PIPELINE_TRIAGE_STATS").is_some()
        && let Some(kib) = peak_rss_kib()
    {
        eprintln!("peak_rss_kib={kib}");
    }
    code
}

/// A message on standard error, redacted: error texts quote their input (a serde error quotes
/// the value it could not read).
fn complain(message: &dyn std::fmt::Display) {
    eprintln!(
        "pipeline-triage: {}",
        triage::redact::redact(&message.to_string())
    );
}

/// The process's peak resident set size (Linux `VmHWM`), in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn run(cli: Cli) -> io::Result<u8> {
    match cli.command {
        Command::Diagnose {
            event,
            pipeline,
            execution_id,
            evidence,
            save_evidence,
            format,
            lang,
            timeout,
            call_timeout,
        } => {
            let source = match (event, pipeline, execution_id, evidence) {
                (Some(e), _, _, _) => Source::Event(e),
                (_, _, _, Some(e)) => Source::Evidence(e),
                (_, Some(pipeline), Some(execution_id), _) => Source::Execution {
                    pipeline,
                    execution_id,
                },
                _ => {
                    complain(&"give --event, --evidence, or --pipeline with --execution-id");
                    return Ok(2);
                }
            };
            let opts = Options {
                source,
                save_evidence,
                format: match format {
                    OutputFormat::Text => Format::Text,
                    OutputFormat::Json => Format::Json,
                    OutputFormat::Chat => Format::Chat,
                },
                lang: match lang {
                    Language::En => triage::text::Lang::En,
                    Language::Ja => triage::text::Lang::Ja,
                },
                timeout: std::time::Duration::from_secs(timeout.clamp(1, 900)),
                call_timeout: std::time::Duration::from_secs(call_timeout.clamp(1, 60)),
                log_pages: 10,
            };
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?;
            match runtime.block_on(diagnose::run(&opts)) {
                Ok(Produced::Report(text)) => {
                    let mut out = io::stdout().lock();
                    out.write_all(text.as_bytes())?;
                    out.flush()?;
                    Ok(0)
                }
                Ok(Produced::Skipped(reason)) => {
                    let mut out = io::stdout().lock();
                    writeln!(out, "skipped: {}", triage::redact::redact(&reason))?;
                    out.flush()?;
                    Ok(0)
                }
                Err(DiagnoseError::Invalid(reason)) => {
                    complain(&reason);
                    Ok(2)
                }
                Err(DiagnoseError::Failed(reason)) => {
                    complain(&reason);
                    Ok(1)
                }
            }
        }
        Command::Approvals {
            older_than,
            prefix,
            format,
            rate,
        } => {
            let Some(older_than) = pipeline_triage::approvals::parse_age(&older_than) else {
                complain(&"--older-than must be like 4h, 30m or 2d");
                return Ok(2);
            };
            if !(rate.is_finite() && (0.1..=100.0).contains(&rate)) {
                complain(&"--rate must be between 0.1 and 100");
                return Ok(2);
            }
            let opts = pipeline_triage::approvals::Options {
                older_than,
                prefix,
                format: match format {
                    TableFormat::Table => pipeline_triage::approvals::Format::Table,
                    TableFormat::Json => pipeline_triage::approvals::Format::Json,
                },
                rate,
            };
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?;
            let mut out = io::stdout().lock();
            runtime.block_on(pipeline_triage::approvals::run(&opts, &mut out))
        }
        Command::Classify { file } => {
            let stdout = io::stdout().lock();
            let out = io::BufWriter::new(stdout);
            let name = file
                .as_ref()
                .map_or_else(|| "standard input".to_owned(), |p| p.display().to_string());
            let result = match &file {
                Some(path) if path.is_dir() => {
                    complain(&format!("cannot read {name}: it is a directory"));
                    return Ok(2);
                }
                Some(path) => match File::open(path) {
                    Ok(f) => pipeline_triage::classify(BufReader::new(f), out),
                    Err(e) => {
                        complain(&format!("cannot read {name}: {e}"));
                        return Ok(2);
                    }
                },
                None => pipeline_triage::classify(io::stdin().lock(), out),
            };
            match result {
                Ok(outcome) => Ok(outcome.exit_code()),
                Err(ClassifyError::Read(e)) => {
                    complain(&format!("cannot read {name}: {e}"));
                    Ok(2)
                }
                Err(ClassifyError::Write(e)) => Err(e),
            }
        }
        Command::Eval {
            file,
            json,
            min_top1,
            min_top3,
        } => {
            for (flag, floor) in [("--min-top1", min_top1), ("--min-top3", min_top3)] {
                if floor.is_some_and(|f| !(f.is_finite() && (0.0..=1.0).contains(&f))) {
                    complain(&format!("{flag} must be a fraction between 0 and 1"));
                    return Ok(2);
                }
            }
            let text = match std::fs::read_to_string(&file) {
                Ok(t) => t,
                Err(e) => {
                    complain(&format!("cannot read {}: {e}", file.display()));
                    return Ok(2);
                }
            };
            let report = triage::eval::evaluate(&text);
            let mut out = io::stdout().lock();
            if json {
                serde_json::to_writer_pretty(&mut out, &report)
                    .map_err(pipeline_triage::json_io)?;
                writeln!(out)?;
            } else {
                pipeline_triage::write_eval_report(&report, &mut out)?;
            }
            out.flush()?;
            if !report.errors.is_empty() {
                complain(&format!(
                    "{} line(s) of {} could not be read; the figures leave them out",
                    report.errors.len(),
                    file.display()
                ));
                return Ok(2);
            }
            let below = |min: Option<f64>, got: f64| min.is_some_and(|m| got < m);
            if below(min_top1, report.top1_accuracy()) || below(min_top3, report.top3_accuracy()) {
                complain(&"accuracy below the required floor");
                return Ok(1);
            }
            Ok(0)
        }
    }
}

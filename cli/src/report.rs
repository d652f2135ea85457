//! Everything mpc shows the user goes through here: cargo-like status lines
//! and errors on stderr, miette-rendered diagnostics, JSON messages and
//! command output on stdout.
//!
//! Colours are used only when stderr is a terminal and neither `NO_COLOR`
//! nor `CI` is set, so logs and test output stay plain.

use compiler::{Diagnostic, Severity, SourceFile};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};
use std::fmt;
use std::io::{IsTerminal, Write};

/// Width of snapshots and of the `rendered` field of JSON messages.
pub const PLAIN_WIDTH: usize = 80;

/// A problem with an optional source snippet: the one shape every miette
/// report in mpc takes, whether it comes from the compiler, `mpc.toml` or
/// the CLI itself.
#[derive(Debug)]
pub struct Problem {
    pub message: String,
    pub code: Option<String>,
    pub severity: miette::Severity,
    pub help: Option<String>,
    pub labels: Vec<LabeledSpan>,
    pub source: Option<NamedSource<String>>,
}

impl Problem {
    /// An error with nothing but a message.
    pub fn error(message: impl Into<String>) -> Self {
        Problem {
            message: message.into(),
            code: None,
            severity: miette::Severity::Error,
            help: None,
            labels: Vec::new(),
            source: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// Attaches the source and a primary span in it; the span is clamped to
    /// the text and to character boundaries so rendering cannot fail.
    pub fn with_source(
        mut self,
        name: &str,
        text: String,
        span: std::ops::Range<usize>,
        label: Option<String>,
    ) -> Self {
        let span = clamp_span(&text, span);
        self.labels
            .insert(0, LabeledSpan::new_primary_with_span(label, span));
        self.source = Some(NamedSource::new(name, text));
        self
    }

    pub fn into_report(self) -> miette::Report {
        miette::Report::new(self)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Problem {}

impl miette::Diagnostic for Problem {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() || self.source.is_none() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}

/// Keeps a span inside `text` and on character boundaries.
fn clamp_span(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(span.start);
    let end = floor(span.end.max(span.start)).max(start);
    start..end
}

/// Turns one compiler diagnostic into a [`Problem`] showing its file.
pub fn problem_from_diagnostic(files: &[SourceFile], diag: &Diagnostic) -> Problem {
    let mut problem = Problem::error(diag.message.clone()).with_code(diag.code);
    problem.severity = match diag.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
    };
    problem.help = diag.help.clone();
    // A diagnostic about no file in particular (say, a missing entry module)
    // may carry an index past the end; it is then shown without a snippet.
    if let Some(file) = files.get(diag.file) {
        for label in &diag.labels {
            let span = clamp_span(&file.text, label.span.clone());
            problem.labels.push(LabeledSpan::new_with_span(
                Some(label.message.clone()),
                span,
            ));
        }
        problem = problem.with_source(&file.path, file.text.clone(), diag.span.clone(), None);
    }
    problem
}

/// Renders any miette diagnostic with the graphical handler: unicode
/// box drawing, colours only if asked, lines wrapped at `width` (or not at
/// all, so logs can be searched for a whole message).
pub fn render(diagnostic: &dyn miette::Diagnostic, color: bool, width: Option<usize>) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme);
    let handler = match width {
        Some(w) => handler.with_width(w),
        None => handler.with_wrap_lines(false),
    };
    let mut out = String::new();
    if handler.render_report(&mut out, diagnostic).is_err() {
        // The graphical handler fails only on a formatter error; the
        // message alone is better than nothing.
        out = format!("error: {diagnostic}\n");
    }
    out
}

/// The rendering used by snapshots and `--message-format json`: no colours,
/// a fixed width.
pub fn render_plain(files: &[SourceFile], diag: &Diagnostic) -> String {
    render(
        &problem_from_diagnostic(files, diag),
        false,
        Some(PLAIN_WIDTH),
    )
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = clamp_span(text, offset..offset).start;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// A diagnostic as one JSON object, for `mpc build --message-format json`.
pub fn diagnostic_json(files: &[SourceFile], diag: &Diagnostic) -> serde_json::Value {
    let file = files.get(diag.file);
    let (line, column) = file.map_or((0, 0), |f| line_column(&f.text, diag.span.start));
    let labels: Vec<serde_json::Value> = diag
        .labels
        .iter()
        .map(
            |l| serde_json::json!({"start": l.span.start, "end": l.span.end, "message": l.message}),
        )
        .collect();
    serde_json::json!({
        "reason": "diagnostic",
        "level": match diag.severity { Severity::Error => "error", Severity::Warning => "warning" },
        "code": diag.code,
        "message": diag.message,
        "file": file.map(|f| f.path.as_str()),
        "line": line,
        "column": column,
        "span": {"start": diag.span.start, "end": diag.span.end},
        "labels": labels,
        "help": diag.help,
        "rendered": render_plain(files, diag),
    })
}

/// The terminal, as mpc writes to it.
#[derive(Debug, Clone, Copy)]
pub struct Reporter {
    color: bool,
    /// Wrapping width on a terminal; `None` (no wrapping) for pipes and files.
    width: Option<usize>,
}

impl Reporter {
    /// Colours only for a terminal, and never under `NO_COLOR` or `CI`.
    pub fn from_env() -> Self {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        let terminal = std::io::stderr().is_terminal();
        let color = terminal && !set("NO_COLOR") && !set("CI");
        let width = terminal.then(|| {
            std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.trim().parse::<usize>().ok())
                .filter(|&w| w >= 40)
                .unwrap_or(100)
        });
        Reporter { color, width }
    }

    pub fn color(&self) -> bool {
        self.color
    }

    /// Is stderr a terminal (so progress bars may redraw)?
    pub fn is_terminal(&self) -> bool {
        self.width.is_some()
    }

    /// A cargo-like status line: the verb right-aligned in 12 columns, in
    /// bold green when colours are on.
    pub fn status(&self, verb: &str, message: &str) {
        let line = if self.color {
            format!("\x1b[1;32m{verb:>12}\x1b[0m {message}\n")
        } else {
            format!("{verb:>12} {message}\n")
        };
        write_stderr(line.as_bytes());
    }

    /// A summary error line without a snippet, like cargo's
    /// `error: could not compile`.
    pub fn error_line(&self, message: &str) {
        let line = if self.color {
            format!("\x1b[1;31merror\x1b[0m: {message}\n")
        } else {
            format!("error: {message}\n")
        };
        write_stderr(line.as_bytes());
    }

    /// A miette report on stderr.
    pub fn error(&self, report: &miette::Report) {
        write_stderr(render(report.as_ref(), self.color, self.width).as_bytes());
    }

    /// Every compiler diagnostic, rendered, on stderr.
    pub fn diagnostics(&self, files: &[SourceFile], diagnostics: &[Diagnostic]) {
        for diag in diagnostics {
            let text = render(
                &problem_from_diagnostic(files, diag),
                self.color,
                self.width,
            );
            // A blank line between reports, as cargo leaves.
            write_stderr(text.as_bytes());
            write_stderr(b"\n");
        }
    }

    /// One JSON message per line on stdout.
    pub fn json(&self, value: &serde_json::Value) {
        self.stdout(&format!("{value}\n"));
    }

    /// Command output (a disassembly, say) on stdout.
    pub fn stdout(&self, text: &str) {
        let mut out = std::io::stdout().lock();
        // A closed pipe (`mpc dis x.py | head`) is not an error worth a report.
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }
}

fn write_stderr(bytes: &[u8]) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(bytes);
    let _ = err.flush();
}

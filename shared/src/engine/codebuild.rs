//! CodeBuild structure: which phase failed first, which lines are cascades, which command failed.

use std::sync::LazyLock;

use regex::Regex;

use crate::category::Category;

/// What the phase structure of one text source says.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Structure {
    /// The first phase that failed.
    pub failed_phase: Option<String>,
    /// Its status code (`COMMAND_EXECUTION_ERROR`, `YAML_FILE_ERROR`, ...).
    pub status_code: Option<String>,
    /// Index of the first line that belongs to a later phase (a cascade), if any.
    pub cascade_from: Option<usize>,
    /// The command that failed, and where it was named.
    pub failed_command: Option<(String, usize)>,
    /// Its exit status.
    pub exit_code: Option<i32>,
}

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new($pat).ok());
    };
}

re!(PHASE_COMPLETE, r"Phase complete: (\w+) State: (\w+)");
re!(ENTERING, r"Entering phase (\w+)");
re!(
    TABLE_ROW,
    r"^\s*([A-Z][A-Z_]+)\s*\|\s*(Failed|FAILED|Fault|FAULT|Timed out|TIMED_OUT)\s*\|\s*([A-Z_]+)?"
);
re!(PIPELINE_PHASE, r"Phase: (\w+), Code: ([^,]+), Message:");
re!(CONTEXT, r"Phase context status code: (\S+) Message:");
re!(STATUS_PREFIX, r"^\s*([A-Z][A-Z_]{6,}[A-Z])(?::| Message:)");
re!(
    EXEC_ERROR,
    r"Error while executing command: (.+?)\.? Reason: exit status (\d+)"
);
re!(
    DID_NOT_EXIT,
    r"Command did not exit successfully (.+?) exit status (\d+)"
);
re!(RUNNING, r"Running command (.+)$");

fn caps<'t>(re: &LazyLock<Option<Regex>>, text: &'t str) -> Option<regex::Captures<'t>> {
    re.as_ref().and_then(|r| r.captures(text))
}

fn is_failure_state(state: &str) -> bool {
    matches!(
        state.to_ascii_uppercase().as_str(),
        "FAILED" | "FAILED_WITH_ABORT" | "FAULT" | "TIMED_OUT" | "STOPPED"
    )
}

/// Reads the phase structure of a sequence of lines from one source.
pub(crate) fn analyse(lines: &[&str]) -> Structure {
    let mut s = Structure::default();
    let mut last_running: Option<(String, usize)> = None;
    let mut contexts = 0;
    for (i, line) in lines.iter().enumerate() {
        // CodeBuild closes each failed phase with its context line: what follows the first one
        // belongs to later phases (POST_BUILD runs after BUILD failed), even where the
        // "Entering phase" lines were not kept. A second context line is a later phase's too.
        let is_context = caps(&CONTEXT, line).is_some();
        if is_context {
            contexts += 1;
            if contexts > 1 && s.cascade_from.is_none() {
                s.cascade_from = Some(i);
            }
        }
        if let Some(c) = caps(&ENTERING, line) {
            if let Some(failed) = &s.failed_phase
                && s.cascade_from.is_none()
                && &c[1] != failed.as_str()
            {
                s.cascade_from = Some(i);
            }
            continue;
        }
        if let Some(c) = caps(&PHASE_COMPLETE, line) {
            if s.failed_phase.is_none() && is_failure_state(&c[2]) {
                s.failed_phase = Some(c[1].to_owned());
                if s.failed_command.is_none() {
                    s.failed_command = last_running.clone();
                }
            }
            continue;
        }
        if let Some(c) = caps(&TABLE_ROW, line) {
            match &s.failed_phase {
                None => {
                    s.failed_phase = Some(c[1].to_owned());
                    if let Some(code) = c.get(3) {
                        s.status_code = Some(code.as_str().to_owned());
                    }
                }
                Some(failed) if s.cascade_from.is_none() && &c[1] != failed.as_str() => {
                    s.cascade_from = Some(i);
                }
                _ => {}
            }
        }
        if let Some(c) = caps(&PIPELINE_PHASE, line) {
            if s.failed_phase.is_none() {
                s.failed_phase = Some(c[1].to_owned());
            }
            if s.status_code.is_none() {
                s.status_code = Some(c[2].trim().to_owned());
            }
        }
        if s.cascade_from.is_none() {
            if let Some(c) = caps(&CONTEXT, line) {
                if s.status_code.is_none() && !c[1].is_empty() {
                    s.status_code = Some(c[1].to_owned());
                }
            } else if let Some(c) = caps(&STATUS_PREFIX, line)
                && s.status_code.is_none()
            {
                s.status_code = Some(c[1].to_owned());
            }
            if (s.failed_command.is_none() || s.exit_code.is_none())
                && let Some(c) = caps(&EXEC_ERROR, line).or_else(|| caps(&DID_NOT_EXIT, line))
            {
                s.failed_command = Some((c[1].trim().to_owned(), i));
                s.exit_code = c[2].parse().ok();
            }
        }
        if let Some(c) = caps(&RUNNING, line)
            && s.failed_phase.is_none()
        {
            last_running = Some((c[1].trim().to_owned(), i));
        }
        if is_context
            && contexts == 1
            && s.failed_phase.is_some()
            && s.cascade_from.is_none()
            && i + 1 < lines.len()
        {
            s.cascade_from = Some(i + 1);
        }
    }
    if s.failed_command.is_none() {
        s.failed_command = last_running;
    }
    s
}

re!(
    TEST_TOOL,
    r"(?i)(?:^|[\s;&|/])(?:pytest|py\.test|tox|nox|jest|vitest|mocha|karma|cypress|playwright|rspec|phpunit|go test|cargo (?:test|nextest|clippy)|dotnet test|mvn\b[^|;&]*\b(?:test|verify)\b|gradlew?\b[^|;&]*\b(?:test|check)\b|(?:npm|yarn|pnpm)(?: run)? (?:test|lint|e2e|check)\b|eslint|flake8|pylint|ruff|black --check|tflint|checkov|cfn-lint|cfn_nag|tfsec|trivy|snyk|bandit|npm audit|shellcheck|hadolint|prettier --check|stylelint|rubocop|golangci-lint|terraform (?:validate|fmt)|grep -\w*q|test |\[ |newman|k6 run|robot )"
);
re!(
    COMPILE_TOOL,
    r"(?i)(?:^|[\s;&|/])(?:tsc|javac|go build|cargo build|dotnet (?:build|publish)|msbuild|gcc|g\+\+|clang|make\b|cmake --build|mvn\b[^|;&]*\b(?:compile|package|install)\b|gradlew?\b[^|;&]*\b(?:build|assemble|compile\w*)\b|(?:npm|yarn|pnpm)(?: run)? build\b|webpack|vite build|next build|ng build|mypy|swift build|sbt compile)"
);
re!(
    INSTALL_TOOL,
    r"(?i)(?:^|[\s;&|/])(?:npm (?:ci|install|i)\b|yarn(?: install)?(?:\s+--\S+)*\s*$|pnpm (?:install|i)\b|pip3? install|python3? -m pip install|poetry install|pipenv install|uv (?:sync|pip install)|bundle install|gem install|composer install|go mod (?:download|tidy)|go get|dotnet restore|mvn\b[^|;&]*dependency:|apt-get (?:-\S+ )*install|yum install|dnf install|apk add|nvm install)"
);

/// What the failing command's tool says about the cause, with a weight.
pub(crate) fn command_hint(cmd: &str) -> Option<(Category, f32)> {
    let is = |re: &LazyLock<Option<Regex>>| re.as_ref().is_some_and(|r| r.is_match(cmd));
    if is(&TEST_TOOL) {
        Some((Category::BuildTestFailure, 0.55))
    } else if is(&INSTALL_TOOL) {
        Some((Category::BuildDependencyError, 0.5))
    } else if is(&COMPILE_TOOL) {
        Some((Category::BuildCompileError, 0.45))
    } else {
        None
    }
}

/// What the first failed phase says about the cause, with a weight.
pub(crate) fn phase_hint(phase: &str) -> Option<(Category, f32)> {
    match phase {
        "QUEUED" | "PROVISIONING" => Some((Category::BuildEnvironment, 0.45)),
        "INSTALL" => Some((Category::BuildDependencyError, 0.3)),
        "UPLOAD_ARTIFACTS" => Some((Category::BuildArtifactsMissing, 0.3)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_failed_phase_and_cascade_in_a_log() {
        let log = [
            "[Container] Entering phase BUILD",
            "[Container] Running command npm test",
            "Tests: 2 failed, 10 passed",
            "[Container] Command did not exit successfully npm test exit status 1",
            "[Container] Phase complete: BUILD State: FAILED",
            "[Container] Phase context status code: COMMAND_EXECUTION_ERROR Message: Error while executing command: npm test. Reason: exit status 1",
            "[Container] Entering phase POST_BUILD",
            "CLIENT_ERROR: no matching artifact paths found",
        ];
        let s = analyse(&log);
        assert_eq!(s.failed_phase.as_deref(), Some("BUILD"));
        assert_eq!(s.status_code.as_deref(), Some("COMMAND_EXECUTION_ERROR"));
        assert_eq!(s.cascade_from, Some(6));
        assert_eq!(
            s.failed_command.as_ref().map(|c| c.0.as_str()),
            Some("npm test")
        );
        assert_eq!(s.exit_code, Some(1));
    }

    #[test]
    fn a_second_phase_context_is_a_cascade_even_without_phase_markers() {
        let log = [
            "[Container] Phase complete: BUILD State: FAILED",
            "[Container] Phase context status code: COMMAND_EXECUTION_ERROR Message: Error while executing command: python -m pytest tests. Reason: exit status 1",
            "",
            "[Container] Phase context status code: COMMAND_EXECUTION_ERROR Message: Error while executing command: docker push $REPO:prod. Reason: exit status 1",
        ];
        let s = analyse(&log);
        assert_eq!(s.cascade_from, Some(2));
        assert_eq!(
            s.failed_command.as_ref().map(|c| c.0.as_str()),
            Some("python -m pytest tests")
        );
        assert_eq!(s.exit_code, Some(1));
    }

    #[test]
    fn console_phase_table_marks_later_rows_as_cascades() {
        let rows = [
            "BUILD | Failed | COMMAND_EXECUTION_ERROR: Error while executing command: make. Reason: exit status 2",
            "",
            "POST_BUILD | Failed | COMMAND_EXECUTION_ERROR: Error while executing command: docker push x. Reason: exit status 1",
            "UPLOAD_ARTIFACTS | Failed | CLIENT_ERROR: no matching artifact paths found",
        ];
        let s = analyse(&rows);
        assert_eq!(s.failed_phase.as_deref(), Some("BUILD"));
        assert_eq!(s.cascade_from, Some(2));
        assert_eq!(s.failed_command.map(|c| c.0), Some("make".to_owned()));
        assert_eq!(s.exit_code, Some(2));
    }

    #[test]
    fn codepipeline_message_names_phase_and_code() {
        let s = analyse(&[
            "Build terminated with state: FAILED. Phase: DOWNLOAD_SOURCE, Code: Decrypted Variables Error, Message: AccessDeniedException",
        ]);
        assert_eq!(s.failed_phase.as_deref(), Some("DOWNLOAD_SOURCE"));
        assert_eq!(s.status_code.as_deref(), Some("Decrypted Variables Error"));
    }

    #[test]
    fn command_tools_are_recognised() {
        assert_eq!(
            command_hint("python -m pytest tests/").map(|h| h.0),
            Some(Category::BuildTestFailure)
        );
        assert_eq!(
            command_hint("grep -Fq \"x\" index.html").map(|h| h.0),
            Some(Category::BuildTestFailure)
        );
        assert_eq!(
            command_hint("npm ci").map(|h| h.0),
            Some(Category::BuildDependencyError)
        );
        assert_eq!(
            command_hint("./gradlew assemble").map(|h| h.0),
            Some(Category::BuildCompileError)
        );
        assert_eq!(command_hint("docker build -t x ."), None);
        assert_eq!(command_hint("npx cdk synth"), None);
    }
}

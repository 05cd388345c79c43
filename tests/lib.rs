//! Integration tests for CodePipeline Triage live in `integration/`; this library is empty.

//! Synthetic inputs shared by the CLI tests and the benchmark.

/// A 10 MB build log as a classify case: noise, the real error (a Docker Hub rate limit) in
/// the middle, a cascade at the end.
pub fn ten_megabyte_case() -> String {
    let mut log = String::with_capacity(10 << 20);
    log.push_str("[Container] 2025/01/01 10:00:00 Entering phase BUILD\n");
    log.push_str("[Container] 2025/01/01 10:00:00 Running command docker build -t app .\n");
    let mut i = 0;
    while log.len() < 5 << 20 {
        log.push_str(&format!(
            "#12 [build 4/9] RUN npm run compile step {i}: compiled module src/m{i}.ts ok\n"
        ));
        i += 1;
    }
    log.push_str("#5 ERROR: failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/node/manifests/20: 429 Too Many Requests - Server message: toomanyrequests: You have reached your unauthenticated pull rate limit\n");
    while log.len() < (10 << 20) - 2_000 {
        log.push_str(&format!("#13 sha256:{i:064x} {i}B / 91MB 0.{i}s\n"));
        i += 1;
    }
    log.push_str("[Container] 2025/01/01 10:09:00 Command did not exit successfully docker build -t app . exit status 1\n");
    log.push_str("[Container] 2025/01/01 10:09:00 Phase complete: BUILD State: FAILED\n");
    log.push_str("[Container] 2025/01/01 10:09:00 Entering phase POST_BUILD\n");
    log.push_str("CLIENT_ERROR: no matching artifact paths found\n");
    serde_json::json!({
        "id": "ten-mb",
        "message": "Build terminated with state: FAILED",
        "provider": "CodeBuild",
        "log_excerpt": log,
    })
    .to_string()
}

//! Whether a name says that its value is a secret: `DB_PASSWORD`, `githubToken`,
//! `spring.datasource.password`, `X-API-Key`, `--client-secret` do; `SECRET_ARN`,
//! `TOKEN_URL`, `PASSWORD_MIN_LENGTH`, `--password-stdin` name something about a secret, not
//! the secret; `ENCRYPTION_KEY` or `sig` might be one, and their value decides.

/// How much a name says about its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// The value is a secret whatever it looks like.
    Secret,
    /// The value is a secret if it looks random.
    Maybe,
    /// Not a secret's name.
    No,
}

/// Words that make a name a secret's wherever they stand (matched as a word's ending, so
/// `pgpassword`, `csrftoken` and `clientsecret` count).
const SECRET_ENDINGS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "passcode",
    "secret",
    "secrets",
    "token",
    "tokens",
    "credential",
    "credentials",
    "apikey",
    "privatekey",
    "secretkey",
    "authkey",
    // keytool and jarsigner: -storepass, -keypass, -srcstorepass, -destkeypass.
    "storepass",
    "keypass",
];

/// Short words that are a secret's name only as a whole word.
const SECRET_WORDS: &[&str] = &["pass", "pwd", "pw", "pat", "auth", "creds", "cred", "pin"];

/// Words that might name a secret: the value decides.
const MAYBE_WORDS: &[&str] = &[
    "key",
    "sig",
    "signature",
    "cookie",
    "session",
    "salt",
    "hmac",
    "otp",
    "accesskey",
    "seed",
];

/// A last word that makes the name about a secret, not the secret (`SECRET_NAME`).
const META_WORDS: &[&str] = &[
    "name",
    "names",
    "arn",
    "id",
    "ids",
    "file",
    "files",
    "path",
    "paths",
    "url",
    "uri",
    "urls",
    "dir",
    "ref",
    "type",
    "kind",
    "len",
    "length",
    "size",
    "count",
    "version",
    "env",
    "region",
    "manager",
    "store",
    "prefix",
    "suffix",
    "format",
    "header",
    "provider",
    "policy",
    "rotation",
    "expiry",
    "expires",
    "expiration",
    "expired",
    "ttl",
    "lifetime",
    "timeout",
    "duration",
    "seconds",
    "minutes",
    "hours",
    "days",
    "enabled",
    "disabled",
    "required",
    "missing",
    "hint",
    "label",
    "field",
    "stdin",
    "source",
    "from",
    "mode",
    "method",
    "endpoint",
    "host",
    "user",
    "username",
    "login",
    "email",
    "account",
    "owner",
    "retries",
    "scope",
    "scopes",
    "strategy",
    "algorithm",
    "alg",
    "location",
    "bucket",
    "table",
    "option",
    "options",
    "flag",
    "status",
    "state",
    "error",
    "errors",
    "exception",
    "message",
    "msg",
    "limit",
    "helper",
    "command",
    "cmd",
    "script",
    "service",
    "server",
    "list",
    "set",
    "map",
    "check",
    "policy",
    "rule",
    "reset",
    "changed",
    "updated",
    "created",
    "usage",
    "auth_type",
    "issuer",
    "audience",
    "cache",
    "generator",
    "validator",
    "handler",
    "class",
    "module",
    "key_id",
    "keyid",
    "index",
    "number",
    "no",
    "arns",
    "parameter",
    "param",
    "params",
    "variable",
    "var",
    "vars",
    "level",
    "visibility",
    "access",
    "public",
    "fingerprint",
    "digest",
    "operation",
    "response",
    "request",
    "result",
    "results",
    "output",
    "input",
    "object",
    "obj",
    "client",
    "provided",
    "invalid",
    "expired",
];

/// Words before `token` that make it an identifier: AWS API pagination and idempotency
/// tokens (`RequestToken`, `ClientToken`, `NextToken`) are not credentials.
const ID_TOKEN_WORDS: &[&str] = &[
    "request",
    "idempotency",
    "client",
    "continuation",
    "next",
    "page",
    "pagination",
    "sync",
    "change",
    "resumption",
    "marker",
    "cursor",
    "start",
    "cancellation",
    "correlation",
    "trace",
];

/// Words that make a `key` public: `GPG_KEY` (a fingerprint), `PUBLIC_KEY`.
const PUBLIC_WORDS: &[&str] = &["gpg", "pgp", "public", "pub", "fingerprint", "keyserver"];

/// A trailing word that says how the value is written, not what it is (`TOKEN_VALUE`).
const ENCODING_WORDS: &[&str] = &[
    "value",
    "val",
    "b64",
    "base64",
    "str",
    "string",
    "raw",
    "plain",
    "plaintext",
    "encoded",
    "enc",
    "hex",
    "data",
    "text",
    "bytes",
    "secure",
];

/// The words of a name: split at `_ - . $ @` and spaces and at lower-to-upper case changes,
/// lower-cased.
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if matches!(c, '_' | '-' | '.' | '$' | '@' | ' ' | '/' | ':') {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// How much `name` says about its value. Of a label of several words (`The API key`), the
/// last word and the pair it ends are what count: `GetAuthorizationToken operation` is not a
/// token's name.
pub fn strength(name: &str) -> Strength {
    if let Some((before, last)) = name.trim().rsplit_once(' ') {
        let pair = before.rsplit(' ').next().unwrap_or("");
        let last_alone = strength(last);
        if last_alone == Strength::No {
            return Strength::No;
        }
        return strength(&format!("{pair}_{last}")).max_with(last_alone);
    }
    let mut w = words(name);
    while w.len() > 1
        && w.last()
            .is_some_and(|l| ENCODING_WORDS.contains(&l.as_str()))
    {
        w.pop();
    }
    let Some(last) = w.last() else {
        return Strength::No;
    };
    if META_WORDS.contains(&last.as_str()) {
        return Strength::No;
    }
    // Adjacent words read together: `api key`, `private_key`, `client-secret`.
    let joined_last = w
        .len()
        .checked_sub(2)
        .map(|i| format!("{}{}", w[i], w[i + 1]));
    if last == "token" && w.len() >= 2 && ID_TOKEN_WORDS.contains(&w[w.len() - 2].as_str()) {
        return Strength::No;
    }
    let secret_word = |s: &str| SECRET_ENDINGS.iter().any(|e| s.ends_with(e));
    if w.iter().any(|x| secret_word(x)) || joined_last.as_deref().is_some_and(secret_word) {
        return Strength::Secret;
    }
    if SECRET_WORDS.contains(&last.as_str()) {
        return Strength::Secret;
    }
    if MAYBE_WORDS.contains(&last.as_str())
        || joined_last
            .as_deref()
            .is_some_and(|j| MAYBE_WORDS.contains(&j))
    {
        if w.iter().any(|x| PUBLIC_WORDS.contains(&x.as_str())) {
            return Strength::No;
        }
        return Strength::Maybe;
    }
    Strength::No
}

impl Strength {
    /// The stronger of two strengths.
    fn max_with(self, other: Strength) -> Strength {
        match (self, other) {
            (Strength::Secret, _) | (_, Strength::Secret) => Strength::Secret,
            (Strength::Maybe, _) | (_, Strength::Maybe) => Strength::Maybe,
            _ => Strength::No,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_say_secret() {
        for n in [
            "DB_PASSWORD",
            "password",
            "PGPASSWORD",
            "MYSQL_PWD",
            "githubToken",
            "spring.datasource.password",
            "X-API-Key",
            "--client-secret",
            "aws_secret_access_key",
            "SecretAccessKey",
            "SessionToken",
            "_authToken",
            "_auth",
            "API key",
            "SECRET_KEY_BASE",
            "TOKEN_VALUE",
            "SecretString",
            "AZURE_DEVOPS_PAT",
            "Private-Token",
            "db-pass",
            "-srcstorepass",
            "--authkey",
        ] {
            assert_eq!(strength(n), Strength::Secret, "{n}");
        }
    }

    #[test]
    fn names_about_a_secret_or_not_one() {
        for n in [
            "SECRET_ARN",
            "SecretId",
            "TOKEN_URL",
            "PASSWORD_MIN_LENGTH",
            "--password-stdin",
            "secret_name",
            "KeyError",
            "aws_access_key_id",
            "KeyId",
            "bypass",
            "compass",
            "Phase complete",
            "monkey",
            "GetAuthorizationToken operation",
            "GetSecretValue operation",
            "get_secret_value_response",
            "GPG_KEY",
            "RequestToken",
            "NextToken",
            "ClientToken",
        ] {
            assert_eq!(strength(n), Strength::No, "{n}");
        }
        for n in [
            "ENCRYPTION_KEY",
            "sig",
            "AccountKey",
            "DD_APP_KEY",
            "session",
        ] {
            assert_eq!(strength(n), Strength::Maybe, "{n}");
        }
    }
}

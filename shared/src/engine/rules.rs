//! The signature catalog: one entry per failure mechanism.
//!
//! A signature names a *mechanism* (an error code, a phase status, a tool's error format), not
//! a sentence someone once saw. Adding one is one entry here, its text in `text/en.rs` (keyed
//! by `text`), and one test in `tests` below.
//!
//! Weights: `DECISIVE` when the text alone settles the root cause, `STRONG` when it almost
//! does, `MEDIUM` for a likely cause, `WEAK` for a hint, `HINT` for umbrella texts. `also`
//! raises alternative hypotheses (a share of the weight) where the text cannot decide.
//! `generic` signatures describe an umbrella or a cascade ("Build terminated", "ROLLBACK_COMPLETE",
//! "AccessDenied"): they step back when any specific signature fired.

use super::family::Family::{self, Build, CloudFormation, CodeDeploy, Ecs, EcsBlueGreen, Lambda};
use super::family::Family::{Approval, Source, Unknown as UnknownFamily};
use crate::category::Category::{self, *};

pub(crate) const DECISIVE: f32 = 1.0;
pub(crate) const STRONG: f32 = 0.85;
pub(crate) const MEDIUM: f32 = 0.6;
pub(crate) const WEAK: f32 = 0.4;
pub(crate) const HINT: f32 = 0.25;

/// Where a signature looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The failure message, the error code and the log lines.
    Any,
    /// The failure message and the error code only.
    Message,
}

/// One failure mechanism.
#[derive(Debug)]
pub(crate) struct Sig {
    /// Stable id (shown as the candidate's `signature`).
    pub id: &'static str,
    /// Key of the summary and remedies in the text catalog (defaults to `id`).
    pub text: &'static str,
    /// The root cause it indicates.
    pub cat: Category,
    /// How strongly.
    pub weight: f32,
    /// The regular expression (case-insensitive unless `case_sensitive`).
    pub pattern: &'static str,
    /// Where it looks.
    pub scope: Scope,
    /// Families it applies to (empty: all).
    pub families: &'static [Family],
    /// Alternative hypotheses it raises, with their share of `weight`.
    pub also: &'static [(Category, f32)],
    /// An umbrella or cascade text that steps back when a specific signature fired.
    pub generic: bool,
    /// Match case exactly.
    pub case_sensitive: bool,
}

const fn sig(id: &'static str, cat: Category, weight: f32, pattern: &'static str) -> Sig {
    Sig {
        id,
        text: id,
        cat,
        weight,
        pattern,
        scope: Scope::Any,
        families: &[],
        also: &[],
        generic: false,
        case_sensitive: false,
    }
}

impl Sig {
    const fn text(mut self, key: &'static str) -> Self {
        self.text = key;
        self
    }
    const fn msg(mut self) -> Self {
        self.scope = Scope::Message;
        self
    }
    const fn only(mut self, families: &'static [Family]) -> Self {
        self.families = families;
        self
    }
    const fn also(mut self, also: &'static [(Category, f32)]) -> Self {
        self.also = also;
        self
    }
    const fn generic(mut self) -> Self {
        self.generic = true;
        self
    }
    const fn cs(mut self) -> Self {
        self.case_sensitive = true;
        self
    }
}

const BUILDS: &[Family] = &[Build, UnknownFamily];
const DEPLOYS: &[Family] = &[CodeDeploy, EcsBlueGreen, UnknownFamily];
const ECS_DEPLOYS: &[Family] = &[Ecs, EcsBlueGreen, CloudFormation, CodeDeploy, UnknownFamily];
const APPROVALS: &[Family] = &[Approval];
const LAMBDAS: &[Family] = &[Lambda, UnknownFamily];

/// The catalog, grouped by root cause.
pub(crate) static SIGNATURES: &[Sig] = &[
    // ---------------------------------------------------------------- source
    sig(
        "repo_id_format",
        ActionConfigInvalid,
        DECISIVE,
        r"FullRepositoryName \[(?P<repo>[^\]/]*)\]|repository Id must be in the format",
    ),
    sig(
        "connection_no_branch",
        SourceBranchNotFound,
        STRONG,
        r"No Branch \[(?P<branch>[^\]]*)\] found for FullRepositoryName \[(?P<repo>[^\]]*)\]",
    )
    .also(&[(SourceConnectionUnavailable, 0.5), (ActionConfigInvalid, 0.25)]),
    sig(
        "codecommit_no_branch",
        SourceBranchNotFound,
        DECISIVE,
        r"no branch named (?P<branch>\S+) was found in the selected AWS CodeCommit repository(?: (?P<repo>[\w.-]+))?",
    ),
    sig(
        "image_tag_missing",
        SourceBranchNotFound,
        STRONG,
        r"image tag '?\S+?'? does not exist|\bImageNotFoundException\b|Requested image not found",
    )
    .only(&[Source]),
    sig(
        "branch_missing",
        SourceBranchNotFound,
        STRONG,
        r"BranchDoesNotExistException|\bbranch\b[^.;]*\b(?:does not exist|doesn't exist|was not found|not found|could not be found)|couldn't find remote ref|remote branch \S+ not found in upstream|\bthe repository (?:is|was) empty|\bempty repository\b|\bNo Branch \[",
    ),
    sig(
        "github_token_invalid",
        SourceRepoNotFoundOrAccess,
        DECISIVE,
        r"access token (?:might be|may be|is) invalid|token.*has been revoked|reconnect (?:your pipeline )?(?:with|to) GitHub|Could not access the GitHub repository|Unable to connect to the GitHub repository|\bBad credentials\b",
    ),
    sig(
        "github_repo_or_branch",
        SourceRepoNotFoundOrAccess,
        DECISIVE,
        r"The GitHub repository \x22(?P<repo>[^\x22]+)\x22 or branch \x22(?P<branch>[^\x22]+)\x22 does not exist",
    )
    .also(&[(SourceBranchNotFound, 0.9)]),
    // CodePipeline registers a GitHub (version 1) webhook with the action's token: a 404 or 401
    // means the token cannot see or administer the repository (renamed, private, wrong owner).
    sig(
        "webhook_registration",
        SourceRepoNotFoundOrAccess,
        STRONG,
        r"Webhook could not be registered with GitHub",
    )
    .also(&[(ActionConfigInvalid, 0.4)]),
    // Cross-Region actions: CodePipeline copies the artifact to the action Region's bucket with
    // that Region's key; the key policy is the usual gap, the bucket or the role the others.
    sig(
        "artifact_replication",
        ArtifactKms,
        STRONG,
        r"Replication of artifact '[^']*' failed|Failed replicating artifact from",
    )
    .also(&[(ArtifactStoreAccess, 0.9), (IamPermission, 0.6)]),
    // CodeBuild fetching its source through a connection or OAuth token it may not use.
    sig(
        "source_authorization",
        IamPermission,
        STRONG,
        r"authorization failed for primary source",
    )
    .also(&[
        (SourceConnectionUnavailable, 0.6),
        (SourceRepoNotFoundOrAccess, 0.5),
    ]),
    // kubectl from a build: the build role is not mapped to a Kubernetes identity (aws-auth
    // ConfigMap or an EKS access entry).
    sig(
        "kubernetes_unauthorized",
        IamPermission,
        STRONG,
        r"You must be logged in to the server \(Unauthorized\)|error: You must be logged in to the server",
    ),
    // CodeBuild's own stored GitHub/Bitbucket credentials (not the pipeline's) are missing.
    sig(
        "codebuild_source_credentials",
        SourceRepoNotFoundOrAccess,
        DECISIVE,
        r"No Access token found, please visit AWS CodeBuild console to connect to",
    ),
    sig(
        "repo_missing",
        SourceRepoNotFoundOrAccess,
        STRONG,
        r"RepositoryDoesNotExistException|\brepository \S+ does not exist|repository named '[^']+' does not exist|remote: Repository not found|fatal: repository '[^']*' not found|\[(?:GitHub|Bitbucket|GitLab)\].*(?:Repository|Repo).*not found|could not read Username for 'https|Authentication failed for 'https",
    ),
    sig(
        "codecommit_access",
        IamPermission,
        STRONG,
        r"Could not access the CodeCommit repository",
    )
    .also(&[(SourceRepoNotFoundOrAccess, 0.7)]),
    sig(
        "connection_state",
        SourceConnectionUnavailable,
        DECISIVE,
        r"[Cc]onnection\b.*\b(?:PENDING|ERROR)\b|from PENDING to AVAILABLE|not (?:in )?(?:the )?AVAILABLE (?:state|status)|[Cc]onnection.*(?:is not available|is unavailable)",
    )
    .cs(),
    sig(
        "connection_missing",
        SourceConnectionUnavailable,
        STRONG,
        r"\bconnection\b[^.;]*\b(?:does not exist|was deleted|could not be found|not found)|Could not find (?:the )?connection|ResourceNotFoundException.*connection",
    ),
    sig(
        "connection_app",
        SourceConnectionUnavailable,
        STRONG,
        r"GitHub App.*(?:not installed|uninstalled|suspended|not been installed)|must be performed by an organization owner|(?:app|application) installation.*(?:not found|suspended|removed|revoked)|AWS Connector for (?:GitHub|Bitbucket|GitLab).*(?:not|install)",
    ),
    sig(
        "connection_use_denied",
        IamPermission,
        STRONG,
        r"(?:codestar-connections|codeconnections):(?:UseConnection|GetConnectionToken)|Unable to use (?:Code ?Star )?Connection|not authorized to access connection",
    )
    .also(&[(SourceConnectionUnavailable, 0.5)]),
    // ---------------------------------------------------------------- IAM
    sig(
        "not_authorized",
        IamPermission,
        STRONG,
        r"is not authorized to perform:?\s+(?P<action>[A-Za-z0-9-]+:[A-Za-z0-9*]+)",
    ),
    sig(
        "policy_evaluation",
        IamPermission,
        STRONG,
        r"no identity-based policy allows|explicit deny in an? (?:identity-based|resource-based|service control|permissions boundary|session) policy|no (?:permissions boundary|service control policy|resource-based policy|session policy) allows",
    ),
    sig(
        "assume_role",
        IamPermission,
        STRONG,
        r"sts:AssumeRole|(?:unable|not able|failed) to assume (?:the )?(?:IAM )?role|is invalid or cannot be assumed|could not be used to assume|not authorized to perform AssumeRole|\btrust (?:relationship|policy)\b|Cross-account pass role is not allowed|iam:PassRole",
    ),
    sig(
        "insufficient_permissions",
        IamPermission,
        MEDIUM,
        r"Insufficient permissions|(?:does not|doesn't|do not|don't) have (?:sufficient |the required |the necessary |the |enough )?permissions?|not have permission to|\bmissing permissions?\b|\bIAM_ROLE_(?:MISSING|PERMISSIONS)\b|PermissionError|does not give you permission to perform operations",
    ),
    sig(
        "no_credentials",
        IamPermission,
        MEDIUM,
        r"no credentials have been configured|Unable to locate credentials|NoCredentialProviders|\bExpiredToken(?:Exception)?\b|InvalidClientTokenId|security token included in the request is (?:invalid|expired)",
    ),
    sig(
        "get_bucket_acl",
        IamPermission,
        DECISIVE,
        r"Error calling GetBucketAcl|no longer has permission to call(?:ed)? s3:GetBucketAcl",
    ),
    sig(
        "access_denied",
        IamPermission,
        WEAK,
        r"AccessDeniedException|\bAccessDenied\b|\bAccess Denied\b|UnauthorizedOperation|\b403 Forbidden\b|[Ss]tatus [Cc]ode: 403\b",
    )
    .generic()
    .also(&[(ArtifactStoreAccess, 0.7), (ArtifactKms, 0.6)]),
    // ---------------------------------------------------------------- artifact store
    sig(
        "s3_no_such_key",
        ArtifactStoreAccess,
        STRONG,
        r"\bNoSuchKey\b|The specified key does not exist|REVISION_MISSING|\brevision\b[^.;]*\b(?:does not exist|could not be found|was not found)",
    ),
    sig(
        "s3_no_such_bucket",
        ArtifactStoreAccess,
        DECISIVE,
        r"\bNoSuchBucket\b|The specified bucket does not exist|\bbucket '?[\w.-]+'? does not exist",
    ),
    sig(
        "artifact_bucket_validation",
        ArtifactStoreAccess,
        STRONG,
        r"error occurred while validating the artifact bucket",
    )
    .also(&[(IamPermission, 0.5), (ArtifactKms, 0.4)]),
    sig(
        "s3_wrong_region",
        ArtifactStoreAccess,
        DECISIVE,
        r"PermanentRedirect|must be addressed using the specified endpoint|AuthorizationHeaderMalformed.*region|IllegalLocationConstraintException|bucket is in (?:this|a different|another) region",
    ),
    sig(
        "s3_denied",
        ArtifactStoreAccess,
        STRONG,
        r"access the Amazon S3 bucket|denied by S3|S3 Error Code: AccessDenied|Amazon S3:AccessDenied|Service: Amazon ?S3; Status Code: 403|artifact (?:store|bucket).*(?:denied|not authorized|forbidden)",
    )
    .also(&[(ArtifactKms, 0.75), (IamPermission, 0.5)]),
    sig(
        "s3_download_denied",
        IamPermission,
        MEDIUM,
        r"AccessDenied: Access Denied",
    )
    .also(&[(ArtifactKms, 0.9), (ArtifactStoreAccess, 0.8)]),
    sig(
        "artifact_upload",
        ArtifactStoreAccess,
        MEDIUM,
        r"Failed to upload artifacts|UPLOAD_ARTIFACTS.*(?:Invalid arn|AccessDenied|Access Denied)|\bInvalid arn\b",
    ),
    sig(
        "source_upload",
        ArtifactStoreAccess,
        STRONG,
        r"Upload to S3 failed|failed to upload (?:the )?(?:source |output )?artifact|The process to upload the contents of the [\w ]+ repository failed",
    )
    .also(&[(ArtifactKms, 0.7), (IamPermission, 0.5)]),
    sig(
        "s3_object_missing",
        ArtifactStoreAccess,
        STRONG,
        r"object with key .* does not exist|does not exist in bucket|versioning (?:is not|must be) enabled",
    ),
    sig("bare_internal_error", ArtifactStoreAccess, STRONG, r"^\s*InternalError\s*$")
        .msg()
        .also(&[(ThrottlingOrServiceError, 0.85)]),
    sig(
        "artifact_unavailable",
        ArtifactStoreAccess,
        MEDIUM,
        r"(?:Unable|Failed) to (?:download|get|read|retrieve) (?:the )?(?:input |source )?artifacts?\b|\bRevisionUnavailable\b",
    )
    .also(&[(ArtifactKms, 0.5), (IamPermission, 0.5)]),
    // ---------------------------------------------------------------- KMS
    sig(
        "kms_key_state",
        ArtifactKms,
        DECISIVE,
        r"KMS\.?(?:Disabled|NotFound|KMSInvalidState|InvalidState)Exception|KMSInvalidStateException|\bDisabledException\b|pending deletion|\bPendingDeletion\b|KMS key[^.;]*(?:is disabled|not found|does not exist)|KeyUnavailableException|customer master key that does not exist|InvalidCiphertextException|arn:aws:kms:\S+ (?:is disabled|does not exist|is pending)",
    ),
    sig(
        "kms_denied",
        ArtifactKms,
        DECISIVE,
        r"not authorized to perform:?\s+kms:|\bkms:(?:Decrypt|GenerateDataKey\*?|Encrypt|ReEncrypt\w*)\b|Service: AWSKMS|\bKMS\b.*(?:AccessDenied|not authorized|denied)|\bkey policy\b|permission to use the KMS key|aws/s3.*(?:cross-account|another account)",
    )
    .also(&[(IamPermission, 0.8)]),
    // ---------------------------------------------------------------- transient
    sig(
        "throttling",
        ThrottlingOrServiceError,
        DECISIVE,
        r"\bThrottl(?:ing|ed)(?:Exception)?\b|\bRate exceeded\b|RPC failed; HTTP 429\b|TooManyRequestsException|RequestLimitExceeded|\bSlowDown\b|[Rr]equest rate (?:is )?(?:too high|exceeded)|ProvisionedThroughputExceeded|rate limit exceeded|API rate limit|\bTHROTTLED\b",
    ),
    sig(
        "service_error",
        ThrottlingOrServiceError,
        STRONG,
        r"ServiceUnavailable|Service Unavailable|InternalFailure|InternalServerError|InternalServiceError|\bInternalError\b|\b50[0234] (?:Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out)|[Ss]tatus [Cc]ode: 50[0234]\b|We encountered an internal error|\bSystemUnavailable\b|temporarily unavailable|please try again later",
    ),
    sig(
        "pull_transient",
        ThrottlingOrServiceError,
        DECISIVE,
        r"(?:UNABLE_TO_PULL_IMAGE|CannotPullContainerError|Unable to pull)[\t -~]*(?:x509|i/o timeout|TLS handshake|connection reset|unexpected EOF|50[0234] |context deadline exceeded)",
    ),
    // A TLS failure to verify *any* certificate means the image has no usable CA bundle
    // (slim or old images), not a flaky network.
    sig(
        "ca_certificates",
        BuildEnvironment,
        STRONG,
        r"x509: certificate signed by unknown authority|x509: failed to load system roots|unable to get local issuer certificate|certificate verify failed|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|Unable to download cache",
    )
    .only(BUILDS)
    .also(&[(ThrottlingOrServiceError, 0.4)]),
    // Names that never resolve: the build's network (VPC without NAT, DNS), not a blip.
    sig(
        "dns_failure",
        BuildEnvironment,
        MEDIUM,
        r"getaddrinfo (?:ENOTFOUND|EAI_AGAIN)|\bENOTFOUND\b|Could not resolve host|Temporary failure in name resolution|no such host|Name or service not known",
    )
    .also(&[(ThrottlingOrServiceError, 0.8)]),
    sig(
        "network_transient",
        ThrottlingOrServiceError,
        MEDIUM,
        r"Connection reset by peer|\bECONNRESET\b|socket hang up|\bETIMEDOUT\b|\bEAI_AGAIN\b|i/o timeout|TLS handshake timeout|net/http: request canceled|Connection timed out|Read timed out|Network is unreachable|x509: certificate|context deadline exceeded",
    )
    .also(&[(BuildEnvironment, 0.7)]),
    // ---------------------------------------------------------------- quotas
    sig(
        "over_maximum",
        QuotaOrLimit,
        DECISIVE,
        r"is greater than the maximum allowed|exceeds the maximum allowed|maximum number of \w+ (?:has been|was) reached|\bServiceLimitExceeded\b|There can only be up to \d+ \w+|reached the limit on the number of|'templateBody' failed to satisfy constraint: Member must have length less than or equal to \d+",
    ),
    sig(
        "quota",
        QuotaOrLimit,
        STRONG,
        r"AccountLimitExceededException|\bLimitExceeded(?:Exception)?\b|ServiceQuotaExceeded|QuotaExceeded|Cannot have more than \d+ builds?|\bmaximum number of \w+|\bmay not exceed \d+ bytes|Template may not exceed|Unzipped size must be smaller|RequestEntityTooLarge|RESOURCE_LIMIT_EXCEEDED|OVER_MAX_INSTANCES|exceeds? (?:the )?(?:maximum|max) (?:allowed )?(?:size|number|length)|(?:artifact|file|template|payload).*(?:is )?too large|account.*(?:limit|quota)",
    ),
    // CodeBuild's documented text when the project's environment variables exceed their size
    // limit (it reads like an outage, and retrying never helps).
    // CodeBuild's documented text when the account's concurrent build quota is reached.
    sig(
        "build_not_started",
        QuotaOrLimit,
        MEDIUM,
        r"^\s*Build failed to start\s*$",
    )
    .only(BUILDS)
    .also(&[(ThrottlingOrServiceError, 0.7), (BuildEnvironment, 0.5)]),
    // CodeBuild's documented cause: the service role may not read that parameter (the generated
    // policy covers /CodeBuild/* only), not that the parameter is missing.
    sig(
        "parameter_does_not_exist",
        IamPermission,
        MEDIUM,
        r"^\s*Parameter does not exist\s*$",
    )
    .only(BUILDS)
    .also(&[(BuildConfigError, 0.9)]),
    sig(
        "codebuild_env_size",
        QuotaOrLimit,
        MEDIUM,
        r"CodeBuild is experiencing an issue|environment variables?.*(?:exceed|too (?:large|long)|maximum (?:length|size))",
    )
    .only(BUILDS)
    .also(&[(ThrottlingOrServiceError, 0.8), (BuildConfigError, 0.5)]),
    // ---------------------------------------------------------------- action configuration
    sig(
        "action_config",
        ActionConfigInvalid,
        MEDIUM,
        r"Invalid action configuration|InvalidActionDeclaration|Action configuration is missing|action configuration.*(?:invalid|not valid)|\bConfigurationError\b|InvalidStructureException",
    )
    .generic(),
    sig(
        "action_config_value",
        ActionConfigInvalid,
        STRONG,
        r"contains an invalid configuration|No bucket with the name \S+ was found|invalid configuration for (?:the )?(?:secret )?property|Configuration [Pp]roperty '?\w+'? (?:should not be empty|is required|must be)|actions\.\d+\.member\.configuration' failed to satisfy constraint|\b(?:Action|Stage) with name \S+ was not found|was not found in the first stage of the pipeline|ActionTypeNotFound|action type.*(?:not found|does not exist)",
    ),
    // Pipeline variables (#{Namespace.Name}) the action configuration references that no
    // earlier action produced.
    sig(
        "unresolved_variables",
        ActionConfigInvalid,
        DECISIVE,
        r"one or more variables could not be resolved|could not resolve (?:the )?variables?|Unresolved variable[^\n]*#\{",
    )
    .msg(),
    sig(
        "configured_resource_missing",
        ActionConfigInvalid,
        STRONG,
        r"\b(?:project|application|deployment group|function|cluster|service)\b[^.;]*\b(?:does not exist|cannot be found|could not be found|not found)|DeploymentGroupDoesNotExist|ApplicationDoesNotExist|Project cannot be found|No application found|\bNO_INSTANCES\b|no instances (?:were )?found|APPLICATION_MISSING|DEPLOYMENT_GROUP_MISSING",
    ),
    // ---------------------------------------------------------------- buildspec
    sig("yaml_file_error", BuildspecError, DECISIVE, r"YAML_FILE_ERROR").cs(),
    sig(
        "buildspec_missing",
        BuildspecError,
        STRONG,
        r"buildspec[\w.-]*\.ya?ml.*(?:no such file|not found|does not exist)|Could not find buildspec|buildspec.*(?:is missing|not found)",
    ),
    sig(
        "buildspec_runtime",
        BuildspecError,
        STRONG,
        r"Unknown runtime (?:version|name)|runtime.*(?:is not supported|not supported|unsupported)|(?:unsupported|invalid|unknown) runtime\b|Runtime version selection is not supported|Unable to install runtime|(?:Unknown|Invalid) (?:runtime )?version named|runtime-versions.*(?:invalid|unknown|not)",
    )
    .also(&[(BuildDependencyError, 0.5)]),
    sig(
        "buildspec_invalid",
        BuildspecError,
        MEDIUM,
        r"(?:invalid|malformed) buildspec|buildspec.*(?:invalid|unsupported version|parse)|did not find expected key|mapping values are not allowed in this context|found character that cannot start any token|cannot unmarshal .*into Go|wrong number of container tags",
    )
    .only(BUILDS),
    sig(
        "appspec_yaml",
        AppspecError,
        STRONG,
        r"Psych::SyntaxError|did not find expected key|mapping values are not allowed in this context|found character that cannot start any token|could not find expected ':'",
    )
    .text("appspec")
    .only(&[CodeDeploy, EcsBlueGreen]),
    // ---------------------------------------------------------------- memory
    sig(
        "exit_137",
        BuildOutOfMemory,
        STRONG,
        r"exit (?:status|code):? 137\b|returned a? ?non-zero code:? 137\b|exited with (?:code|status) 137\b|\bcode 137\b|Killed signal terminated program|\bOOMKilled\b|signal: killed|terminated by signal 9\b|\bSIGKILL\b",
    )
    .only(BUILDS),
    sig("killed_line", BuildOutOfMemory, STRONG, r"^\s*Killed\s*$")
        .text("exit_137")
        .cs()
        .only(BUILDS),
    sig(
        "heap_exhausted",
        BuildOutOfMemory,
        DECISIVE,
        r"JavaScript heap out of memory|Reached heap limit|OutOfMemoryError|\bMemoryError\b|Cannot allocate memory|runtime: out of memory|\bout of memory\b|memory allocation of \d+ bytes failed|\bENOMEM\b|std::bad_alloc|GC overhead limit exceeded|Java heap space",
    ),
    sig(
        "container_dead",
        BuildOutOfMemory,
        STRONG,
        r"[Cc]ontainer (?:was )?found dead|BUILD_CONTAINER_DEAD",
    )
    .also(&[(BuildEnvironment, 0.7)]),
    // ---------------------------------------------------------------- timeouts
    // A timeout is a symptom: a named cause of the hang (a prompt, a lock) outranks it.
    sig(
        "build_timed_out",
        BuildTimeout,
        STRONG,
        r"BUILD_TIMED_OUT|\bBuild (?:has )?timed out|State: TIMED_OUT|status(?: code)?:? TIMED_OUT|\bTIMED_OUT\b|exceeded the (?:build )?timeout|[Pp]hase (?:has )?timed out|Build terminated with state: TIMED_OUT",
    )
    .only(BUILDS),
    sig("exit_143", BuildTimeout, MEDIUM, r"exit (?:status|code) 143\b|\bSIGTERM\b")
        .only(BUILDS)
        .also(&[(BuildOutOfMemory, 0.6)]),
    sig(
        "build_hang",
        BuildTimeout,
        MEDIUM,
        r"taking too long|No output has been received in the last|has been running for \d+|stuck (?:at|on|in) ",
    )
    .only(BUILDS)
    // A command that hangs instead of failing usually waits on a tool: a prompt to install a
    // package, or a tool version the image's runtime cannot run.
    .also(&[(BuildDependencyError, 0.6)]),
    sig(
        "npx_prompt",
        BuildDependencyError,
        DECISIVE,
        r"Need to install the following packages|Ok to proceed\? \(y\)",
    ),
    // ---------------------------------------------------------------- build environment
    sig(
        "docker_rate_limit",
        BuildEnvironment,
        DECISIVE,
        r"toomanyrequests|(?:reached|exceeded) your (?:unauthenticated )?pull rate limit|increase-rate-limit",
    ),
    // Docker engines before 1.10 cannot read current image manifests.
    sig(
        "docker_too_old",
        BuildEnvironment,
        DECISIVE,
        r"^missing signature key$",
    )
    .only(BUILDS),
    sig(
        "docker_daemon",
        BuildEnvironment,
        DECISIVE,
        r"Cannot connect to the Docker daemon|Is the docker daemon running|docker\.sock.*(?:permission denied|no such file|connect:)",
    ),
    sig(
        "image_pull",
        BuildEnvironment,
        STRONG,
        r"BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE|Unable to pull customer's container image|CannotPullContainerError|pull access denied|manifest (?:for \S+ )?(?:unknown|not found)|failed to resolve source metadata|repository does not exist or may require 'docker login'|no basic auth credentials|unauthorized: (?:incorrect username or password|authentication required)|denied: requested access to the resource is denied|[Ee]rror pulling image",
    )
    .only(BUILDS)
    .also(&[(IamPermission, 0.35)]),
    sig(
        "task_image_pull",
        DeployHealth,
        STRONG,
        r"CannotPullContainerError|pull access denied|ResourceInitializationError",
    )
    .only(&[Ecs, EcsBlueGreen, CloudFormation, CodeDeploy])
    .also(&[(IamPermission, 0.6), (EcsDeployConfig, 0.5)]),
    sig(
        "disk_full",
        BuildEnvironment,
        DECISIVE,
        r"no space left on device|\bENOSPC\b|Disk quota exceeded|not enough (?:free )?(?:disk )?space|insufficient disk space",
    ),
    sig(
        "vpc_network",
        BuildEnvironment,
        DECISIVE,
        r"INSUFFICIENT_SUBNET|\bVPC_CLIENT_ERROR|\bENI\b.*(?:limit|failed|unable)|network interface.*(?:failed|limit|unable)|subnet.*(?:insufficient|not enough|no free|does not have)|CLIENT_ERROR:.*(?:dial tcp|i/o timeout|no such host)|RequestError: send request failed[^\n]*amazonaws\.com[^\n]*(?:i/o timeout|connection refused|no such host)",
    )
    .only(BUILDS),
    sig(
        "exec_format",
        BuildEnvironment,
        DECISIVE,
        r"exec format error|image'?s? platform.*does not match|requested image's platform",
    )
    .only(BUILDS),
    // The same error in a deployment: the image's architecture does not match the hosts, so
    // every task exits at start and the service never stabilizes.
    sig(
        "task_exec_format",
        DeployHealth,
        STRONG,
        r"exec format error|image'?s? platform.*does not match|requested image's platform",
    )
    .only(ECS_DEPLOYS),
    sig(
        "command_not_found",
        BuildEnvironment,
        MEDIUM,
        r"command not found|: not found$|exit (?:status|code) 127\b|executable file not found in \$PATH|is not recognized as an internal or external command",
    )
    .only(BUILDS)
    .also(&[(BuildConfigError, 0.8)]),
    // ---------------------------------------------------------------- build project configuration
    sig(
        "env_var_unset",
        BuildConfigError,
        STRONG,
        r"unbound variable|(?:environment )?variable.*(?:is not set|is empty|is undefined|must be set|is required)|(?:required )?environment variables? (?:is |are )?missing|\bParameterNotFound\b|Parameter \S+ not found|Secrets Manager can't find the specified secret|\bSecretNotFound|ResourceNotFoundException.*secret|\bsecret\b[^.;]*(?:not found|does not exist)|[Pp]arameter [Ss]tore.*(?:not found|does not exist|invalid)|Invalid parameters?: \[",
    )
    .only(BUILDS),
    sig(
        "not_bootstrapped",
        BuildConfigError,
        DECISIVE,
        r"Has the environment been bootstrapped|run 'cdk bootstrap'|/cdk-bootstrap/\S+ not found",
    ),
    sig(
        "registry_repository_missing",
        BuildConfigError,
        MEDIUM,
        r"RepositoryNotFoundException|The repository with name '[^']+' does not exist in the registry",
    )
    .only(BUILDS)
    .also(&[(ActionConfigInvalid, 0.7)]),
    sig(
        "env_lookup_failed",
        BuildConfigError,
        STRONG,
        r"KeyError: '[A-Z][A-Z0-9_]+'|environ\[.[A-Z][A-Z0-9_]+.\]|process\.env\.[A-Z][A-Z0-9_]+ is (?:undefined|not set)",
    )
    .only(BUILDS),
    sig(
        "ecr_token_expired",
        BuildEnvironment,
        STRONG,
        r"authorization token has expired|Your authorization token has expired",
    )
    .only(BUILDS)
    .also(&[(IamPermission, 0.4)]),
    // The source host (GitHub Enterprise, GitLab self-managed) presents a certificate the build
    // does not trust: the project must install its CA.
    sig(
        "source_host_certificate",
        BuildConfigError,
        STRONG,
        r"Git clone failed: [^\n]*SSL certificate problem",
    ),
    sig(
        "project_certificate",
        BuildConfigError,
        STRONG,
        r"Unable to download certificate from S3",
    )
    .also(&[(IamPermission, 0.7)]),
    sig(
        "decrypted_variables",
        BuildConfigError,
        MEDIUM,
        r"Decrypted Variables Error",
    )
    .also(&[(IamPermission, 0.9)]),
    // A log that ends while CodeBuild decrypts its variables, with no error: the service role
    // was denied the parameters (a missing parameter is reported by name).
    sig(
        "decrypting_variables",
        IamPermission,
        WEAK,
        r"Decrypting parameter store environment variables",
    )
    .text("decrypted_variables")
    .only(BUILDS)
    .also(&[(BuildConfigError, 0.8)]),
    sig("invalid_reference", BuildConfigError, MEDIUM, r"invalid reference format")
        .only(BUILDS)
        .also(&[(BuildEnvironment, 0.6)]),
    sig(
        "image_ref_from_variables",
        BuildConfigError,
        MEDIUM,
        r"Error while executing command: docker (?:tag|push|login)\b[\t -~]*\$\{?[A-Z][A-Z0-9_]+",
    )
    .only(BUILDS)
    .also(&[(IamPermission, 0.6), (BuildEnvironment, 0.5)]),
    // ---------------------------------------------------------------- artifacts missing
    sig(
        "no_matching_artifacts",
        BuildArtifactsMissing,
        STRONG,
        r"no matching artifact paths found|no matching base directory path found|Skipping invalid file path",
    ),
    sig(
        "file_not_in_artifact",
        BuildArtifactsMissing,
        DECISIVE,
        r"does not exist in (?:the )?(?:input )?artifact|File \[[^\]]+\] does not exist|not found in (?:the )?(?:input |source )?artifact|(?:template|parameters?|configuration) file.*(?:does not exist|not found)",
    ),
    sig(
        "source_file_missing",
        BuildArtifactsMissing,
        STRONG,
        r"(?:ENOENT|No such file or directory|FileNotFoundError|not found|does not exist).*/codebuild/output/src\d+/src/|/codebuild/output/src\d+/src/\S*.*(?:no such file|not found|does not exist)",
    ),
    sig(
        "docker_context_missing",
        BuildArtifactsMissing,
        DECISIVE,
        r"failed to calculate checksum of ref .*not found|unable to prepare context: path \S+ not found|COPY failed: (?:file not found|stat|no source files)|failed to compute cache key: .*not found",
    ),
    sig(
        "file_missing",
        BuildArtifactsMissing,
        WEAK,
        r"ENOENT: no such file or directory|FileNotFoundError|No such file or directory",
    )
    .only(BUILDS),
    // ---------------------------------------------------------------- compile
    sig("typescript", BuildCompileError, DECISIVE, r"error TS\d{4}:|Found \d+ errors? in \d+ files?\.?$").cs(),
    sig(
        "jvm_compile",
        BuildCompileError,
        DECISIVE,
        r"COMPILATION ERROR|Compilation failure|error: cannot find symbol|Compilation failed|^e: \S+\.kt|\[error\][\t -~]*\.scala:\d+",
    ),
    // Gradle names the task that failed; why it failed is on the next lines (a compiler error,
    // or an OutOfMemoryError).
    sig(
        "gradle_compile_task",
        BuildCompileError,
        MEDIUM,
        r"Execution failed for task ':[\w:-]*[Cc]ompile\w*'|compile(?:Java|Kotlin|Scala|TestJava) FAILED",
    )
    .text("jvm_compile"),
    sig("rust_compile", BuildCompileError, DECISIVE, r"error\[E\d{4}\]|error: could not compile `").cs(),
    sig("go_compile", BuildCompileError, STRONG, r"\.go:\d+:\d+: |^# [\w./-]+$"),
    sig("dotnet_compile", BuildCompileError, DECISIVE, r"\berror (?:CS|FS|BC)\d{4}\b"),
    sig(
        "c_compile",
        BuildCompileError,
        STRONG,
        r"\.(?:c|cc|cpp|cxx|h|hpp|swift|m):\d+:\d+: (?:fatal )?error:|undefined reference to|collect2: error|ld: error",
    ),
    sig("python_syntax", BuildCompileError, STRONG, r"\b(?:SyntaxError|IndentationError|TabError): ").cs(),
    sig(
        "js_bundle",
        BuildCompileError,
        STRONG,
        r"Failed to compile\.|Module not found: Error: Can't resolve|ERROR in [\w./-]+\.(?:ts|tsx|js|jsx|vue)|Build failed with \d+ errors?|error during build:|Rollup failed to resolve|^Type error: ",
    )
    .also(&[(BuildDependencyError, 0.4)]),
    sig(
        "type_checker",
        BuildCompileError,
        STRONG,
        r"Found \d+ errors? in \d+ files? \(checked|: error: [\t -~]+\[[\w-]+\]$",
    ),
    // ---------------------------------------------------------------- dependencies
    sig(
        "npm_resolution",
        BuildDependencyError,
        DECISIVE,
        r"\bERESOLVE\b|\bEBADENGINE\b|\bETARGET\b|No matching version found for|[Cc]ould not resolve dependency|unable to resolve dependency tree|Conflicting peer dependency|can only install packages when your package\.json and package-lock\.json|Missing: \S+ from lock file|404 Not Found - GET https://registry\.npmjs\.org|npm (?:ERR!|error) code (?:E404|E403|ENOTSUP|EINTEGRITY|ENOVERSIONS|EUSAGE|ENOLOCK|EPEERINVALID|EUNSUPPORTEDPROTOCOL)",
    ),
    sig(
        "yarn_resolution",
        BuildDependencyError,
        DECISIVE,
        r"Your lockfile needs to be updated|Couldn't find any versions for|The engine \x22[\w-]+\x22 is incompatible|\bYN0028\b|Couldn't find package \x22|error An unexpected error occurred: \x22https?://registry",
    ),
    sig("pnpm_resolution", BuildDependencyError, DECISIVE, r"ERR_PNPM_\w+"),
    sig(
        "pip_resolution",
        BuildDependencyError,
        DECISIVE,
        r"Could not find a version that satisfies the requirement|No matching distribution found for|ResolutionImpossible|have conflicting dependencies|pip's dependency resolver|Failed building wheel for|Failed to build [\w.-]+|subprocess-exited-with-error|requires a different Python|\bDistributionNotFound\b|\bVersionConflict\b|ERROR: Could not install packages",
    ),
    sig(
        "python_import",
        BuildDependencyError,
        STRONG,
        r"ModuleNotFoundError: No module named|ImportError: cannot import name|ImportError: No module named",
    )
    .also(&[(BuildCompileError, 0.4)]),
    sig(
        "poetry_resolution",
        BuildDependencyError,
        DECISIVE,
        r"SolverProblemError|poetry\.lock.*(?:not consistent|out of date|significantly)|pyproject\.toml changed significantly|version solving failed",
    ),
    sig(
        "maven_resolution",
        BuildDependencyError,
        DECISIVE,
        r"Could not resolve dependencies for project|Could not find artifact|Failed to collect dependencies|Non-resolvable (?:parent|import) POM|Could not transfer artifact|Failed to read artifact descriptor|The following artifacts could not be resolved|PluginResolutionException|Plugin [\w.:-]+ or one of its dependencies could not be resolved",
    ),
    sig(
        "gradle_resolution",
        BuildDependencyError,
        DECISIVE,
        r"Could not resolve all (?:files|dependencies|artifacts) for configuration|Could not resolve [\w.-]+:[\w.-]+|Could not find [\w.-]+:[\w.-]+:|Plugin \[id: '[^']+'[^\]]*\] was not found",
    ),
    sig(
        "cargo_resolution",
        BuildDependencyError,
        DECISIVE,
        r"failed to select a version for|no matching package named|failed to load source for dependency|failed to get `[\w-]+` as a dependency|package `[^`]+` cannot be built because it requires rustc|lock file version \d+ (?:requires|was found)|feature `edition20\d\d` is required",
    ),
    sig(
        "go_modules",
        BuildDependencyError,
        DECISIVE,
        r"missing go\.sum entry|checksum mismatch|go: updates to go\.mod needed|cannot find module providing package|no required module provides package|module [\w./-]+ found, but does not contain package|go: errors parsing go\.mod|: reading \S+: 404|invalid version: unknown revision|: unknown revision \S+|go: [\w./-]+@\S+: (?:invalid version|unknown revision)",
    ),
    sig(
        "ruby_php_dotnet_resolution",
        BuildDependencyError,
        DECISIVE,
        r"Could not find gem|Bundler could not find compatible versions|Your Ruby version is [\d.]+, but your Gemfile specified|Gem::Ext::BuildError|Your requirements could not be resolved to an installable set of packages|Your lock file does not contain a compatible set of packages|error NU\d{4}|Unable to find package [\w.-]+|NETSDK1045",
    ),
    sig(
        "terraform_versions",
        BuildDependencyError,
        DECISIVE,
        r"Unsupported Terraform Core version|does not support Terraform version|Failed to query available provider packages|Could not retrieve the list of available versions for provider|Inconsistent dependency lock file|does not have a package available for your current platform|no available releases match the given constraints",
    ),
    // Native extensions that need a system library or header the image lacks.
    sig(
        "system_libraries",
        BuildDependencyError,
        DECISIVE,
        r"failed to run custom build command for `|Could not find directory of OpenSSL|Package \S+ was not found in the pkg-config search path|pkg-config.*not found|fatal error: [\w/.-]+\.h: No such file or directory|error: externally-managed-environment",
    )
    .also(&[(BuildEnvironment, 0.6)]),
    sig(
        "node_module_missing",
        BuildDependencyError,
        MEDIUM,
        r"Error: Cannot find module '[^./][^']*'|Cannot find package '[^']+' imported from",
    ),
    sig(
        "toolchain_drift",
        BuildDependencyError,
        STRONG,
        r"(?:requires|required) (?:a )?(?:node|nodejs|node\.js|python|java|go|ruby|npm|rustc) (?:version )?[><=^~]*\s?v?\d|Unsupported engine|not compatible with your version of node|is incompatible with this module|error:0308010C:digital envelope routines::unsupported|ERR_OSSL_EVP_UNSUPPORTED|\bERR_REQUIRE_ESM\b|UnsupportedClassVersionError|compiled by a more recent version of the Java Runtime|Unsupported class file major version|Gradle \d[\d.]* requires Java|requires Java \d+",
    ),
    // Node older than 14 cannot parse `??` or `?.`: a dependency written for a newer Node fails
    // to load with a SyntaxError that reads like a compile error in the project.
    sig(
        "old_node_syntax",
        BuildDependencyError,
        STRONG,
        r"SyntaxError: Unexpected token '(?:\?|\?\?=|\|\|=)'",
    )
    .only(BUILDS),
    // Node before 16 names its loader `internal/modules/cjs/loader.js` (later ones say
    // `node:internal/...`): with the SyntaxError above, an old Node failed to load newer syntax.
    sig(
        "old_node_loader",
        BuildDependencyError,
        STRONG,
        r"at wrapSafe \(internal/modules/cjs/loader\.js:\d+",
    )
    .only(BUILDS)
    .text("old_node_syntax"),
    // The project asks for a runtime version the image does not have (javac's target release,
    // a .ruby-version or .python-version file the version manager cannot satisfy).
    sig(
        "runtime_not_installed",
        BuildDependencyError,
        DECISIVE,
        r"invalid (?:target|source) release: \d+|invalid flag: --release|release version \d+ not supported|(?:rbenv|pyenv|nodenv|goenv|jenv): version [`'\x22]?[^\s`'\x22]+[`'\x22]? (?:is )?not installed|N/A: version \x22[^\x22]+\x22 is not yet installed",
    )
    .only(BUILDS),
    // An installer fetched with `curl | sh` (or `| python`) got an error page instead.
    sig(
        "installer_download",
        BuildDependencyError,
        DECISIVE,
        r"\b(?:sh|bash|zsh):(?: line)? \d+: 404:: (?:command )?not found|SyntaxError: illegal target for annotation",
    )
    .only(BUILDS),
    sig(
        "installer_404_body",
        BuildDependencyError,
        MEDIUM,
        r"^\s*404: Not Found\s*$",
    )
    .only(BUILDS)
    .also(&[(BuildTestFailure, 0.5)])
    .text("installer_download"),
    sig(
        "go_too_old",
        BuildDependencyError,
        DECISIVE,
        r"note: module requires Go \d[\d.]*|go\.mod requires go >= ?\d[\d.]*|go: go\.mod requires go",
    )
    .only(BUILDS),
    // `sam build` checks that the image has the runtime the function names.
    sig(
        "sam_binary_validation",
        BuildDependencyError,
        STRONG,
        r"Binary validation failed",
    )
    .only(BUILDS),
    // A deployment tool in the image (SAM CLI, Serverless) older than the runtime the template
    // names: the tool needs updating, not the buildspec.
    sig(
        "tool_runtime_unsupported",
        BuildDependencyError,
        DECISIVE,
        r"'(?:nodejs|python|java|dotnet|ruby|go|provided)[\w.]*' runtime is not supported",
    )
    .only(BUILDS),
    // The image's locale is ASCII: tools reading UTF-8 files fail in ways that look like test
    // or lint failures.
    sig(
        "image_locale",
        BuildEnvironment,
        STRONG,
        r"invalid byte sequence in US-ASCII|'ascii' codec can't (?:decode|encode)|unsupported locale setting|Malformed input or input contains unmappable characters|cannot change locale \(",
    )
    .only(BUILDS),
    sig(
        "os_packages",
        BuildDependencyError,
        STRONG,
        r"E: Unable to locate package|has no installation candidate|E: Failed to fetch|Hash Sum mismatch|\bNO_PUBKEY\b|does not have a Release file|No package \S+ available|Error: Unable to find a match:",
    )
    .also(&[(ThrottlingOrServiceError, 0.4)]),
    // ---------------------------------------------------------------- tests, linters, scanners
    sig(
        "python_tests",
        BuildTestFailure,
        DECISIVE,
        r"=+ (?:\d+ failed|FAILURES|ERRORS) |=+ \d+ failed|^FAILED \S+::|short test summary info|\d+ failed, \d+ passed|\bAssertionError\b|^E\s+assert |FAILED \(failures=\d+",
    ),
    sig(
        "js_tests",
        BuildTestFailure,
        DECISIVE,
        r"Tests?:\s+\d+ failed|Test Suites: \d+ failed|Test Files\s+\d+ failed|\d+ failing\b|expect\(received\)|^\s*✕ |^FAIL\s+\S+\.(?:test|spec)\.[jt]sx?|AssertionError \[ERR_ASSERTION\]",
    ),
    sig("go_tests", BuildTestFailure, DECISIVE, r"^\s*--- FAIL: |^FAIL\s+[\w./-]+\s+[\d.]+s$|^FAIL$").cs(),
    sig(
        "jvm_tests",
        BuildTestFailure,
        DECISIVE,
        r"Tests run: \d+, Failures: [1-9]|Tests run: \d+, Failures: \d+, Errors: [1-9]|There are test failures|There were failing tests|Execution failed for task ':[\w:-]*test'|\d+ tests completed, \d+ failed|maven-surefire-plugin.*(?:failed|failures)",
    ),
    sig(
        "other_tests",
        BuildTestFailure,
        DECISIVE,
        r"test result: FAILED|error: test failed|\d+ examples?, [1-9]\d* failures?|\d+ runs?, \d+ assertions, [1-9]\d* failures|^FAILURES!$|Failed!\s+-\s+Failed:\s+[1-9]|Total tests: \d+[\t -~]*Failed: [1-9]|\d+ scenarios? \([1-9]\d* failed",
    ),
    sig(
        "linters",
        BuildTestFailure,
        STRONG,
        r"✖ \d+ problems?|\d+ problems? \(\d+ errors?, \d+ warnings?\)|would reformat|Your code has been rated at|^[\w./-]+\.py:\d+:\d+: [EFWC]\d{3,4} |Found \d+ errors?\.? \(\d+ fixable|Code style issues found|\d+ offenses? detected|\bSC\d{4}\b|Checkstyle violations|golangci-lint.*(?:issues|error)",
    ),
    sig(
        "scanners",
        BuildTestFailure,
        STRONG,
        r"Failed checks: [1-9]|\bCKV2?_\w+|\d+ potential problems? detected|Failures count: [1-9]|\bAwsSolutions-\w+|[Vv]ulnerabilities found|found \d+ (?:\w+ )?(?:severity )?vulnerabilit(?:y|ies) \(|CRITICAL: [1-9]|Quality [Gg]ate (?:failed|status: ERROR)|QUALITY GATE STATUS: FAILED|\bprowler\b[^\n]*exit status 3\b",
    ),
    sig("smoke_test", BuildTestFailure, MEDIUM, r"curl: \(22\) The requested URL returned error|smoke test.*fail"),
    // ---------------------------------------------------------------- the residual build class
    sig(
        "command_failed",
        BuildCommandFailed,
        HINT,
        r"COMMAND_EXECUTION_ERROR|Error while executing command:|Command did not exit successfully|Build terminated with state: FAILED|Subprocess exited with error|error Command failed with exit code|make(?:\[\d+\])?: \*\*\* [\t -~]*Error \d+|\bELIFECYCLE\b|npm (?:ERR!|error) Lifecycle script|returned non-zero exit status|exit status [1-9]\d*|FAILED_WITH_ABORT",
    )
    .only(BUILDS)
    .generic(),
    // ---------------------------------------------------------------- CodeDeploy
    sig(
        "appspec",
        AppspecError,
        DECISIVE,
        r"did not find an AppSpec file|AppSpec file.*(?:missing|not found|invalid|could not be found|cannot be located|must be valid JSON or YAML)|input AppSpec file is|in the application specification file|does not contain an? \x22?appspec\.ya?ml|BundleType must be either YAML or JSON|appspec\.ya?ml.*(?:not found|missing|invalid|does not exist|no such file)|(?:invalid|malformed) AppSpec|The AppSpec file contains|\bINVALID_REVISION\b|rb_sysopen - /opt/codedeploy-agent/deployment-root/\S*deployment-archive|deployment-archive/\S*.*No such file",
    ),
    // ApplicationStop runs the *previous* revision's scripts: a missing script is a hook failure
    // as often as an AppSpec mistake.
    // Hook locations are relative to the revision; an absolute path in the AppSpec file is
    // reported as the path itself instead of one under the agent's deployment-archive.
    // The CodeDeploy agent prefixes what a hook script wrote to stderr with [stderr]: the script
    // ran and failed.
    // The agent's AppSpec parser raising (hooks written as a list, a bad permissions section):
    // its stack frame names the parser.
    sig(
        "appspec_parse",
        AppspecError,
        DECISIVE,
        r"application_specification(?:/application_specification)?\.rb:\d+:in",
    )
    .text("appspec"),
    sig(
        "hook_stderr",
        DeployScriptFailed,
        STRONG,
        r"\[stderr\]",
    )
    .cs()
    .only(&[CodeDeploy, UnknownFamily]),
    sig(
        "hook_path_absolute",
        AppspecError,
        DECISIVE,
        r"Script does not exist at specified location: /(?:usr|home|srv|etc|tmp|root|app|data|var/www|var/app)/",
    )
    .only(&[CodeDeploy, UnknownFamily]),
    sig(
        "script_missing",
        DeployScriptFailed,
        STRONG,
        r"Script does not exist at specified location|\bScriptMissing\b",
    )
    .also(&[(AppspecError, 0.85), (BuildArtifactsMissing, 0.5)]),
    sig(
        "script_failed",
        DeployScriptFailed,
        DECISIVE,
        r"Script at specified location: (?P<script>\S+)(?: run as user (?P<user>\S+))? failed with exit code (?P<code>\d+)|\bScriptFailed\b|Script (?:at specified location: \S+ )?(?:has )?timed out|Script at specified location: \S+ failed to complete in \d+ seconds|\bScriptTimedOut\b|\bScriptNotExecutable\b|\bHOOK_EXECUTION_FAILURE\b|(?:hook|lifecycle) (?:Lambda )?function.*(?:failed|returned Failed)|lifecycle hook.*failed",
    ),
    sig(
        "agent",
        DeployAgent,
        DECISIVE,
        r"CodeDeploy agent was not able to receive the lifecycle event|\bAGENT_ISSUE\b|ERROR \[codedeploy-agent\(\d+\)\]:[\t -~]*(?:Cannot reach|AccessDenied|credential|certificate|SSL|connect|InstanceService|expired|Signature|clock|Unauthorized)|agent (?:is )?(?:not running|not installed|stopped|unreachable|outdated)|Validation of PKCS7 signed message failed|Cannot reach InstanceService|InvalidSignatureException|Signature expired|(?:CodeDeploy (?:Host )?Agent Service|codedeploy-?agent).*(?:failed to start|could not start|not running|stopped)|Missing credentials - please check if this instance was started with an IAM instance profile|the agent (?:might not|may not) be running|lifecycle events? (?:were )?skipped|Failed to open TCP connection to codedeploy-commands|Failed to start [^\n]*CodeDeploy (?:Host )?Agent|lifecycle event after an agent restart|CommandPoller: Error during perform: (?:ArgumentError|Encoding::\w+)|codedeploy-agent\.service: (?:Failed with result|Control process exited)|codedeploy-commands(?:-secure)?\.[\w.-]+amazonaws\.com\S*[^\n]*(?:execution expired|timed out|Connection refused)",
    )
    .also(&[(IamPermission, 0.3)]),
    sig(
        "file_conflict",
        DeployFileConflict,
        DECISIVE,
        r"a specified file already exists at this location|file already exists at (?:this|the)? ?location|already exists at this location",
    ),
    sig(
        "health_constraints",
        DeployHealth,
        MEDIUM,
        r"HEALTH_CONSTRAINTS|too few healthy instances|too many individual instances failed deployment",
    )
    .only(DEPLOYS)
    .generic()
    .also(&[(DeployAgent, 0.65), (IamPermission, 0.3)]),
    sig(
        "ecs_unhealthy",
        DeployHealth,
        DECISIVE,
        r"Circuit Breaker was triggered|circuit breaker|failed to stabilize|did not stabilize|tasks? failed to start|[Ee]ssential container in task exited|\bECS_UPDATE_ERROR\b|failed (?:ELB|container) health checks|health checks? failed|(?:is|are|became) unhealthy|Target\.(?:FailedHealthChecks|Timeout|ResponseCodeMismatch)|\bELB_INVALID_INSTANCE\b|CannotStartContainerError|waiting for the replacement task set to become healthy|replacement tasks? (?:failed|did not become healthy)",
    ),
    sig(
        "task_placement",
        DeployHealth,
        MEDIUM,
        r"unable to place a task|no container instance met all of its requirements|insufficient (?:memory|CPU) available",
    )
    .also(&[(QuotaOrLimit, 0.6)]),
    sig(
        "load_balancer_config",
        ActionConfigInvalid,
        MEDIUM,
        r"target group must be behind listener|The ELB could not be updated|ELASTIC_LOAD_BALANCING_INVALID|MISSING_ELB_INFORMATION",
    )
    .only(DEPLOYS),
    sig(
        "alarm_rollback",
        DeployAlarmRollback,
        DECISIVE,
        r"ALARM_ACTIVE|One or more alarms have been activated|Activated alarms:|alarm.*(?:triggered|caused) (?:a )?rollback|stopped (?:because|due to) (?:an? )?alarm|alarms? (?:were|was) triggered",
    ),
    sig(
        "beanstalk_health",
        DeployHealth,
        STRONG,
        r"Environment health has transitioned from \w+ to (?:Severe|Degraded)|did not pass health check after command execution|ELB health is failing",
    ),
    // ---------------------------------------------------------------- CloudFormation
    sig(
        "stack_status",
        CloudformationStackFailure,
        MEDIUM,
        r"\b(?:UPDATE_)?ROLLBACK_(?:COMPLETE|FAILED|IN_PROGRESS)\b|\b(?:CREATE|UPDATE|DELETE|IMPORT)_FAILED\b|Failed to execute change set|is in \w+ state and can ?not be updated|The following resource\(s\) failed to (?:create|update|delete)|Embedded stack \S+ was not successfully|Resource handler returned message",
    )
    .generic(),
    sig(
        "template_validation",
        CloudformationStackFailure,
        STRONG,
        r"Template format error|Template error:|Unresolved resource dependencies|Parameters: \[[^\]]*\] (?:must have values|do not exist in the template)|Parameter '?\w+'? (?:must have|does not exist|failed to satisfy)|\bValidationError\b|Requires capabilities|InsufficientCapabilities|No export named|Circular dependency between resources|Unrecognized resource types|Encountered unsupported property|Properties validation failed|already exists in stack|\bAlreadyExistsException\b|Export \S+ cannot be (?:deleted|updated)|Transform \S+ failed with|Failed to transform template|of type AWS::\w+::\w+ failed with message",
    ),
    sig(
        "stack_cascade",
        CloudformationStackFailure,
        0.0,
        r"Resource (?:creation|update) cancelled",
    ),
    // ---------------------------------------------------------------- ECS image definitions
    // CodeDeployToECS substitutes image URIs for IMAGE<N>_NAME placeholders from the artifacts
    // the action configuration names.
    sig(
        "ecs_image_placeholder",
        EcsDeployConfig,
        STRONG,
        r"Image\d+(?:ContainerName|ArtifactName)|IMAGE\d+_NAME",
    )
    .msg()
    .only(&[EcsBlueGreen, UnknownFamily])
    .also(&[(ActionConfigInvalid, 0.6)]),
    sig(
        "ecs_container_missing",
        EcsDeployConfig,
        DECISIVE,
        r"The AWS ECS container \S+ does not exist|Exception while trying to (?:read|parse) the image (?:artifact|URI) file|container name[^.;]*(?:does not match|not found|does not exist)",
    ),
    // Build logs name these files in ordinary commands: only an ECS deploy's error counts.
    sig(
        "ecs_image_file",
        EcsDeployConfig,
        STRONG,
        r"imagedefinitions\.json|imageDetail\.json|image definitions? file",
    )
    .text("ecs_container_missing")
    .only(&[Ecs, EcsBlueGreen]),
    sig(
        "ecs_artifact_read",
        EcsDeployConfig,
        MEDIUM,
        r"Exception while trying to read the (?:task definition|AppSpec) (?:artifact )?file",
    )
    .only(ECS_DEPLOYS)
    .also(&[(QuotaOrLimit, 0.85), (AppspecError, 0.5)]),
    // CodeDeployToECS reads taskdef/appspec only from artifacts up to 3 MB; a larger size in
    // the evidence of such a failure names the limit.
    sig(
        "ecs_artifact_over_3mb",
        QuotaOrLimit,
        STRONG,
        r"\b(?:[3-9](?:\.\d+)?|[1-9]\d+(?:\.\d+)?) ?(?:MiB|MB)\b",
    )
    .only(&[EcsBlueGreen]),
    // ---------------------------------------------------------------- Lambda invoke
    sig(
        "lambda_no_result",
        LambdaActionError,
        DECISIVE,
        r"failed to return a result|PutJob(?:Success|Failure)Result",
    ),
    sig(
        "lambda_runtime",
        LambdaActionError,
        STRONG,
        r"Task timed out after [\d.]+ seconds|\x22errorType\x22|\x22errorMessage\x22|Unhandled exception|\bFunctionError\b|Runtime\.\w+Error|[Ff]unction failed|Traceback \(most recent call last\)|\bexception\b",
    )
    .only(LAMBDAS),
    // ---------------------------------------------------------------- approvals
    // What the collector read from the action execution (updatedBy, times): who and when.
    sig(
        "approval_rejected_by",
        ApprovalRejected,
        DECISIVE,
        r"^Approval rejected by (?P<who>\S+) at (?P<when>\S+)(?:: (?P<comment>.+))?",
    )
    .only(APPROVALS),
    sig(
        "approval_expired_after",
        ApprovalTimeout,
        DECISIVE,
        r"^Approval expired after (?P<waited>[0-9dhm ]+?) unanswered \(timeout (?P<timeout>\d+) minutes\)$",
    )
    .only(APPROVALS),
    sig(
        "approval_rejected",
        ApprovalRejected,
        DECISIVE,
        r"\brejected\b|\breject(?:ion)? comment|\bdenied by\b",
    )
    .only(APPROVALS),
    sig(
        "approval_expired",
        ApprovalTimeout,
        DECISIVE,
        r"expired|timed? ?out|\btimeout\b|has not been (?:approved|acted on)|no response|\bstale\b|InvalidApprovalToken|ApprovalAlreadyCompleted",
    )
    .only(APPROVALS),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_patterns_compile() {
        let mut ids = HashSet::new();
        for s in SIGNATURES {
            assert!(ids.insert(s.id), "duplicate signature id {}", s.id);
            assert!(
                regex::Regex::new(s.pattern).is_ok(),
                "bad pattern in {}",
                s.id
            );
            assert!((0.0..=1.0).contains(&s.weight), "weight of {}", s.id);
            for (c, share) in s.also {
                assert_ne!(
                    *c, s.cat,
                    "{} lists its own category as an alternative",
                    s.id
                );
                assert!((0.0..=1.0).contains(share));
            }
        }
    }
}

//! English texts.

use super::Text;
use crate::category::Category;
use crate::engine::Family;
use crate::evidence::CheckKind;

const fn t(summary: &'static str, remedies: &'static [&'static str]) -> Text {
    Text { summary, remedies }
}

pub(super) fn signature(key: &str) -> Option<Text> {
    Some(match key {
        "repo_id_format" => t(
            "The source action's FullRepositoryId \"{repo}\" is not in owner/repository form",
            &[
                "Set FullRepositoryId to '<owner>/<repository>' (for example 'my-org/my-repo') in the source action",
            ],
        ),
        "connection_no_branch" => t(
            "Branch {branch} was not found in {repo} through the connection",
            &[
                "Check that branch {branch} exists in the repository, or set BranchName to an existing branch",
                "If the branch exists: check the connection is AVAILABLE and its app is installed for this repository",
            ],
        ),
        "codecommit_no_branch" => t(
            "Branch {branch} does not exist in the CodeCommit repository",
            &[
                "Create the branch (an empty repository has none) or set BranchName to an existing branch",
            ],
        ),
        "branch_missing" => t(
            "The source branch does not exist",
            &["Create the branch, or point the source action's BranchName at an existing branch"],
        ),
        "github_token_invalid" => t(
            "The pipeline's GitHub credentials are invalid or revoked",
            &[
                "Reconnect the source action (update the OAuth token / personal access token it uses)",
                "Migrate the GitHub (version 1) action to a CodeConnections source action",
            ],
        ),
        "github_repo_or_branch" => t(
            "GitHub repository {repo} or its branch {branch} cannot be found with the pipeline's credentials",
            &[
                "Check the repository was not renamed or moved and that the token can read it",
                "Check branch {branch} exists",
            ],
        ),
        "repo_missing" => t(
            "The source repository does not exist or cannot be read with the pipeline's credentials",
            &[
                "Check the repository name and owner, and that the credentials the action uses can read it",
            ],
        ),
        "codecommit_access" => t(
            "The pipeline role cannot read the CodeCommit repository",
            &[
                "Allow the pipeline role codecommit:GetBranch, GetCommit, UploadArchive, GetUploadArchiveStatus and CancelUploadArchive on the repository",
            ],
        ),
        "connection_state" => t(
            "The CodeConnections connection is not AVAILABLE",
            &[
                "Complete the connection handshake in the console (Settings > Connections > Update pending connection)",
            ],
        ),
        "connection_missing" => t(
            "The connection the source action names does not exist",
            &[
                "Create a new connection, complete its handshake, and update ConnectionArn in the source action",
            ],
        ),
        "connection_app" => t(
            "The connection's GitHub/Bitbucket/GitLab app is not installed or approved for this repository",
            &[
                "Ask an organization owner to install (or approve) the AWS Connector app for the repository, then update the connection",
            ],
        ),
        "webhook_registration" => t(
            "CodePipeline could not register its webhook: GitHub did not show the repository to the action's token",
            &[
                "Check the repository's owner and name, and that the token's user can administer it (webhooks need admin rights)",
                "Migrate the GitHub (version 1) action to a CodeConnections source action",
            ],
        ),
        "source_authorization" => t(
            "CodeBuild was not authorized to fetch its primary source",
            &[
                "Allow GetConnectionToken, GetConnection and UseConnection on the connection ARN to the CodeBuild role (prefix codeconnections: or codestar-connections:, as the ARN's service)",
                "Check the connection is AVAILABLE and its app can read this repository, or refresh the project's source credentials",
            ],
        ),
        "kubernetes_unauthorized" => t(
            "The cluster does not know the build's role: kubectl was refused as unauthorized",
            &[
                "Map the CodeBuild role in the cluster (an EKS access entry, or the aws-auth ConfigMap) with the Kubernetes permissions the deploy needs",
                "Use the role ARN, not the assumed-role session ARN, in the mapping",
            ],
        ),
        "connection_use_denied" => t(
            "The role using the connection may not use it",
            &[
                "Allow UseConnection (and, for CodeBuild, GetConnectionToken and GetConnection) on the connection ARN to the pipeline (or CodeBuild) role, with the prefix of the ARN's service (codeconnections: or codestar-connections:)",
            ],
        ),
        "not_authorized" => t(
            "A role is not authorized to perform {action}",
            &[
                "Grant {action} on the named resource to the role that acted, or fix the deny that blocks it",
            ],
        ),
        "policy_evaluation" => t(
            "An IAM policy evaluation denied the request",
            &[
                "Add the missing allow to the role's policy, or remove the explicit deny (SCP, permissions boundary, resource policy)",
            ],
        ),
        "assume_role" => t(
            "A role could not be assumed (trust policy or sts:AssumeRole permission)",
            &[
                "Check the role's trust policy names the service or account that assumes it",
                "Check the caller may sts:AssumeRole (and iam:PassRole) on that role",
            ],
        ),
        "insufficient_permissions" => t(
            "A role lacks a permission the action needs",
            &[
                "Compare the role's policies with the permissions the action needs (IAM policy simulator)",
            ],
        ),
        "get_bucket_acl" => t(
            "The CodeBuild service role can no longer call s3:GetBucketAcl on the artifact bucket",
            &[
                "Allow s3:GetBucketAcl and s3:GetBucketLocation on the bucket to the CodeBuild service role, and check the bucket owner did not change",
            ],
        ),
        "access_denied" => t(
            "A request was denied (AccessDenied)",
            &[
                "Find the role and action denied (CloudTrail) and compare them with the role's policies",
            ],
        ),
        "artifact_replication" => t(
            "CodePipeline could not copy the artifact to the action Region's artifact store",
            &[
                "Check the key policy of the action Region's artifact key allows the pipeline role (and the cross-account roles) kms:Decrypt, kms:Encrypt and kms:GenerateDataKey",
                "Check the action Region's artifact bucket exists and its policy and the pipeline role allow s3:GetObject and s3:PutObject",
            ],
        ),
        "artifact_bucket_validation" => t(
            "CodePipeline could not validate an artifact bucket (missing, in another account's hands, or not readable by the pipeline role)",
            &[
                "Check every Region's artifact bucket the pipeline names exists, and the pipeline role can read its location and policy",
            ],
        ),
        "s3_no_such_key" => t(
            "An artifact or revision object is missing from S3",
            &[
                "Re-run the pipeline from the source stage so the artifact is produced again",
                "Check lifecycle rules on the artifact bucket are not deleting artifacts too early",
            ],
        ),
        "s3_no_such_bucket" => t(
            "The S3 bucket does not exist",
            &[
                "Recreate the artifact bucket or point the pipeline's artifact store at an existing bucket",
            ],
        ),
        "s3_wrong_region" => t(
            "The S3 bucket is in a different Region from the pipeline or action",
            &[
                "Use an artifact store in the pipeline's Region (and one per Region for cross-Region actions)",
            ],
        ),
        "s3_denied" => t(
            "Access to the S3 artifact bucket was denied",
            &[
                "Check the bucket policy allows the role that acted (cross-account roles included)",
                "Check the artifact KMS key policy allows that role kms:Decrypt and kms:GenerateDataKey",
            ],
        ),
        "s3_download_denied" => t(
            "Reading the source artifact from S3 was denied",
            &[
                "Allow s3:GetObject (and s3:GetObjectVersion) on the artifact bucket to the CodeBuild service role",
                "For a customer managed key, allow that role kms:Decrypt in the key policy",
            ],
        ),
        "artifact_upload" => t(
            "CodeBuild could not upload its output artifacts",
            &[
                "Check the artifact location and the service role's s3:PutObject permission on the artifact bucket",
            ],
        ),
        "bare_internal_error" => t(
            "CodePipeline reported InternalError: most often an artifact bucket in another Region",
            &[
                "Check that the artifact bucket is in the pipeline's Region",
                "If it is, retry: it may be transient",
            ],
        ),
        "artifact_unavailable" => t(
            "An input artifact could not be read",
            &["Check the artifact bucket, the object, and the role's S3 and KMS permissions"],
        ),
        "kms_key_state" => t(
            "The artifact KMS key is disabled, pending deletion or missing",
            &[
                "Enable the key (or cancel its deletion), or configure the artifact store with a usable key",
            ],
        ),
        "kms_denied" => t(
            "A role may not use the KMS key that encrypts the artifacts",
            &[
                "Add the role to the key policy (kms:Decrypt, kms:GenerateDataKey*, kms:Encrypt)",
                "Cross-account pipelines need a customer managed key: the aws/s3 key cannot be shared",
            ],
        ),
        "throttling" => t(
            "An AWS API throttled the request (rate exceeded)",
            &[
                "Retry the stage",
                "Spread concurrent runs, or raise the rate quota if it recurs",
            ],
        ),
        "service_error" => t(
            "A service returned an internal or unavailable error",
            &["Retry the stage; check the AWS Health Dashboard if it persists"],
        ),
        "pull_transient" => t(
            "The image pull failed on a transient network/TLS error",
            &["Retry the build; it usually clears by itself"],
        ),
        "network_transient" => t(
            "A network call failed (reset, timeout or DNS)",
            &[
                "Retry the build",
                "In a VPC build, check the subnets route to the internet through a NAT gateway",
            ],
        ),
        "quota" => t(
            "A service quota or hard limit was reached",
            &[
                "Check Service Quotas for the limit named and request an increase, or reduce the size or concurrency",
            ],
        ),
        "codebuild_env_size" => t(
            "CodeBuild could not start the build: most often its environment variables exceed the size limit",
            &[
                "Move large environment variable values to Parameter Store or Secrets Manager (names and values together must stay under ~5,500 characters)",
                "If the variables are small, retry: it may be a service issue",
            ],
        ),
        "ca_certificates" => t(
            "TLS certificates cannot be verified in the build image (missing or outdated CA bundle)",
            &["Use a current CodeBuild image, or install ca-certificates in the custom image"],
        ),
        "project_certificate" => t(
            "The build project's certificate cannot be read from S3 (wrong bucket or key)",
            &[
                "Fix the certificate bucket/key in the project's environment settings",
                "Allow the service role s3:GetObject on that object",
            ],
        ),
        "terraform_versions" => t(
            "Terraform or its providers do not match the versions the configuration requires",
            &[
                "Pin the Terraform version in the build (tfenv or a versioned image) and commit .terraform.lock.hcl with compatible constraints",
            ],
        ),
        "system_libraries" => t(
            "A native dependency needs a system library or header the build image lacks",
            &[
                "Install the -dev package (e.g. libssl-dev / openssl-devel, pkg-config) in the install phase, or use an image that has it",
            ],
        ),
        "node_module_missing" => t(
            "A Node.js package is not installed",
            &[
                "Add the package to package.json (dependencies or devDependencies) and run npm ci before the command",
            ],
        ),
        "dns_failure" => t(
            "A host name could not be resolved from the build",
            &[
                "In a VPC build, check DNS resolution and the NAT route of the subnets; otherwise retry",
            ],
        ),
        "no_credentials" => t(
            "A tool in the build has no usable AWS credentials",
            &[
                "Let the tool use the CodeBuild service role (do not override AWS_* variables), or grant the role sts:AssumeRole on the role the tool needs",
            ],
        ),
        "source_upload" => t(
            "The source action could not upload its artifact to the artifact bucket",
            &[
                "Check the bucket policy and the role's s3:PutObject on the artifact bucket",
                "Check the artifact KMS key allows the role kms:GenerateDataKey",
            ],
        ),
        "s3_object_missing" => t(
            "The S3 source object does not exist (or the bucket is not versioned)",
            &["Check the object key and that versioning is enabled on the source bucket"],
        ),
        "image_tag_missing" => t(
            "The ECR source image tag does not exist",
            &["Push the tag the source action names, or point ImageTag at an existing one"],
        ),
        "not_bootstrapped" => t(
            "The target account/Region is not bootstrapped for CDK",
            &[
                "Run cdk bootstrap for the target account and Region (with --trust for the pipeline account)",
            ],
        ),
        "registry_repository_missing" => t(
            "The ECR repository the build uses does not exist",
            &["Create the repository, or fix the repository name the build's variables point at"],
        ),
        "env_lookup_failed" => t(
            "A build script reads an environment variable that is not set",
            &["Set the variable in the project or action configuration"],
        ),
        "ecr_token_expired" => t(
            "The registry login is missing or expired",
            &["Run aws ecr get-login-password | docker login in pre_build, right before the push"],
        ),
        "task_placement" => t(
            "ECS could not place the new tasks (capacity or constraints)",
            &[
                "Check the cluster's capacity (instances, Fargate quotas) and the service's placement constraints",
            ],
        ),
        "load_balancer_config" => t(
            "The deployment group's load balancer configuration is invalid",
            &["Check the target groups and listeners of the deployment group match the service"],
        ),
        "over_maximum" => t(
            "A hard maximum was exceeded",
            &[
                "Reduce the count or size below the maximum named (split the stack or template, clean up resources) or request a quota increase where one exists",
            ],
        ),
        "docker_context_missing" => t(
            "docker build could not find a file the Dockerfile copies",
            &[
                "Build the files before docker build (or in a build stage) and check .dockerignore does not exclude them",
            ],
        ),
        "action_config" => t(
            "The action configuration is invalid",
            &[
                "Compare the action configuration with the provider's reference (names, ARNs, required keys)",
            ],
        ),
        "action_config_value" => t(
            "The pipeline's action configuration holds an invalid value or reference",
            &[
                "Fix the value the error names in the pipeline definition (action names, secret properties, action types)",
            ],
        ),
        "configured_resource_missing" => t(
            "The action configuration names a resource that does not exist",
            &[
                "Fix the project/application/deployment group/function name in the action configuration, or create it",
            ],
        ),
        "yaml_file_error" => t(
            "The buildspec is missing or is not valid YAML",
            &[
                "Check the buildspec path in the project or action, and validate the file's YAML (tabs are not allowed)",
            ],
        ),
        "buildspec_missing" => t(
            "The buildspec file was not found at the configured path",
            &[
                "Commit the buildspec at the repository root, or set the project's buildspec path to where it is",
            ],
        ),
        "buildspec_runtime" => t(
            "The buildspec asks for a runtime version the build image does not provide",
            &[
                "Use a runtime-versions value the image supports, or move to a newer CodeBuild image",
            ],
        ),
        "buildspec_invalid" => t(
            "The buildspec is invalid",
            &["Fix the buildspec syntax (YAML indentation, keys, version 0.2)"],
        ),
        "exit_137" => t(
            "A build process was killed with SIGKILL (exit 137): out of memory",
            &[
                "Use a larger compute type",
                "Reduce the build's memory use (parallelism, heap size)",
            ],
        ),
        "heap_exhausted" => t(
            "A build process ran out of memory",
            &[
                "Raise the heap limit (NODE_OPTIONS=--max-old-space-size, -Xmx) and/or use a larger compute type",
            ],
        ),
        "container_dead" => t(
            "The build container died: usually out of memory",
            &[
                "Use a larger compute type",
                "If memory is not the cause, check the image is supported for the environment type",
            ],
        ),
        "build_timed_out" => t(
            "The build timed out",
            &[
                "Find the step that stalls in the log; raise the project timeout only if the work is legitimately long",
            ],
        ),
        "exit_143" => t(
            "A build process was terminated (SIGTERM, exit 143)",
            &["Check whether the build hit its timeout or was stopped"],
        ),
        "build_hang" => t(
            "A build command hung",
            &[
                "Find what the command waits for (a prompt, a download, a lock); pin the tool versions the command needs",
            ],
        ),
        "npx_prompt" => t(
            "npx waited for confirmation to install a package not in the project",
            &["Add the package to devDependencies (or run npx --yes) so the build never prompts"],
        ),
        "docker_rate_limit" => t(
            "Docker Hub pull rate limit reached while pulling an image",
            &[
                "Authenticate to Docker Hub (credentials in Secrets Manager) or pull from ECR Public / an ECR pull-through cache",
            ],
        ),
        "docker_daemon" => t(
            "The build cannot reach a Docker daemon",
            &[
                "Enable privileged mode on the CodeBuild project environment (required to build images)",
            ],
        ),
        "image_pull" => t(
            "An image could not be pulled (name, tag, or registry credentials)",
            &[
                "Check the image name and tag exist",
                "Check the registry credentials and the role's ECR pull permissions",
            ],
        ),
        "task_image_pull" => t(
            "Tasks could not start because their image or secrets could not be pulled",
            &[
                "Check the image URI, the task execution role's ECR/Secrets Manager permissions and the tasks' network path",
            ],
        ),
        "disk_full" => t(
            "The build ran out of disk space",
            &["Clean caches and intermediate files, or use a larger compute type"],
        ),
        "vpc_network" => t(
            "The build's VPC configuration blocks it (subnets, ENIs or routes)",
            &[
                "Use private subnets with free IP addresses and a NAT gateway route; check security groups allow egress",
                "Behind a proxy: set the buildspec proxy section and NO_PROXY, or add VPC endpoints for S3 and CloudWatch Logs",
            ],
        ),
        "exec_format" => t(
            "An image or binary was built for another CPU architecture",
            &["Match the image platform to the build environment (arm64 vs x86_64)"],
        ),
        "task_exec_format" => t(
            "The image was built for another CPU architecture than the hosts its tasks run on",
            &[
                "Build the image for the service's platform (docker buildx --platform linux/amd64 or linux/arm64), or set the task definition's runtimePlatform to match the image",
            ],
        ),
        "build_not_started" => t(
            "The build did not start: the account's concurrent build quota is probably reached",
            &[
                "Check the running builds and the CodeBuild concurrent build quota for this compute type in Service Quotas; request an increase or queue fewer builds",
            ],
        ),
        "parameter_does_not_exist" => t(
            "A Parameter Store variable could not be read: the service role may not read that name, or it does not exist",
            &[
                "Allow ssm:GetParameters on the parameter's ARN to the CodeBuild role (the generated policy covers /CodeBuild/* only)",
                "Check the parameter name in the project's environment variables exists in this Region",
            ],
        ),
        "codebuild_source_credentials" => t(
            "CodeBuild has no stored credentials for the source provider",
            &[
                "Connect the provider in the CodeBuild console, or import a token with aws codebuild import-source-credentials (or use a connection)",
            ],
        ),
        "docker_too_old" => t(
            "The Docker engine in the build image is too old to read the image",
            &[
                "Use a current managed image (for example aws/codebuild/standard:7.0) or update Docker in the custom image",
            ],
        ),
        "source_host_certificate" => t(
            "The source host's certificate is not trusted by the build (self-signed or a private CA)",
            &[
                "Install the host's CA certificate in the project (source certificate from S3), or, for tests only, enable insecure SSL for the source",
            ],
        ),
        "command_not_found" => t(
            "A command was not found in the build image (exit 127)",
            &[
                "Install the tool in the install phase or use an image that has it",
                "Check the script's path and executable bit",
            ],
        ),
        "env_var_unset" => t(
            "A build variable, parameter or secret is unset or missing",
            &[
                "Set the variable in the project or action, or create the Parameter Store/Secrets Manager value it names",
            ],
        ),
        "decrypted_variables" => t(
            "CodeBuild could not resolve its Parameter Store/Secrets Manager variables",
            &[
                "Check each parameter/secret exists",
                "Allow the service role ssm:GetParameters / secretsmanager:GetSecretValue (and kms:Decrypt) on them",
            ],
        ),
        "invalid_reference" => t(
            "A Docker image reference is malformed, usually because a variable in it is empty",
            &[
                "Print the variables used to build the image name (account id, Region, repository, tag) and set them",
            ],
        ),
        "image_ref_from_variables" => t(
            "A docker tag/push to a registry built from variables failed: a variable is probably unset",
            &[
                "Check the variables in the image reference are set in the project or action (no placeholders)",
                "Check the ECR repository exists and the role may push to it",
            ],
        ),
        "no_matching_artifacts" => t(
            "The build produced none of the declared artifact files",
            &[
                "Check artifacts.files and base-directory in the buildspec against what the build writes",
            ],
        ),
        "file_not_in_artifact" => t(
            "A file the action needs is not in its input artifact",
            &["Check the file path and that the previous action's artifact includes it"],
        ),
        "source_file_missing" => t(
            "A file the build needs is missing from the source",
            &["Commit the file (check .gitignore), or create it in an earlier build step"],
        ),
        "file_missing" => t(
            "A file the build needs was not found",
            &["Check the path, and that the file is committed or produced by an earlier step"],
        ),
        "typescript" => t(
            "TypeScript compilation failed",
            &[
                "Fix the type errors; for errors inside node_modules, align package versions or set skipLibCheck",
            ],
        ),
        "jvm_compile" => t(
            "Java/Kotlin/Scala compilation failed",
            &["Fix the compiler errors shown (run the same build locally)"],
        ),
        "rust_compile" => t(
            "Rust compilation failed",
            &["Fix the compiler errors shown (cargo build locally)"],
        ),
        "go_compile" => t(
            "Go compilation failed",
            &["Fix the compiler errors shown (go build ./... locally)"],
        ),
        "dotnet_compile" => t(
            ".NET compilation failed",
            &["Fix the compiler errors shown (dotnet build locally)"],
        ),
        "c_compile" => t(
            "C/C++ compilation or linking failed",
            &["Fix the compiler or linker errors shown"],
        ),
        "python_syntax" => t(
            "Python code has a syntax error",
            &["Fix the syntax error shown"],
        ),
        "js_bundle" => t(
            "The JavaScript bundle or type check failed",
            &["Fix the errors shown; a module that cannot be resolved may be a missing dependency"],
        ),
        "type_checker" => t(
            "The type checker found errors",
            &["Fix the type errors shown"],
        ),
        "npm_resolution" => t(
            "npm could not resolve or install the dependencies",
            &[
                "Pin the versions involved and commit package-lock.json; align the Node/npm version with the packages' engines",
            ],
        ),
        "yarn_resolution" => t(
            "Yarn could not resolve or install the dependencies",
            &["Update and commit yarn.lock; align the Node version with the packages' engines"],
        ),
        "pnpm_resolution" => t(
            "pnpm could not resolve or install the dependencies",
            &["Update and commit pnpm-lock.yaml (pnpm install) and align the pnpm/Node versions"],
        ),
        "pip_resolution" => t(
            "pip could not resolve or build the Python dependencies",
            &[
                "Pin compatible versions in requirements; check the Python version of the image and any build tools wheels need",
            ],
        ),
        "python_import" => t(
            "A Python module is missing or changed its API",
            &[
                "Add the module to the requirements (pinned), or pin the version whose API the code uses",
            ],
        ),
        "poetry_resolution" => t(
            "Poetry could not resolve the dependencies or the lock file is stale",
            &["Run poetry lock and commit poetry.lock; check version constraints"],
        ),
        "maven_resolution" => t(
            "Maven could not resolve the dependencies",
            &[
                "Check the artifact coordinates and the repositories (and credentials for private ones)",
            ],
        ),
        "gradle_resolution" => t(
            "Gradle could not resolve the dependencies or plugins",
            &[
                "Check the coordinates and repositories; check the Gradle and JDK versions are compatible",
            ],
        ),
        "cargo_resolution" => t(
            "Cargo could not resolve the dependencies or the toolchain is too old",
            &[
                "Commit Cargo.lock and pin the Rust toolchain (rust-toolchain.toml) to the version the crates need",
            ],
        ),
        "go_modules" => t(
            "Go modules could not be resolved or verified",
            &["Run go mod tidy and commit go.mod/go.sum; check the Go version the module requires"],
        ),
        "ruby_php_dotnet_resolution" => t(
            "The package manager could not resolve the dependencies",
            &["Update and commit the lock file; check the runtime version the packages require"],
        ),
        "toolchain_drift" => t(
            "A tool or package needs a different runtime version than the build image has",
            &[
                "Pin the runtime (runtime-versions in the buildspec) and the tool versions; do not install '@latest' in builds",
            ],
        ),
        "runtime_not_installed" => t(
            "The project asks for a runtime version the build image does not have",
            &[
                "Select that version in the buildspec (runtime-versions) or use an image that has it; or align the project's version file (.ruby-version, .python-version, the compiler target) with the image",
            ],
        ),
        "installer_download" => t(
            "A tool installer downloaded in the build returned 404 Not Found",
            &[
                "Fix the installer URL (it moved or was retired) and pin the tool version instead of piping a script from a branch",
            ],
        ),
        "go_too_old" => t(
            "The build's Go is older than the module requires",
            &[
                "Install the Go version go.mod names (runtime-versions in the buildspec or a newer image); on Go 1.21 or later, GOTOOLCHAIN=auto lets go fetch it",
            ],
        ),
        "sam_binary_validation" => t(
            "sam build found no interpreter in the image matching a function's runtime",
            &[
                "Select the function's runtime version in the buildspec (runtime-versions) or build with --use-container",
            ],
        ),
        "old_node_syntax" => t(
            "The build's Node.js is too old for a dependency's syntax (?? or ?.)",
            &[
                "Select Node.js 18 or later (runtime-versions in the buildspec, or a newer image) and pin the tool versions",
            ],
        ),
        "tool_runtime_unsupported" => t(
            "A deployment tool in the build image is older than the Lambda runtime the template names",
            &[
                "Install a current SAM CLI / framework version in the install phase, or use a newer build image",
                "If the runtime is retired (python2.7, nodejs12.x...), move the function to a supported runtime",
            ],
        ),
        "image_locale" => t(
            "The build image's locale is ASCII, so a tool failed to read UTF-8 text",
            &[
                "Set a UTF-8 locale in the build (for example LC_ALL=C.UTF-8 and LANG=C.UTF-8 in the buildspec env)",
            ],
        ),
        "os_packages" => t(
            "OS packages could not be installed",
            &[
                "Check the package names for the image's distribution; retry if the mirror was unavailable",
            ],
        ),
        "python_tests" => t(
            "Python tests failed",
            &["Fix the failing tests shown in the summary (or the code they test)"],
        ),
        "js_tests" => t(
            "JavaScript tests failed",
            &["Fix the failing tests shown in the summary (or the code they test)"],
        ),
        "go_tests" => t(
            "Go tests failed",
            &["Fix the failing tests shown (go test ./... locally)"],
        ),
        "jvm_tests" => t(
            "JVM tests failed",
            &["Fix the failing tests; the surefire/gradle reports name them"],
        ),
        "other_tests" => t(
            "Tests failed",
            &["Fix the failing tests shown in the summary"],
        ),
        "linters" => t(
            "A linter or formatter check failed",
            &["Run the linter/formatter locally and commit the fixes"],
        ),
        "scanners" => t(
            "A security or policy scanner reported findings",
            &["Fix the findings, or suppress each accepted one with its reason"],
        ),
        "unresolved_variables" => t(
            "The action references pipeline variables that no earlier action produced",
            &[
                "Check each #{Namespace.Variable} in the action configuration names a namespace set on an earlier action that outputs that variable",
            ],
        ),
        "smoke_test" => t(
            "A smoke test failed",
            &["Check the endpoint the test calls and the deployment it tests"],
        ),
        "command_failed" => t(
            "A build command failed; the log does not say why",
            &["Open the build log at the failing command and read the lines above it"],
        ),
        "appspec" => t(
            "The AppSpec file is missing, misplaced or invalid",
            &[
                "Put appspec.yml at the root of the revision bundle and check its files/hooks sections name paths that exist",
            ],
        ),
        "hook_stderr" => t(
            "A deployment hook script ran and failed (its stderr is quoted)",
            &[
                "Read the quoted stderr: fix the script or install what it calls on the instance (for example a package manager the AMI lacks)",
            ],
        ),
        "hook_path_absolute" => t(
            "An AppSpec hook names an absolute script path; hook locations are relative to the revision root",
            &[
                "Put the script in the revision and name it relative to the bundle root (for example scripts/stop.sh) in appspec.yml",
            ],
        ),
        "script_missing" => t(
            "A lifecycle hook script named in the AppSpec file does not exist on the instance",
            &[
                "Fix the script path in appspec.yml or add the script to the revision",
                "If the hook is ApplicationStop, the previous revision's script is run: redeploy with --ignore-application-stop-failures once",
            ],
        ),
        "script_failed" => t(
            "Deployment hook script {script} failed with exit code {code}",
            &[
                "Read the script's output in the deployment's lifecycle event log (or /opt/codedeploy-agent/deployment-root/deployment-logs on the instance)",
                "Run the script by hand on an instance to reproduce",
            ],
        ),
        "agent" => t(
            "The CodeDeploy agent is not running, cannot reach CodeDeploy or cannot authenticate",
            &[
                "Check the agent is installed and running (systemctl status codedeploy-agent)",
                "Check the instance profile and the instance's route to the CodeDeploy endpoints",
            ],
        ),
        "file_conflict" => t(
            "The deployment found files already present at the destination",
            &[
                "Set file_exists_behavior (OVERWRITE/RETAIN) in the AppSpec or the deployment, or clean the destination",
            ],
        ),
        "beanstalk_health" => t(
            "Elastic Beanstalk instances failed their health checks after the new version went out",
            &[
                "Read the environment's events and the instance logs (eb logs) for why the application does not answer",
                "Check the health check URL and the application's start-up on the new version",
            ],
        ),
        "health_constraints" => t(
            "Too few instances deployed successfully (HEALTH_CONSTRAINTS)",
            &[
                "Open the deployment's instances and read the first failed lifecycle event",
                "Check the CodeDeploy agent runs on the instances",
            ],
        ),
        "ecs_unhealthy" => t(
            "New tasks or targets failed health checks and did not stabilize",
            &[
                "Read the ECS service events and the stopped tasks' reasons and container logs",
                "Check the health check path, port and grace period",
            ],
        ),
        "alarm_rollback" => t(
            "A CloudWatch alarm stopped the deployment and rolled it back",
            &[
                "Look at the alarm's metric during the deployment: fix the regression, or the alarm if it fired on noise",
            ],
        ),
        "stack_status" => t(
            "The CloudFormation stack operation failed",
            &[
                "Read the stack's first CREATE_FAILED/UPDATE_FAILED event; a stack in ROLLBACK_COMPLETE must be deleted before it can be created again",
            ],
        ),
        "template_validation" => t(
            "CloudFormation rejected the template or its parameters",
            &[
                "Validate the template and parameters (cfn-lint, aws cloudformation validate-template) and fix the named item",
            ],
        ),
        "stack_cascade" => t(
            "A CloudFormation resource was cancelled after another resource failed",
            &["Look for the first CREATE_FAILED/UPDATE_FAILED event in the stack"],
        ),
        "ecs_image_placeholder" => t(
            "The ECS blue/green action's image placeholders do not match its configuration and input artifacts",
            &[
                "For each IMAGE<N>_NAME in taskdef.json set Image<N>ArtifactName and Image<N>ContainerName in the action, and pass that artifact as an input",
            ],
        ),
        "ecs_container_missing" => t(
            "The image definitions file is missing, invalid or names the wrong container",
            &[
                "Write imagedefinitions.json (standard ECS) or imageDetail.json (blue/green) in the build, with the container name of the task definition",
            ],
        ),
        "ecs_artifact_read" => t(
            "The task definition or AppSpec file could not be read from its artifact (missing, or artifact over 3 MB)",
            &[
                "Check the file is in the artifact",
                "Keep the artifact under 3 MB: feed taskdef.json/appspec.yaml from a small build output",
            ],
        ),
        "ecs_artifact_over_3mb" => t(
            "The ECS blue/green input artifact is larger than the 3 MB the action reads",
            &[
                "Feed taskdef.json and appspec.yaml from a small build output artifact instead of the whole source",
            ],
        ),
        "lambda_no_result" => t(
            "The Lambda action's function did not report a result to CodePipeline",
            &[
                "Make the function call PutJobSuccessResult/PutJobFailureResult on every path",
                "Allow its role codepipeline:PutJobSuccessResult and PutJobFailureResult",
            ],
        ),
        "lambda_runtime" => t(
            "The Lambda action's function failed or timed out",
            &["Read the function's CloudWatch logs for the invocation"],
        ),
        "approval_rejected_by" => t(
            "{who} rejected the manual approval at {when}",
            &[
                "Read the reviewer's comment (quoted below), address it, and release the change again",
                "A rejection is a decision, not a fault: nothing in the pipeline needs repair",
            ],
        ),
        "approval_expired_after" => t(
            "The manual approval expired after {waited} without a response",
            &[
                "Retry the stage to ask again; the approval reminders announce waiting approvals before they expire",
                "If reviews take longer, raise the action's timeoutInMinutes (up to 86,400)",
            ],
        ),
        "approval_rejected" => t(
            "A reviewer rejected the manual approval",
            &["Read the reviewer's comment, address it, and release the change again"],
        ),
        "approval_expired" => t(
            "The manual approval expired without a response",
            &["Retry the stage to ask again; set up approval notifications or a longer timeout"],
        ),
        _ => return None,
    })
}

pub(super) fn category(c: Category) -> Text {
    match c {
        Category::SourceBranchNotFound => t(
            "The source branch does not exist",
            &["Create the branch or fix BranchName in the source action"],
        ),
        Category::SourceRepoNotFoundOrAccess => t(
            "The source repository is missing or its credentials cannot read it",
            &["Check the repository name and the source credentials"],
        ),
        Category::SourceConnectionUnavailable => t(
            "The source connection is not available",
            &["Check the connection status and its app installation"],
        ),
        Category::IamPermission => t(
            "A role lacks a permission or trust relationship",
            &["Find the role and action denied and grant it (IAM policy simulator, CloudTrail)"],
        ),
        Category::ArtifactStoreAccess => t(
            "The artifact bucket or object cannot be reached",
            &["Check the artifact bucket exists, is in the pipeline's Region, and allows the role"],
        ),
        Category::ArtifactKms => t(
            "The artifact KMS key cannot be used",
            &["Check the key is enabled and its key policy allows the role"],
        ),
        Category::ThrottlingOrServiceError => t("A transient service error", &["Retry the stage"]),
        Category::QuotaOrLimit => t(
            "A service limit was reached",
            &["Request a quota increase or reduce size/concurrency"],
        ),
        Category::ActionConfigInvalid => t(
            "The action configuration is invalid",
            &["Fix the action configuration"],
        ),
        Category::BuildspecError => t(
            "The buildspec is missing or invalid",
            &["Fix the buildspec"],
        ),
        Category::BuildCommandFailed => t(
            "A build command failed",
            &["Read the build log above the failing command"],
        ),
        Category::BuildTestFailure => t(
            "Tests or checks in the build failed",
            &["Fix the failing tests or checks"],
        ),
        Category::BuildCompileError => t("Compilation failed", &["Fix the compiler errors"]),
        Category::BuildDependencyError => t(
            "Dependencies could not be installed or resolved",
            &["Pin dependency and runtime versions and commit lock files"],
        ),
        Category::BuildOutOfMemory => t(
            "The build ran out of memory",
            &["Use a larger compute type or reduce memory use"],
        ),
        Category::BuildTimeout => t("The build timed out", &["Find the step that stalls"]),
        Category::BuildEnvironment => t(
            "The build environment failed (image, Docker, disk or network)",
            &["Check the project's image, privileged mode, VPC and disk"],
        ),
        Category::BuildConfigError => t(
            "The build project's configuration is incomplete",
            &["Check the project's environment variables, parameters and secrets"],
        ),
        Category::BuildArtifactsMissing => t(
            "Expected files are missing",
            &["Check artifact paths and that the files are committed or produced"],
        ),
        Category::AppspecError => t(
            "The AppSpec file is missing or invalid",
            &["Fix appspec.yml at the revision root"],
        ),
        Category::DeployScriptFailed => t(
            "A deployment hook script failed",
            &["Read the lifecycle event log of the failed hook"],
        ),
        Category::DeployHealth => t(
            "Deployed instances or tasks are unhealthy",
            &["Read the failed instances' lifecycle events or the ECS service events"],
        ),
        Category::DeployAlarmRollback => t(
            "An alarm rolled the deployment back",
            &["Check the alarm's metric during the deployment"],
        ),
        Category::DeployAgent => t(
            "The CodeDeploy agent is not working",
            &["Check the agent runs and can reach CodeDeploy with the instance profile"],
        ),
        Category::DeployFileConflict => t(
            "Files already exist at the deployment destination",
            &["Set file_exists_behavior or clean the destination"],
        ),
        Category::CloudformationStackFailure => t(
            "The CloudFormation action failed",
            &["Read the stack's first failed event"],
        ),
        Category::EcsDeployConfig => t(
            "The ECS image definitions are wrong",
            &["Fix imagedefinitions.json / imageDetail.json"],
        ),
        Category::LambdaActionError => t(
            "The Lambda action did not return a result",
            &["Check the function's logs and its PutJob*Result calls"],
        ),
        Category::ApprovalRejected => t(
            "The manual approval was rejected",
            &["Read the reviewer's comment and release again"],
        ),
        Category::ApprovalTimeout => t(
            "The manual approval expired",
            &["Retry the stage; notify approvers earlier"],
        ),
        Category::Unknown => t(
            "No known failure signature in the evidence",
            &[
                "Attach the failed action's full error message and the log of the build/deployment it ran",
            ],
        ),
    }
}

pub(super) fn check(kind: CheckKind) -> &'static str {
    match kind {
        CheckKind::BranchExists => "does the configured branch exist in the repository?",
        CheckKind::RepositoryReadable => {
            "does the repository exist, and can the pipeline's credentials read it?"
        }
        CheckKind::ConnectionAvailable => "is the connection AVAILABLE?",
        CheckKind::RolePermits => "does an IAM simulation allow the role the denied action?",
        CheckKind::ArtifactBucketReachable => {
            "does the artifact bucket exist in the pipeline's Region, readable by the role?"
        }
        CheckKind::ArtifactKeyUsable => {
            "is the artifact KMS key enabled, with the role in its key policy?"
        }
        CheckKind::ArtifactWithinSizeLimit => {
            "is the input artifact within the action's size limit?"
        }
        CheckKind::ConfiguredResourceExists => {
            "does the resource the action configuration names exist?"
        }
        CheckKind::DeploymentAgentReachable => {
            "did the CodeDeploy agent on the targets poll for and run lifecycle events?"
        }
        CheckKind::TargetsHealthy => {
            "did the deployment's instances or tasks pass their health checks?"
        }
    }
}

pub(super) fn missing_logs(family: Family) -> &'static str {
    match family {
        Family::Build => {
            "Provide the CodeBuild log (the lines above the failing phase) and the phase context"
        }
        Family::CodeDeploy | Family::EcsBlueGreen => {
            "Provide the deployment's errorInformation and the failed lifecycle event's diagnostics"
        }
        Family::CloudFormation => "Provide the stack's first CREATE_FAILED/UPDATE_FAILED event",
        Family::Source => {
            "Provide the source action's configuration (branch, repository, connection)"
        }
        _ => "Provide the failed action's provider and its log",
    }
}

//! One example per signature (a signature without one fails `every_signature_has_an_example`),
//! plus the engine's behaviours: cascades, umbrellas, ambiguity, checks, bad input.

use super::*;
use crate::category::Category::*;
use crate::evidence::{Check, Failure, LogLine};

/// (signature id, provider, message, log lines, expected first category)
type Example = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Category,
);

const CB: &str = "CodeBuild";
const CD: &str = "CodeDeploy";

#[rustfmt::skip]
const EXAMPLES: &[Example] = &[
    ("repo_id_format", "CodeStarSourceConnection (Bitbucket)", "[Bitbucket] No Branch [develop] found for FullRepositoryName [billing-service]", "", ActionConfigInvalid),
    ("connection_no_branch", "CodeStarSourceConnection (GitHub)", "[GitHub] No Branch [release/2.4] found for FullRepositoryName [acme/payments]", "", SourceBranchNotFound),
    ("codecommit_no_branch", "CodeCommit", "The action failed because no branch named develop was found in the selected AWS CodeCommit repository orders-api. Make sure you are using the correct branch name, and then try again.", "", SourceBranchNotFound),
    ("branch_missing", "CodeCommit", "BranchDoesNotExistException: Branch feature/x does not exist in repository shop", "", SourceBranchNotFound),
    ("github_token_invalid", "GitHub", "Could not access the GitHub repository: \"infra-live\". The access token might be invalid or has been revoked.", "", SourceRepoNotFoundOrAccess),
    ("github_repo_or_branch", "GitHub", "The GitHub repository \"acme/old-name\" or branch \"main\" does not exist.", "", SourceRepoNotFoundOrAccess),
    ("webhook_registration", "GitHub", "Webhook could not be registered with GitHub. Error cause: Not found [StatusCode: 404, Body: {\"message\":\"Not Found\"}] (Service: AWSCodePipeline; Status Code: 400; Error Code: ValidationException)", "", SourceRepoNotFoundOrAccess),
    ("source_authorization", CB, "CLIENT_ERROR: authorization failed for primary source and source version 4f1c2e9", "", IamPermission),
    ("repo_missing", "CodeCommit", "RepositoryDoesNotExistException: Repository named legacy-web does not exist", "", SourceRepoNotFoundOrAccess),
    ("codecommit_access", "CodeCommit", "Could not access the CodeCommit repository orders. Make sure that the pipeline IAM role has sufficient permissions to access the repository.", "", IamPermission),
    ("connection_state", "CodeStarSourceConnection (GitLab)", "Connection arn:aws:codeconnections:eu-west-1:111122223333:connection/abc is in ERROR state", "", SourceConnectionUnavailable),
    ("connection_missing", "CodeStarSourceConnection (GitHub)", "The connection arn:aws:codestar-connections:us-east-1:111122223333:connection/9f was not found", "", SourceConnectionUnavailable),
    ("connection_app", "CodeStarSourceConnection (GitHub)", "The GitHub App for this connection is not installed for repository acme/api", "", SourceConnectionUnavailable),
    ("connection_use_denied", "CodeStarSourceConnection", "Unable to use Connection: the role is not authorized to perform codeconnections:UseConnection", "", IamPermission),
    ("not_authorized", CB, "User: arn:aws:sts::111122223333:assumed-role/build/AWSCodeBuild-1 is not authorized to perform: ecr:InitiateLayerUpload on resource: arn:aws:ecr:eu-west-1:111122223333:repository/app", "", IamPermission),
    ("policy_evaluation", "CloudFormation", "Resource handler returned message: \"access denied with an explicit deny in a service control policy\"", "", IamPermission),
    ("assume_role", "CodeDeploy", "CodePipeline is not authorized to perform AssumeRole on role arn:aws:iam::111122223333:role/deploy-role", "", IamPermission),
    ("insufficient_permissions", "ECS", "Insufficient permissions: the provided role does not have the permissions required to call ecs:RegisterTaskDefinition", "", IamPermission),
    ("get_bucket_acl", CB, "CLIENT_ERROR: Error calling GetBucketAcl: Either the bucket owner has changed or the service role no longer has permission to called s3:GetBucketAcl", "", IamPermission),
    ("access_denied", "", "An error occurred (AccessDenied) when calling the DescribeStacks operation", "", IamPermission),
    ("s3_no_such_key", "CodeDeploy (EC2)", "The deployment failed because the revision could not be found: NoSuchKey", "", ArtifactStoreAccess),
    ("s3_no_such_bucket", "S3", "Error: NoSuchBucket: The specified bucket does not exist", "", ArtifactStoreAccess),
    ("s3_wrong_region", CB, "PermanentRedirect: The bucket you are attempting to access must be addressed using the specified endpoint.", "", ArtifactStoreAccess),
    ("s3_denied", "CloudFormation", "Template could not be read: Amazon S3:AccessDenied:Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied)", "", ArtifactStoreAccess),
    ("s3_download_denied", CB, "CLIENT_ERROR: AccessDenied: Access Denied status code: 403, request id: ABCD for primary source and source version arn:aws:s3:::artifacts/app.zip", "", IamPermission),
    ("artifact_upload", CB, "UPLOAD_ARTIFACTS | Failed | CLIENT_ERROR: Failed to upload artifacts: Invalid arn", "", ArtifactStoreAccess),
    ("bare_internal_error", "", "InternalError", "", ArtifactStoreAccess),
    ("artifact_unavailable", "CodeDeploy", "Unable to download the input artifact from the artifact store", "", ArtifactStoreAccess),
    ("kms_key_state", "", "KMS.DisabledException: arn:aws:kms:us-east-1:111122223333:key/1234 is disabled.", "", ArtifactKms),
    ("kms_denied", CB, "CLIENT_ERROR: AccessDeniedException: User is not authorized to perform: kms:Decrypt on the resource associated with this ciphertext because the resource does not exist in this Region, no resource-based policies allow access", "", ArtifactKms),
    ("throttling", "CloudFormation", "Rate exceeded (Service: AmazonCloudFormation; Status Code: 400; Error Code: Throttling)", "", ThrottlingOrServiceError),
    ("service_error", CB, "ServiceUnavailable: Service is unable to handle request", "", ThrottlingOrServiceError),
    ("pull_transient", CB, "BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE: Unable to pull customer's container image. CannotPullContainerError: Get https://public.ecr.aws/v2/: net/http: TLS handshake timeout", "", ThrottlingOrServiceError),
    ("network_transient", CB, "Build terminated with state: FAILED", "Get \"https://proxy.golang.org/github.com/x/y/@v/v1.2.0.zip\": read tcp 10.0.0.4:4432->142.250.1.1:443: read: connection reset by peer", ThrottlingOrServiceError),
    ("quota", "CodeDeployToECS", "LimitExceededException: Too many concurrent deployments", "", QuotaOrLimit),
    ("codebuild_env_size", CB, "PROVISIONING: CodeBuild is experiencing an issue", "", QuotaOrLimit),
    ("ca_certificates", CB, "Build terminated with state: FAILED", "pip._vendor.urllib3.exceptions.SSLError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate", BuildEnvironment),
    ("project_certificate", CB, "PROVISIONING: Unable to download certificate from S3. AccessDenied", "", BuildConfigError),
    ("gradle_compile_task", CB, "Build terminated with state: FAILED", "Execution failed for task ':app:compileKotlin'.", BuildCompileError),
    ("terraform_versions", CB, "Build terminated with state: FAILED", "Error: Inconsistent dependency lock file\nThe following dependency selections recorded in the lock file are inconsistent with the current configuration", BuildDependencyError),
    ("system_libraries", CB, "Build terminated with state: FAILED", "src/native.c:1:10: fatal error: libxml/parser.h: No such file or directory", BuildDependencyError),
    ("node_module_missing", CB, "Build terminated with state: FAILED", "Error: Cannot find module 'aws-cdk-lib'\nRequire stack:\n- /codebuild/output/src1/src/bin/app.js", BuildDependencyError),
    ("dns_failure", CB, "Build terminated with state: FAILED", "fatal: unable to access 'https://github.com/acme/lib.git/': Could not resolve host: github.com", BuildEnvironment),
    ("no_credentials", CB, "Build terminated with state: FAILED", "An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired", IamPermission),
    ("source_upload", "CodeStarSourceConnection (Bitbucket)", "[Bitbucket] Upload to S3 failed with the following error: Access Denied", "", ArtifactStoreAccess),
    ("s3_object_missing", "S3", "The object with key 'releases/app.zip' does not exist in bucket 'releases'", "", ArtifactStoreAccess),
    ("image_tag_missing", "ECR", "The image tag 'stable' does not exist in repository base-images", "", SourceBranchNotFound),
    ("not_bootstrapped", CB, "Build terminated with state: FAILED", "Prod: SSM parameter /cdk-bootstrap/hnb659fds/version not found. Has the environment been bootstrapped? Please run 'cdk bootstrap'", BuildConfigError),
    ("registry_repository_missing", CB, "Build terminated with state: FAILED", "An error occurred (RepositoryNotFoundException) when calling the PutImage operation", BuildConfigError),
    ("env_lookup_failed", CB, "Build terminated with state: FAILED", "    url = os.environ['SERVICE_URL']\nKeyError: 'SERVICE_URL'", BuildConfigError),
    ("ecr_token_expired", CB, "Build terminated with state: FAILED", "denied: Your authorization token has expired. Reauthenticate and try again.", BuildEnvironment),
    ("task_placement", "ECS", "Deployment failed", "service web was unable to place a task because no container instance met all of its requirements", DeployHealth),
    ("load_balancer_config", CD, "The ELB could not be updated due to the following error: Primary taskset target group must be behind listener", "", ActionConfigInvalid),
    ("over_maximum", "CloudFormation", "Template format error: Number of resources, 512, is greater than the maximum allowed, 500", "", QuotaOrLimit),
    ("docker_context_missing", CB, "Build terminated with state: FAILED", "COPY failed: file not found in build context or excluded by .dockerignore: stat build/libs/app.jar: file does not exist", BuildArtifactsMissing),
    ("appspec_yaml", CD, "Error during perform: Psych::SyntaxError - (<unknown>): mapping values are not allowed in this context at line 4 column 9", "", AppspecError),
    ("action_config", "ECS", "Invalid action configuration", "", ActionConfigInvalid),
    ("action_config_value", "", "Action configuration for action 'Deploy' contains an invalid configuration for the secret property \"OAuthToken\".", "", ActionConfigInvalid),
    ("configured_resource_missing", CB, "Error calling startBuild: Project cannot be found: arn:aws:codebuild:us-east-1:111122223333:project/renamed", "", ActionConfigInvalid),
    ("yaml_file_error", CB, "Build terminated with state: FAILED. Phase: DOWNLOAD_SOURCE, Code: YAML_FILE_ERROR, Message: yaml: line 7: did not find expected '-' indicator", "", BuildspecError),
    ("buildspec_missing", CB, "Build terminated with state: FAILED", "open /codebuild/output/src1/src/ci/buildspec-prod.yml: no such file or directory -- buildspec not found", BuildspecError),
    ("buildspec_runtime", CB, "Phase complete: INSTALL State: FAILED", "[Container] Phase context status code: Message: Unknown runtime version named '21' of java. This build image has the following versions: corretto11, corretto17", BuildspecError),
    ("buildspec_invalid", CB, "Build terminated with state: FAILED", "Invalid buildspec: yaml: mapping values are not allowed in this context", BuildspecError),
    ("exit_137", CB, "COMMAND_EXECUTION_ERROR: Error while executing command: ./gradlew build. Reason: exit status 137", "", BuildOutOfMemory),
    ("killed_line", CB, "Build terminated with state: FAILED", "> webpack --mode production\nKilled\nnpm ERR! code ELIFECYCLE", BuildOutOfMemory),
    ("heap_exhausted", CB, "Build terminated with state: FAILED", "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space", BuildOutOfMemory),
    ("container_dead", CB, "Build container found dead before completing the build. Build container died because it was out of memory, or the Docker image is not supported.", "", BuildOutOfMemory),
    ("build_timed_out", CB, "Build terminated with state: TIMED_OUT", "", BuildTimeout),
    ("exit_143", CB, "Error while executing command: npm run e2e. Reason: exit status 143", "", BuildTimeout),
    ("build_hang", CB, "Build step `terraform apply` taking too long", "", BuildTimeout),
    ("npx_prompt", CB, "Build terminated with state: TIMED_OUT", "Need to install the following packages:\n  aws-cdk@2.150.0\nOk to proceed? (y)", BuildDependencyError),
    ("docker_rate_limit", CB, "Build terminated with state: FAILED", "ERROR: failed to solve: python:3.12-slim: failed to resolve source metadata: toomanyrequests: You have reached your unauthenticated pull rate limit.", BuildEnvironment),
    ("docker_daemon", CB, "Build terminated with state: FAILED", "ERROR: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?", BuildEnvironment),
    ("image_pull", CB, "BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE: Unable to pull customer's container image. CannotPullContainerError: Error response from daemon: manifest for node:99 not found", "", BuildEnvironment),
    ("task_image_pull", "ECS", "Deployment failed", "stopped: CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 111122223333.dkr.ecr.us-east-1.amazonaws.com/app:abc", DeployHealth),
    ("disk_full", CB, "Build terminated with state: FAILED", "write /var/lib/docker/tmp/GetImageBlob123: no space left on device", BuildEnvironment),
    ("vpc_network", "CodeBuild (VPC)", "CLIENT_ERROR: RequestError: send request failed caused by: Get \"https://codepipeline-artifacts.s3.amazonaws.com/\": dial tcp 52.216.1.1:443: i/o timeout for primary source", "", BuildEnvironment),
    ("exec_format", CB, "Build terminated with state: FAILED", "standard_init_linux.go:228: exec user process caused: exec format error", BuildEnvironment),
    ("command_not_found", CB, "COMMAND_EXECUTION_ERROR: Error while executing command: terraform init. Reason: exit status 127", "/codebuild/output/tmp/script.sh: line 4: terraform: command not found", BuildEnvironment),
    ("env_var_unset", CB, "Build terminated with state: FAILED", "./deploy.sh: line 12: STAGE_BUCKET: unbound variable", BuildConfigError),
    ("decrypted_variables", CB, "Build terminated with state: FAILED. Phase: DOWNLOAD_SOURCE, Code: Decrypted Variables Error, Message: parameter does not exist: /app/prod/api-url", "", BuildConfigError),
    ("decrypting_variables", CB, "Build terminated with state: FAILED", "[Container] Processing environment variables\n[Container] Decrypting parameter store environment variables", IamPermission),
    ("invalid_reference", CB, "Build terminated with state: FAILED", "invalid argument \"/app:latest\" for \"-t, --tag\" flag: invalid reference format", BuildConfigError),
    ("image_ref_from_variables", CB, "COMMAND_EXECUTION_ERROR: Error while executing command: docker push $REPOSITORY_URI:$IMAGE_TAG. Reason: exit status 1", "", BuildConfigError),
    ("no_matching_artifacts", CB, "CLIENT_ERROR: no matching artifact paths found", "", BuildArtifactsMissing),
    ("file_not_in_artifact", "CloudFormation", "File [templates/packaged.yaml] does not exist in artifact [BuildArtifact]", "", BuildArtifactsMissing),
    ("source_file_missing", CB, "Build terminated with state: FAILED", "Error: ENOENT: no such file or directory, open '/codebuild/output/src998/src/config/prod.json'", BuildArtifactsMissing),
    ("file_missing", CB, "Build terminated with state: FAILED", "FileNotFoundError: [Errno 2] No such file or directory: 'dist/manifest.json'", BuildArtifactsMissing),
    ("typescript", CB, "Build terminated with state: FAILED", "src/handler.ts(42,7): error TS2322: Type 'string' is not assignable to type 'number'.", BuildCompileError),
    ("jvm_compile", CB, "Build terminated with state: FAILED", "[ERROR] /codebuild/output/src1/src/App.java:[12,8] error: cannot find symbol\n[ERROR] COMPILATION ERROR :", BuildCompileError),
    ("rust_compile", CB, "Build terminated with state: FAILED", "error[E0308]: mismatched types\nerror: could not compile `api` (bin \"api\") due to 1 previous error", BuildCompileError),
    ("go_compile", CB, "Build terminated with state: FAILED", "# example.com/api/handlers\nhandlers/user.go:31:9: undefined: db", BuildCompileError),
    ("dotnet_compile", CB, "Build terminated with state: FAILED", "Program.cs(14,13): error CS0103: The name 'config' does not exist in the current context", BuildCompileError),
    ("c_compile", CB, "Build terminated with state: FAILED", "src/parser.c:88:5: error: implicit declaration of function 'parse_line'", BuildCompileError),
    ("python_syntax", CB, "Build terminated with state: FAILED", "  File \"app/main.py\", line 10\nSyntaxError: invalid syntax", BuildCompileError),
    ("js_bundle", CB, "Build terminated with state: FAILED", "Failed to compile.\n./src/App.js\nModule not found: Error: Can't resolve './components/Header'", BuildCompileError),
    ("type_checker", CB, "Build terminated with state: FAILED", "Found 3 errors in 2 files (checked 41 source files)", BuildCompileError),
    ("npm_resolution", CB, "Build terminated with state: FAILED", "npm ERR! code ETARGET\nnpm ERR! notarget No matching version found for react-dom@19.9.0.", BuildDependencyError),
    ("yarn_resolution", CB, "Build terminated with state: FAILED", "error Your lockfile needs to be updated, but yarn was run with `--frozen-lockfile`.", BuildDependencyError),
    ("pnpm_resolution", CB, "Build terminated with state: FAILED", " ERR_PNPM_OUTDATED_LOCKFILE  Cannot install with \"frozen-lockfile\" because pnpm-lock.yaml is not up to date", BuildDependencyError),
    ("pip_resolution", CB, "Build terminated with state: FAILED", "ERROR: Could not find a version that satisfies the requirement numpy==3.0.0\nERROR: No matching distribution found for numpy==3.0.0", BuildDependencyError),
    ("python_import", CB, "Build terminated with state: FAILED", "ModuleNotFoundError: No module named 'boto3'", BuildDependencyError),
    ("poetry_resolution", CB, "Build terminated with state: FAILED", "Because app depends on pydantic (^3.0) which doesn't match any versions, version solving failed.", BuildDependencyError),
    ("maven_resolution", CB, "Build terminated with state: FAILED", "[ERROR] Failed to execute goal on project api: Could not resolve dependencies for project com.acme:api:jar:1.0", BuildDependencyError),
    ("gradle_resolution", CB, "Build terminated with state: FAILED", "> Could not resolve all files for configuration ':app:compileClasspath'.\n   > Could not find com.acme:lib:2.1.0.", BuildDependencyError),
    ("cargo_resolution", CB, "Build terminated with state: FAILED", "error: failed to select a version for the requirement `tokio = \"^9\"`", BuildDependencyError),
    ("go_modules", CB, "Build terminated with state: FAILED", "main.go:5:2: missing go.sum entry for module providing package github.com/gin-gonic/gin", BuildDependencyError),
    ("ruby_php_dotnet_resolution", CB, "Build terminated with state: FAILED", "Your requirements could not be resolved to an installable set of packages.", BuildDependencyError),
    ("toolchain_drift", CB, "Build terminated with state: FAILED", "Error: error:0308010C:digital envelope routines::unsupported", BuildDependencyError),
    ("os_packages", CB, "Build terminated with state: FAILED", "E: Unable to locate package libvips-dev", BuildDependencyError),
    ("python_tests", CB, "Build terminated with state: FAILED", "FAILED tests/test_api.py::test_login - assert 401 == 200\n========= 1 failed, 57 passed in 3.21s =========", BuildTestFailure),
    ("js_tests", CB, "Build terminated with state: FAILED", "Test Suites: 1 failed, 12 passed, 13 total\nTests:       2 failed, 140 passed, 142 total", BuildTestFailure),
    ("go_tests", CB, "Build terminated with state: FAILED", "--- FAIL: TestCreateUser (0.01s)\n    user_test.go:44: got 500, want 201\nFAIL", BuildTestFailure),
    ("jvm_tests", CB, "Build terminated with state: FAILED", "[ERROR] Tests run: 84, Failures: 2, Errors: 0, Skipped: 1", BuildTestFailure),
    ("other_tests", CB, "Build terminated with state: FAILED", "test result: FAILED. 41 passed; 1 failed; 0 ignored", BuildTestFailure),
    ("linters", CB, "Build terminated with state: FAILED", "✖ 7 problems (5 errors, 2 warnings)", BuildTestFailure),
    ("scanners", CB, "Build terminated with state: FAILED", "Passed checks: 40, Failed checks: 3, Skipped checks: 0\nCheck: CKV_AWS_18: \"Ensure the S3 bucket has access logging enabled\"", BuildTestFailure),
    ("smoke_test", CB, "Build terminated with state: FAILED", "curl: (22) The requested URL returned error: 503", BuildTestFailure),
    ("command_failed", CB, "COMMAND_EXECUTION_ERROR: Error while executing command: ./scripts/release.sh. Reason: exit status 1", "", BuildCommandFailed),
    ("appspec", CD, "The deployment failed because the AppSpec file that specifies the deployment configuration is missing or has an invalid path.", "", AppspecError),
    ("script_missing", CD, "Script does not exist at specified location: /opt/codedeploy-agent/deployment-root/x/d-1/deployment-archive/bin/start.sh", "", DeployScriptFailed),
    ("script_failed", CD, "Script at specified location: scripts/validate.sh run as user ec2-user failed with exit code 3", "", DeployScriptFailed),
    ("agent", CD, "The overall deployment failed because too many individual instances failed deployment", "2024-03-01 10:00:00 ERROR [codedeploy-agent(1234)]: InstanceAgent::Plugins::CodeDeployPlugin::CommandPoller: Cannot reach InstanceService: Aws::Errors::MissingCredentialsError", DeployAgent),
    ("file_conflict", CD, "The deployment failed because a specified file already exists at this location: /var/www/html/index.html", "", DeployFileConflict),
    ("health_constraints", CD, "Deployment d-ABC123 failed: HEALTH_CONSTRAINTS", "", DeployHealth),
    ("ecs_unhealthy", "ECS", "Service deployment failed: tasks failed to start", "service api (port 8080) is unhealthy in target-group api-tg due to (reason Health checks failed)", DeployHealth),
    ("alarm_rollback", "CodeDeployToECS", "Deployment d-XYZ stopped: ALARM_ACTIVE", "", DeployAlarmRollback),
    ("stack_status", "CloudFormation", "Stack app-prod is in UPDATE_ROLLBACK_COMPLETE state", "", CloudformationStackFailure),
    ("template_validation", "CloudFormation", "Template format error: Unresolved resource dependencies [ApiRole] in the Resources block of the template", "", CloudformationStackFailure),
    ("stack_cascade", "CloudFormation", "CREATE_FAILED AWS::Lambda::Function Handler Resource creation cancelled", "", CloudformationStackFailure),
    ("ecs_container_missing", "ECS", "Invalid action configuration: The AWS ECS container api does not exist", "", EcsDeployConfig),
    ("ecs_image_file", "ECS", "Invalid action configuration: could not read imagedefinitions.json from BuildOutput", "", EcsDeployConfig),
    ("ecs_artifact_read", "CodeDeployToECS", "Exception while trying to read the task definition artifact file from: SourceArtifact.", "", EcsDeployConfig),
    ("ecs_artifact_over_3mb", "CodeDeployToECS", "Exception while trying to read the task definition artifact file from: SourceArtifact.", "input artifact size 7.2 MB", QuotaOrLimit),
    ("lambda_no_result", "Lambda", "The AWS Lambda function smoke-tests failed to return a result. Check the function to verify that it has permission to call the PutJobSuccessResult action.", "", LambdaActionError),
    ("lambda_runtime", "Lambda", "Task timed out after 30.03 seconds", "", LambdaActionError),
    ("approval_rejected_by", "Manual", "Approval rejected by arn:aws:sts::111122223333:assumed-role/release-managers/alice at 2026-11-20T10:12:00Z: missing changelog", "", ApprovalRejected),
    ("approval_expired_after", "Manual", "Approval expired after 7d 0h unanswered (timeout 10080 minutes)", "", ApprovalTimeout),
    ("approval_rejected", "Manual", "Rejected by arn:aws:sts::111122223333:assumed-role/release-managers/alice: missing changelog", "", ApprovalRejected),
    ("approval_expired", "Manual", "The approval request expired after 7 days without a response", "", ApprovalTimeout),
    ("over_maximum", "CloudFormation", "Pipeline stage 'Deploy' has too many actions. There can only be up to 50 actions in a pipeline stage (Service: AWSCodePipeline; Status Code: 400; Error Code: InvalidStageDeclarationException)", "", QuotaOrLimit),
    ("over_maximum", "CloudFormation", "'templateBody' failed to satisfy constraint: Member must have length less than or equal to 51200", "", QuotaOrLimit),
    ("action_config_value", "CloudFormation", "Action execution failed\nConfiguration Property RoleArn should not be empty in current ActionMode", "", ActionConfigInvalid),
    ("action_config_value", "CloudFormation", "1 validation error detected: Value '{S3Bucket=releases, S3ObjectKey=}' at 'pipeline.stages.1.member.actions.1.member.configuration' failed to satisfy constraint: Map value must satisfy constraint", "", ActionConfigInvalid),
    ("appspec", CD, "The AppSpec file must be valid JSON or YAML The input AppSpec file is a not well-formed yaml.", "", AppspecError),
    ("appspec", CD, "BundleType must be either YAML or JSON", "", AppspecError),
    ("template_validation", "CloudFormation", "Failed to create ChangeSet on api: FAILED, Transform AWS::CodeDeployBlueGreen failed with: Failed to transform template.", "", CloudformationStackFailure),
    ("template_validation", "CloudFormation", "'BlueGreenHook' of type AWS::CodeDeploy::BlueGreen failed with message: The TaskDefinition logical Id [TaskDef] is the same between initial and final template", "", CloudformationStackFailure),
    ("agent", CD, "HEALTH_CONSTRAINTS", "Network error: Failed to open TCP connection to codedeploy-commands.eu-west-1.amazonaws.com:443 (execution expired)", DeployAgent),
    ("old_node_syntax", CB, "Build terminated with state: FAILED", "/codebuild/output/src1/src/node_modules/aws-cdk/lib/index.js:120\nconst home = (os.userInfo().homedir ?? os.homedir()).trim();\n                                     ^\nSyntaxError: Unexpected token '?'\n    at wrapSafe (internal/modules/cjs/loader.js:915:16)", BuildDependencyError),
    ("old_node_loader", CB, "Build terminated with state: FAILED", "/codebuild/output/src1/src/node_modules/pkg/index.js:3\n  opts.retries ??= 3;\nSyntaxError: Unexpected token '??='\n    at wrapSafe (internal/modules/cjs/loader.js:1001:16)", BuildDependencyError),
    ("tool_runtime_unsupported", CB, "Build terminated with state: FAILED", "Running command sam build\nBuilding resource 'Api'\nBuild Failed\nError: 'python3.12' runtime is not supported", BuildDependencyError),
    ("image_locale", CB, "Build terminated with state: FAILED", "| FAIL FATAL\n|\n| #<ArgumentError: invalid byte sequence in US-ASCII>\nFailures count: 1", BuildEnvironment),
    ("connection_use_denied", CB, "OAuthProviderException: User is not authorized to access connection arn:aws:codestar-connections:us-east-1:111122223333:connection/7d", "", IamPermission),
    ("codebuild_source_credentials", CB, "No Access token found, please visit AWS CodeBuild console to connect to GitHub (Service: AWSCodeBuild; Status Code: 400; Error Code: InvalidInputException)", "", SourceRepoNotFoundOrAccess),
    ("source_upload", "CodeCommit", "The process to upload the contents of the AWS CodeCommit repository failed", "", ArtifactStoreAccess),
    ("action_config_value", "S3", "No bucket with the name release-drops was found", "", ActionConfigInvalid),
    ("docker_too_old", CB, "Error while executing command: docker build -t app . Reason: exit status 1", "Step 1/9 : FROM ubuntu:latest\nmissing signature key", BuildEnvironment),
    ("source_host_certificate", CB, "Git clone failed: Unable to access 'https://git.example.com/app.git': SSL certificate problem: Self signed certificate", "", BuildConfigError),
    ("docker_context_missing", CB, "Error while executing command: docker build --tag app ./service. Reason: exit status 1", "unable to prepare context: path \"./service\" not found", BuildArtifactsMissing),
    ("scanners", CB, "Error while executing command: ./prowler -M json. Reason: exit status 3", "Command did not exit successfully ./prowler -M json exit status 3", BuildTestFailure),
    ("exit_137", CB, "The Command returned non-zero code: 137", "", BuildOutOfMemory),
    ("vpc_network", CB, "Error uploading artifacts: RequestError: send request failed caused by: Put https://drops.s3.eu-west-1.amazonaws.com/app.zip: dial tcp 52.219.96.208:443: connect: connection refused", "", BuildEnvironment),
    ("appspec", CD, "The specified source directory \"/home/ci/project\" does not contain an \"appspec.yml\" in the application root.", "", AppspecError),
    ("agent", CD, "Failed to start LSB: AWS CodeDeploy Host Agent.", "codedeploy-agent.service: Control process exited, code=exited status=126", DeployAgent),
    ("action_config", "CodeBuild", "Action configuration is missing 'ProjectName' configuration.", "", ActionConfigInvalid),
    ("artifact_replication", "CloudFormation", "Replication of artifact 'BuildOutput' failed: Failed replicating artifact from pipe-artifacts-use1 in us-east-1 to pipe-artifacts-euw1 in eu-west-1: Check source and destination artifact buckets exist and the pipeline role has permission to access it.", "", ArtifactKms),
    ("go_too_old", CB, "Build terminated with state: FAILED", "./main.go:12:20: time.Now().UnixMilli undefined (type time.Time has no field or method UnixMilli)\nnote: module requires Go 1.18", BuildDependencyError),
    ("sam_binary_validation", CB, "Error while executing command: sam build. Reason: exit status 1", "Building resource 'Worker'\nBuild Failed\nError: PythonPipBuilder:Validation - Binary validation failed for python, searched for python in following locations", BuildDependencyError),
    ("ecs_image_placeholder", "CodeDeployToECS", "Action configuration is missing 'Image2ContainerName' configuration.", "", EcsDeployConfig),
    ("hook_path_absolute", CD, "Script does not exist at specified location: /usr/local/deploy/stop.sh", "", AppspecError),
    ("beanstalk_health", "ElasticBeanstalk", "Environment health has transitioned from Ok to Severe. 100.0 % of the requests are failing with HTTP 5xx.", "", DeployHealth),
    ("runtime_not_installed", CB, "COMMAND_EXECUTION_ERROR: Error while executing command: mvn install. Reason: exit status 1", "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.8.1:compile (default-compile) on project api: Fatal error compiling: error: invalid target release: 17 -> [Help 1]", BuildDependencyError),
    ("runtime_not_installed", CB, "Build terminated with state: FAILED", "rbenv: version `3.2.2' is not installed (set by /codebuild/output/src1/src/.ruby-version)", BuildDependencyError),
    ("installer_download", CB, "Phase: INSTALL, Code: COMMAND_EXECUTION_ERROR, Message: Error while executing command: curl -sSL https://example.com/install.py | python -. Reason: exit status 1", "  File \"<stdin>\", line 1\n    404: Not Found\n    ^\nSyntaxError: illegal target for annotation", BuildDependencyError),
    ("kubernetes_unauthorized", CB, "Error while executing command: kubectl apply -f k8s/. Reason: exit status 1", "error: You must be logged in to the server (Unauthorized)", IamPermission),
    ("unresolved_variables", CB, "An action in this pipeline failed because one or more variables could not be resolved: Action name=Package.", "", ActionConfigInvalid),
    ("agent", CD, "UnknownError", "ERROR [codedeploy-agent(5748)]: InstanceAgent::Plugins::CodeDeployPlugin::CommandPoller: Error during perform: ArgumentError - string contains null byte", DeployAgent),
    ("artifact_bucket_validation", "CloudFormation", "An error occurred while validating the artifact bucket", "", ArtifactStoreAccess),
    ("throttling", CB, "git fetch failed with exit status 128: POST git-upload-pack (106 bytes)", "error: RPC failed; HTTP 429 curl 22 The requested URL returned error: 429\nfatal: the remote end hung up unexpectedly", ThrottlingOrServiceError),
    ("file_conflict", CD, "File already exists at location", "", DeployFileConflict),
    ("task_exec_format", "ECS", "exec /usr/local/bin/docker-entrypoint.sh: exec format error", "", DeployHealth),
    ("over_maximum", "ECS", "service web was unable to place a task. Reason: You've reached the limit on the number of tasks you can run concurrently", "", QuotaOrLimit),
    ("appspec", CD, "The deployment failed because an invalid version value (0.1) was entered in the application specification file.", "", AppspecError),
    ("agent", CD, "Error Code: UnknownError\nMessage: Failed: Failing in-progress lifecycle event after an agent restart.", "", DeployAgent),
    ("build_not_started", CB, "Build failed to start", "", QuotaOrLimit),
    ("parameter_does_not_exist", CB, "Parameter does not exist", "", IamPermission),
    ("hook_stderr", CD, "LifecycleEvent - BeforeInstall\nScript - scripts/install_dependencies\n[stderr]/opt/codedeploy-agent/deployment-root/b8/d-J3/deployment-archive/scripts/install_dependencies: line 2: yum: command not found", "", DeployScriptFailed),
    ("installer_404_body", CB, "Phase: INSTALL, Code: COMMAND_EXECUTION_ERROR, Message: Error while executing command: curl -sSL https://example.com/get.py -o get.py && python get.py. Reason: exit status 1", "  File \"get.py\", line 1\n404: Not Found", BuildDependencyError),
    ("installer_download", CB, "Error while executing command: curl -sSL https://example.com/install.sh | sh. Reason: exit status 127", "sh: 1: 404:: not found", BuildDependencyError),
    ("appspec_parse", CD, "UnknownError", "ERROR [codedeploy-agent(1234)]: InstanceAgent::Plugins::CodeDeployPlugin::CommandPoller: Error during perform: NoMethodError - undefined method `each_pair' for #<Array:0x000055d> - /opt/codedeploy-agent/lib/instance_agent/plugins/codedeploy/application_specification/application_specification.rb:64:in `parse_hooks'", AppspecError),
    ("runtime_not_installed", CB, "Error while executing command: mvn package. Reason: exit status 1", "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.11.0:compile (default-compile) on project api: Fatal error compiling: invalid flag: --release -> [Help 1]", BuildDependencyError),
];

fn evidence(provider: &str, message: &str, log: &str) -> Evidence {
    let mut e = Evidence::new();
    e.failure = Failure {
        provider: (!provider.is_empty()).then(|| provider.to_owned()),
        message: message.to_owned(),
        ..Failure::default()
    };
    e.logs = log
        .lines()
        .enumerate()
        .map(|(i, l)| LogLine {
            origin: Origin::BuildLog,
            line: Some(i as u64 + 1),
            text: l.to_owned(),
        })
        .collect();
    e
}

fn fired(message: &str, log: &str) -> Vec<&'static str> {
    let c = COMPILED.as_ref().unwrap();
    let mut ids = Vec::new();
    for text in message.lines().chain(log.lines()) {
        for i in c.set.matches(text).iter() {
            ids.push(SIGNATURES[i].id);
        }
    }
    ids
}

#[test]
fn the_catalog_compiles() {
    let c = COMPILED.as_ref().expect("the signature set compiles");
    for (i, sig) in SIGNATURES.iter().enumerate() {
        assert!(
            c.regex(i).is_some(),
            "the regex of {} does not compile",
            sig.id
        );
    }
}

#[test]
fn patterns_run_in_ascii_mode_where_it_is_safe() {
    let sig = rules::SIGNATURES
        .iter()
        .find(|s| s.id == "codecommit_no_branch")
        .unwrap();
    assert_eq!(
        pattern_of(&rules::Sig {
            pattern: r"\bx\d[\w\]]+.[^\]/]*\S",
            ..*sig
        }),
        r"(?i-u)\bx\d[\w\]]+(?u:.)(?u:[^\]/])*(?u:\S)"
    );
    assert_eq!(
        pattern_of(&rules::Sig {
            case_sensitive: true,
            pattern: "a[b]",
            ..*sig
        }),
        "(?-u)a[b]"
    );
    // Unicode text still matches where the pattern allows any character.
    let c = COMPILED.as_ref().unwrap();
    let idx = SIGNATURES
        .iter()
        .position(|s| s.id == "connection_no_branch")
        .unwrap();
    assert!(c.regex(idx).unwrap().is_match(
        "[GitHub] No Branch [fonctionnalité] found for FullRepositoryName [équipe/dépôt]"
    ));
}

#[test]
fn every_signature_has_an_example() {
    for s in SIGNATURES {
        assert!(
            EXAMPLES.iter().any(|e| e.0 == s.id),
            "signature {} has no example",
            s.id
        );
    }
}

#[test]
fn every_example_fires_its_signature_and_ranks_its_category_first() {
    let mut failures = Vec::new();
    for (id, provider, message, log, expected) in EXAMPLES {
        if !fired(message, log).contains(id) {
            failures.push(format!("{id}: signature did not fire"));
            continue;
        }
        let d = diagnose(&evidence(provider, message, log));
        if d.category != *expected {
            failures.push(format!(
                "{id}: expected {expected}, got {} ({:?})",
                d.category, d.candidates
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_signature_text_key_has_text_and_fills() {
    for s in SIGNATURES {
        assert!(
            text::signature(Lang::En, s.text).is_some(),
            "no text for {}",
            s.text
        );
    }
    for c in Category::ALL {
        assert!(!text::category(Lang::En, c).summary.is_empty());
    }
}

#[test]
fn summaries_quote_captured_names() {
    let d = diagnose(&evidence(
        "CodeStarSourceConnection (GitHub)",
        "[GitHub] No Branch [release/9] found for FullRepositoryName [acme/payments]",
        "",
    ));
    assert_eq!(
        d.summary,
        "Branch release/9 was not found in acme/payments through the connection"
    );
    assert!(d.remedies[0].contains("release/9"), "{:?}", d.remedies);
    assert_eq!(d.candidates[1].category, SourceConnectionUnavailable);
    assert_eq!(d.candidates[0].confirm_with, vec![CheckKind::BranchExists]);
    assert_eq!(
        d.candidates[1].confirm_with,
        vec![CheckKind::ConnectionAvailable]
    );
}

#[test]
fn the_first_failure_wins_over_cascades() {
    let log = "[Container] Entering phase BUILD\n\
        [Container] Running command go test ./...\n\
        --- FAIL: TestOrder (0.00s)\n\
        [Container] Command did not exit successfully go test ./... exit status 1\n\
        [Container] Phase complete: BUILD State: FAILED\n\
        [Container] Entering phase POST_BUILD\n\
        [Container] Running command docker push $REPO:$TAG\n\
        An image does not exist locally with the tag: 111122223333.dkr.ecr.us-east-1.amazonaws.com/app\n\
        [Container] Phase complete: UPLOAD_ARTIFACTS State: FAILED\n\
        CLIENT_ERROR: no matching artifact paths found";
    let d = diagnose(&evidence(CB, "Build terminated with state: FAILED", log));
    assert_eq!(d.category, BuildTestFailure);
    assert_eq!(d.facts.failed_phase.as_deref(), Some("BUILD"));
    assert_eq!(d.facts.failed_command.as_deref(), Some("go test ./..."));
    assert_eq!(d.facts.exit_code, Some(1));
    assert!(
        d.evidence
            .iter()
            .any(|q| q.text.contains("--- FAIL: TestOrder"))
    );
    assert!(
        !d.evidence
            .iter()
            .any(|q| q.text.contains("no matching artifact"))
    );
}

#[test]
fn cloudformation_cancellations_do_not_hide_the_first_failure() {
    let log = "CREATE_FAILED AWS::IAM::Role ApiRole API: iam:CreateRole User: arn:aws:sts::111122223333:assumed-role/cfn-exec/x is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::111122223333:role/api\n\
        CREATE_FAILED AWS::Lambda::Function Api Resource creation cancelled\n\
        CREATE_FAILED AWS::DynamoDB::Table Orders Resource creation cancelled\n\
        ROLLBACK_COMPLETE AWS::CloudFormation::Stack app";
    let d = diagnose(&evidence(
        "CloudFormation",
        "Stack app failed: ROLLBACK_COMPLETE",
        log,
    ));
    assert_eq!(d.category, IamPermission);
    let denial = d.facts.access_denied.unwrap();
    assert_eq!(denial.action.as_deref(), Some("iam:CreateRole"));
    assert_eq!(
        denial.resource.as_deref(),
        Some("arn:aws:iam::111122223333:role/api")
    );
    assert_eq!(d.candidates[1].category, CloudformationStackFailure);
}

#[test]
fn an_umbrella_message_defers_to_the_specific_log_line() {
    let d = diagnose(&evidence(
        "CodeDeploy (EC2)",
        "The overall deployment failed because too many individual instances failed deployment (Error code: HEALTH_CONSTRAINTS)",
        "{\"error_code\":5,\"script_name\":\"\",\"message\":\"The specified key does not exist.\",\"log\":\"\"}",
    ));
    assert_eq!(d.category, ArtifactStoreAccess);
    assert!(d.candidates.iter().any(|c| c.category == DeployHealth));
}

#[test]
fn health_constraints_alone_ranks_health_agent_and_iam_with_their_checks() {
    let d = diagnose(&evidence(
        "CodeDeploy (EC2)",
        "Deployment failed. Error code: HEALTH_CONSTRAINTS",
        "",
    ));
    let cats: Vec<Category> = d.candidates.iter().map(|c| c.category).collect();
    assert_eq!(cats, vec![DeployHealth, DeployAgent, IamPermission]);
    assert!(
        d.confidence < 0.6,
        "an ambiguous text must not sound certain: {}",
        d.confidence
    );
    assert_eq!(
        d.candidates[1].confirm_with,
        vec![CheckKind::DeploymentAgentReachable]
    );
}

#[test]
fn a_failed_check_confirms_the_second_hypothesis() {
    let mut e = evidence(
        "CodeStarSourceConnection (GitHub)",
        "[GitHub] No Branch [main] found for FullRepositoryName [acme/app]",
        "",
    );
    e.checks = vec![
        Check {
            kind: CheckKind::BranchExists,
            subject: "branch main in acme/app".into(),
            outcome: CheckOutcome::Pass,
            detail: "branch exists".into(),
        },
        Check {
            kind: CheckKind::ConnectionAvailable,
            subject: "connection arn:aws:codeconnections:us-east-1:111122223333:connection/x"
                .into(),
            outcome: CheckOutcome::Fail,
            detail: "status is PENDING".into(),
        },
    ];
    let d = diagnose(&e);
    assert_eq!(d.category, SourceConnectionUnavailable);
    assert!(d.summary.contains("status is PENDING"), "{}", d.summary);
    let refuted = d
        .candidates
        .iter()
        .find(|c| c.category == SourceBranchNotFound)
        .unwrap();
    assert_eq!(refuted.verdicts[0].outcome, CheckOutcome::Pass);
    assert!(refuted.confidence < d.confidence);
}

#[test]
fn no_signature_means_unknown_and_says_what_is_missing() {
    let d = diagnose(&evidence("", "Something odd happened", ""));
    assert_eq!(d.category, Unknown);
    assert_eq!(d.candidates.len(), 1);
    assert!(
        d.remedies.iter().any(|r| r.contains("log")),
        "{:?}",
        d.remedies
    );
    let d = diagnose(&evidence("", "", ""));
    assert_eq!(d.category, Unknown);
    assert!(d.evidence.is_empty());
}

#[test]
fn an_approval_without_text_is_ambiguous_between_rejection_and_expiry() {
    let d = diagnose(&evidence("Manual", "FAILED", ""));
    let cats: Vec<Category> = d.candidates.iter().map(|c| c.category).collect();
    assert_eq!(&cats[..2], &[ApprovalRejected, ApprovalTimeout]);
}

#[test]
fn the_same_words_mean_different_things_per_provider() {
    // exit 127 is a missing tool in a build, a failing hook script in CodeDeploy.
    let build = diagnose(&evidence(
        CB,
        "Error while executing command: helm lint. Reason: exit status 127",
        "",
    ));
    assert_eq!(build.category, BuildEnvironment);
    let deploy = diagnose(&evidence(
        "CodeDeploy (EC2)",
        "Script at specified location: scripts/start.sh run as user root failed with exit code 127",
        "",
    ));
    assert_eq!(deploy.category, DeployScriptFailed);
    assert_eq!(
        deploy.summary,
        "Deployment hook script scripts/start.sh failed with exit code 127"
    );
    // "rejected" is an approval outcome only for approval actions.
    let push = diagnose(&evidence(
        CB,
        "Build terminated with state: FAILED",
        "! [rejected] main -> main (non-fast-forward)",
    ));
    assert_ne!(push.category, ApprovalRejected);
}

#[test]
fn confidences_are_ranked_and_bounded() {
    for (_, provider, message, log, _) in EXAMPLES {
        let d = diagnose(&evidence(provider, message, log));
        assert!(!d.candidates.is_empty() && d.candidates.len() <= 3);
        assert_eq!(d.candidates[0].category, d.category);
        assert_eq!(d.candidates[0].confidence, d.confidence);
        assert!(
            d.candidates
                .windows(2)
                .all(|w| w[0].confidence >= w[1].confidence)
        );
        assert!(
            d.candidates
                .iter()
                .all(|c| (0.0..=1.0).contains(&c.confidence))
        );
        assert!(!d.summary.is_empty() && !d.remedies.is_empty());
        assert!(!d.evidence.is_empty());
    }
}

#[test]
fn hostile_text_never_panics() {
    let nasty = [
        "\u{0}\u{1b}[31m\u{202e}".repeat(1000),
        "{".repeat(10_000),
        "é".repeat(5_000) + "error TS2322: x",
        "Phase complete: BUILD State: FAILED\nEntering phase BUILD\nEntering phase POST_BUILD"
            .to_owned(),
        "Error while executing command: . Reason: exit status 99999999999999999999".to_owned(),
    ];
    for n in &nasty {
        let d = diagnose(&evidence(CB, n, n));
        assert!(d.candidates.len() <= 3);
        assert!(d.evidence.iter().all(|q| q.text.len() <= QUOTE_MAX + 4));
    }
}

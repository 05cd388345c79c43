//! Japanese texts.

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
            "ソースアクションの FullRepositoryId \"{repo}\" が owner/repository 形式になっていない",
            &[
                "ソースアクションの FullRepositoryId を '<owner>/<repository>' 形式（例：'my-org/my-repo'）で設定する",
            ],
        ),
        "connection_no_branch" => t(
            "接続経由で {repo} にブランチ {branch} が見つからない",
            &[
                "リポジトリにブランチ {branch} が存在するか確認する。または BranchName を既存のブランチに設定する",
                "ブランチが存在する場合：接続が AVAILABLE で、このリポジトリに対してアプリがインストールされているか確認する",
            ],
        ),
        "codecommit_no_branch" => t(
            "CodeCommit リポジトリにブランチ {branch} が存在しない",
            &[
                "ブランチを作成する（空のリポジトリにはブランチがない）か、BranchName を既存のブランチに設定する",
            ],
        ),
        "branch_missing" => t(
            "ソースブランチが存在しない",
            &["ブランチを作成するか、ソースアクションの BranchName を既存のブランチに向ける"],
        ),
        "github_token_invalid" => t(
            "パイプラインの GitHub 認証情報が無効または取り消されている",
            &[
                "ソースアクションを再接続する（使用している OAuth トークン / 個人用アクセストークンを更新する）",
                "GitHub（バージョン 1）アクションを CodeConnections のソースアクションに移行する",
            ],
        ),
        "github_repo_or_branch" => t(
            "パイプラインの認証情報では GitHub リポジトリ {repo} またはそのブランチ {branch} が見つからない",
            &[
                "リポジトリの名前変更や移動がないこと、トークンでリポジトリを読み取れることを確認する",
                "ブランチ {branch} が存在するか確認する",
            ],
        ),
        "repo_missing" => t(
            "ソースリポジトリが存在しないか、パイプラインの認証情報で読み取れない",
            &[
                "リポジトリ名とオーナー、およびアクションが使用する認証情報でリポジトリを読み取れるかを確認する",
            ],
        ),
        "codecommit_access" => t(
            "パイプラインロールが CodeCommit リポジトリを読み取れない",
            &[
                "パイプラインロールに、リポジトリに対する codecommit:GetBranch、GetCommit、UploadArchive、GetUploadArchiveStatus、CancelUploadArchive を許可する",
            ],
        ),
        "connection_state" => t(
            "CodeConnections の接続が AVAILABLE ではない",
            &[
                "コンソールで接続のハンドシェイクを完了する（Settings > Connections > Update pending connection）",
            ],
        ),
        "connection_missing" => t(
            "ソースアクションが指定する接続が存在しない",
            &[
                "新しい接続を作成してハンドシェイクを完了し、ソースアクションの ConnectionArn を更新する",
            ],
        ),
        "connection_app" => t(
            "接続の GitHub/Bitbucket/GitLab アプリが、このリポジトリに対してインストールまたは承認されていない",
            &[
                "組織のオーナーにリポジトリへの AWS Connector アプリのインストール（または承認）を依頼し、その後接続を更新する",
            ],
        ),
        "webhook_registration" => t(
            "CodePipeline が Webhook を登録できなかった: アクションのトークンでは GitHub のリポジトリにアクセスできない",
            &[
                "リポジトリのオーナーと名前、およびトークンのユーザーがリポジトリを管理できること（Webhook には管理者権限が必要）を確認する",
                "GitHub（バージョン 1）アクションを CodeConnections のソースアクションに移行する",
            ],
        ),
        "source_authorization" => t(
            "CodeBuild がプライマリソースの取得を許可されなかった",
            &[
                "CodeBuild ロールに、接続 ARN に対する GetConnectionToken、GetConnection、UseConnection を許可する（プレフィックスは ARN のサービスに合わせて codeconnections: または codestar-connections:）",
                "接続が AVAILABLE で、そのアプリがこのリポジトリを読めることを確認する。またはプロジェクトのソース認証情報を更新する",
            ],
        ),
        "kubernetes_unauthorized" => t(
            "クラスターがビルドのロールを認識していない: kubectl が未認証として拒否された",
            &[
                "CodeBuild ロールをクラスターにマッピングし（EKS アクセスエントリまたは aws-auth ConfigMap）、デプロイに必要な Kubernetes の権限を与える",
                "マッピングには引き受けたロールのセッション ARN ではなくロール ARN を使う",
            ],
        ),
        "connection_use_denied" => t(
            "接続を使用するロールに、その接続を使う権限がない",
            &[
                "パイプライン（または CodeBuild）ロールに、接続 ARN に対する UseConnection（CodeBuild では GetConnectionToken と GetConnection も）を、ARN のサービスのプレフィックス（codeconnections: または codestar-connections:）で許可する",
            ],
        ),
        "not_authorized" => t(
            "ロールに {action} の実行が許可されていない",
            &[
                "実行したロールに対象リソースへの {action} を付与する。または、それをブロックしている拒否を修正する",
            ],
        ),
        "policy_evaluation" => t(
            "IAM ポリシーの評価によりリクエストが拒否された",
            &[
                "ロールのポリシーに不足している許可を追加するか、明示的な拒否（SCP、アクセス許可の境界、リソースポリシー）を削除する",
            ],
        ),
        "assume_role" => t(
            "ロールを引き受けられなかった（信頼ポリシーまたは sts:AssumeRole 権限）",
            &[
                "ロールの信頼ポリシーに、ロールを引き受けるサービスまたはアカウントが指定されているか確認する",
                "呼び出し元がそのロールに対して sts:AssumeRole（および iam:PassRole）を実行できるか確認する",
            ],
        ),
        "insufficient_permissions" => t(
            "アクションに必要な権限がロールにない",
            &["ロールのポリシーとアクションに必要な権限を比較する（IAM ポリシーシミュレーター）"],
        ),
        "get_bucket_acl" => t(
            "CodeBuild サービスロールがアーティファクトバケットに対して s3:GetBucketAcl を呼び出せなくなった",
            &[
                "CodeBuild サービスロールにバケットに対する s3:GetBucketAcl と s3:GetBucketLocation を許可し、バケットの所有者が変わっていないか確認する",
            ],
        ),
        "access_denied" => t(
            "リクエストが拒否された（AccessDenied）",
            &["拒否されたロールとアクションを特定し（CloudTrail）、ロールのポリシーと比較する"],
        ),
        "artifact_replication" => t(
            "CodePipeline がアーティファクトをアクションのリージョンのアーティファクトストアにコピーできなかった",
            &[
                "アクションのリージョンのアーティファクトキーのキーポリシーが、パイプラインロール（とクロスアカウントのロール）に kms:Decrypt、kms:Encrypt、kms:GenerateDataKey を許可しているか確認する",
                "アクションのリージョンのアーティファクトバケットが存在し、そのポリシーとパイプラインロールが s3:GetObject と s3:PutObject を許可しているか確認する",
            ],
        ),
        "artifact_bucket_validation" => t(
            "CodePipeline がアーティファクトバケットを検証できなかった（存在しない、他アカウントの管理下、またはパイプラインロールが読めない）",
            &[
                "パイプラインが指定する各リージョンのアーティファクトバケットが存在し、パイプラインロールがその場所とポリシーを読めることを確認する",
            ],
        ),
        "s3_no_such_key" => t(
            "アーティファクトまたはリビジョンのオブジェクトが S3 に存在しない",
            &[
                "ソースステージからパイプラインを再実行し、アーティファクトを再生成する",
                "アーティファクトバケットのライフサイクルルールがアーティファクトを早く削除しすぎていないか確認する",
            ],
        ),
        "s3_no_such_bucket" => t(
            "S3 バケットが存在しない",
            &[
                "アーティファクトバケットを再作成するか、パイプラインのアーティファクトストアを既存のバケットに向ける",
            ],
        ),
        "s3_wrong_region" => t(
            "S3 バケットがパイプラインまたはアクションと異なるリージョンにある",
            &[
                "パイプラインのリージョンにあるアーティファクトストアを使用する（クロスリージョンアクションではリージョンごとに 1 つ）",
            ],
        ),
        "s3_denied" => t(
            "S3 アーティファクトバケットへのアクセスが拒否された",
            &[
                "バケットポリシーが、実行したロール（クロスアカウントロールを含む）を許可しているか確認する",
                "アーティファクトの KMS キーポリシーが、そのロールに kms:Decrypt と kms:GenerateDataKey を許可しているか確認する",
            ],
        ),
        "s3_download_denied" => t(
            "S3 からのソースアーティファクトの読み取りが拒否された",
            &[
                "CodeBuild サービスロールに、アーティファクトバケットに対する s3:GetObject（および s3:GetObjectVersion）を許可する",
                "カスタマーマネージドキーの場合は、キーポリシーでそのロールに kms:Decrypt を許可する",
            ],
        ),
        "artifact_upload" => t(
            "CodeBuild が出力アーティファクトをアップロードできなかった",
            &[
                "アーティファクトの場所と、アーティファクトバケットに対するサービスロールの s3:PutObject 権限を確認する",
            ],
        ),
        "bare_internal_error" => t(
            "CodePipeline が InternalError を報告した：多くの場合、アーティファクトバケットが別のリージョンにある",
            &[
                "アーティファクトバケットがパイプラインのリージョンにあるか確認する",
                "リージョンが正しければ再試行する：一時的なエラーの可能性がある",
            ],
        ),
        "artifact_unavailable" => t(
            "入力アーティファクトを読み取れなかった",
            &["アーティファクトバケット、オブジェクト、およびロールの S3 と KMS の権限を確認する"],
        ),
        "kms_key_state" => t(
            "アーティファクトの KMS キーが無効化されている、削除保留中である、または存在しない",
            &[
                "キーを有効化する（または削除をキャンセルする）か、使用可能なキーでアーティファクトストアを設定する",
            ],
        ),
        "kms_denied" => t(
            "アーティファクトを暗号化する KMS キーをロールが使用できない",
            &[
                "キーポリシーにロールを追加する（kms:Decrypt、kms:GenerateDataKey*、kms:Encrypt）",
                "クロスアカウントのパイプラインにはカスタマーマネージドキーが必要：aws/s3 キーは共有できない",
            ],
        ),
        "throttling" => t(
            "AWS API がリクエストをスロットリングした（レート超過）",
            &[
                "ステージを再試行する",
                "同時実行を分散させる。繰り返し発生する場合はレートのクォータを引き上げる",
            ],
        ),
        "service_error" => t(
            "サービスが内部エラーまたは利用不可エラーを返した",
            &["ステージを再試行する。解消しない場合は AWS Health Dashboard を確認する"],
        ),
        "pull_transient" => t(
            "一時的なネットワーク/TLS エラーによりイメージのプルに失敗した",
            &["ビルドを再試行する。通常は自然に解消する"],
        ),
        "network_transient" => t(
            "ネットワーク呼び出しが失敗した（リセット、タイムアウト、または DNS）",
            &[
                "ビルドを再試行する",
                "VPC 内のビルドでは、サブネットから NAT ゲートウェイ経由でインターネットへのルートがあるか確認する",
            ],
        ),
        "quota" => t(
            "サービスクォータまたはハードリミットに達した",
            &[
                "Service Quotas で該当する制限を確認して引き上げをリクエストするか、サイズまたは同時実行数を減らす",
            ],
        ),
        "codebuild_env_size" => t(
            "CodeBuild がビルドを開始できなかった：多くの場合、環境変数がサイズ制限を超えている",
            &[
                "大きな環境変数の値を Parameter Store または Secrets Manager に移す（名前と値の合計を約 5,500 文字未満に収める必要がある）",
                "変数が小さい場合は再試行する：サービス側の問題の可能性がある",
            ],
        ),
        "ca_certificates" => t(
            "ビルドイメージで TLS 証明書を検証できない（CA バンドルがない、または古い）",
            &[
                "最新の CodeBuild イメージを使用するか、カスタムイメージに ca-certificates をインストールする",
            ],
        ),
        "project_certificate" => t(
            "ビルドプロジェクトの証明書を S3 から読み取れない（バケットまたはキーが誤っている）",
            &[
                "プロジェクトの環境設定で証明書のバケット/キーを修正する",
                "サービスロールに、そのオブジェクトに対する s3:GetObject を許可する",
            ],
        ),
        "terraform_versions" => t(
            "Terraform またはそのプロバイダーが、設定で要求されるバージョンと一致しない",
            &[
                "ビルドで Terraform のバージョンを固定し（tfenv またはバージョン指定のイメージ）、互換性のある制約で .terraform.lock.hcl をコミットする",
            ],
        ),
        "system_libraries" => t(
            "ネイティブ依存関係が、ビルドイメージにないシステムライブラリまたはヘッダーを必要としている",
            &[
                "install フェーズで -dev パッケージ（例：libssl-dev / openssl-devel、pkg-config）をインストールするか、それを含むイメージを使用する",
            ],
        ),
        "node_module_missing" => t(
            "Node.js パッケージがインストールされていない",
            &[
                "package.json（dependencies または devDependencies）にパッケージを追加し、コマンドの前に npm ci を実行する",
            ],
        ),
        "dns_failure" => t(
            "ビルドからホスト名を解決できなかった",
            &[
                "VPC 内のビルドでは、サブネットの DNS 解決と NAT ルートを確認する。それ以外の場合は再試行する",
            ],
        ),
        "no_credentials" => t(
            "ビルド内のツールに使用可能な AWS 認証情報がない",
            &[
                "ツールに CodeBuild サービスロールを使用させる（AWS_* 変数を上書きしない）か、ツールが必要とするロールに対する sts:AssumeRole をサービスロールに付与する",
            ],
        ),
        "source_upload" => t(
            "ソースアクションがアーティファクトバケットにアーティファクトをアップロードできなかった",
            &[
                "バケットポリシーと、アーティファクトバケットに対するロールの s3:PutObject を確認する",
                "アーティファクトの KMS キーがロールに kms:GenerateDataKey を許可しているか確認する",
            ],
        ),
        "s3_object_missing" => t(
            "S3 のソースオブジェクトが存在しない（またはバケットのバージョニングが有効になっていない）",
            &["オブジェクトキーと、ソースバケットでバージョニングが有効になっているかを確認する"],
        ),
        "image_tag_missing" => t(
            "ECR ソースのイメージタグが存在しない",
            &["ソースアクションが指定するタグをプッシュするか、ImageTag を既存のタグに向ける"],
        ),
        "not_bootstrapped" => t(
            "ターゲットのアカウント/リージョンが CDK 用にブートストラップされていない",
            &[
                "ターゲットのアカウントとリージョンに対して cdk bootstrap を実行する（--trust でパイプラインのアカウントを指定する）",
            ],
        ),
        "registry_repository_missing" => t(
            "ビルドが使用する ECR リポジトリが存在しない",
            &["リポジトリを作成するか、ビルドの変数が指すリポジトリ名を修正する"],
        ),
        "env_lookup_failed" => t(
            "ビルドスクリプトが未設定の環境変数を読み取っている",
            &["プロジェクトまたはアクションの設定で変数を設定する"],
        ),
        "ecr_token_expired" => t(
            "レジストリへのログインがない、または期限切れになっている",
            &["pre_build でプッシュの直前に aws ecr get-login-password | docker login を実行する"],
        ),
        "task_placement" => t(
            "ECS が新しいタスクを配置できなかった（キャパシティまたは制約）",
            &[
                "クラスターのキャパシティ（インスタンス、Fargate のクォータ）とサービスの配置制約を確認する",
            ],
        ),
        "load_balancer_config" => t(
            "デプロイグループのロードバランサー設定が無効",
            &["デプロイグループのターゲットグループとリスナーがサービスと一致しているか確認する"],
        ),
        "over_maximum" => t(
            "ハードな上限を超えた",
            &[
                "数またはサイズを示された上限未満に減らす（スタックやテンプレートを分割する、リソースを整理する）か、クォータがある場合は引き上げをリクエストする",
            ],
        ),
        "docker_context_missing" => t(
            "docker build が Dockerfile でコピーするファイルを見つけられなかった",
            &[
                "docker build の前に（またはビルドステージで）ファイルを生成し、.dockerignore で除外されていないか確認する",
            ],
        ),
        "action_config" => t(
            "アクションの設定が無効",
            &["アクションの設定をプロバイダーのリファレンスと比較する（名前、ARN、必須キー）"],
        ),
        "action_config_value" => t(
            "パイプラインのアクション設定に無効な値または参照が含まれている",
            &[
                "エラーが示す値をパイプライン定義で修正する（アクション名、シークレットのプロパティ、アクションタイプ）",
            ],
        ),
        "configured_resource_missing" => t(
            "アクションの設定で存在しないリソースが指定されている",
            &[
                "アクション設定のプロジェクト/アプリケーション/デプロイグループ/関数の名前を修正するか、そのリソースを作成する",
            ],
        ),
        "yaml_file_error" => t(
            "buildspec が存在しないか、有効な YAML ではない",
            &[
                "プロジェクトまたはアクションの buildspec のパスを確認し、ファイルの YAML を検証する（タブは使用不可）",
            ],
        ),
        "buildspec_missing" => t(
            "設定されたパスに buildspec ファイルが見つからなかった",
            &[
                "buildspec をリポジトリのルートにコミットするか、プロジェクトの buildspec のパスを実際の場所に設定する",
            ],
        ),
        "buildspec_runtime" => t(
            "buildspec が、ビルドイメージにないランタイムバージョンを要求している",
            &[
                "イメージがサポートする runtime-versions の値を使用するか、より新しい CodeBuild イメージに移行する",
            ],
        ),
        "buildspec_invalid" => t(
            "buildspec が無効",
            &["buildspec の構文を修正する（YAML のインデント、キー、version 0.2）"],
        ),
        "exit_137" => t(
            "ビルドプロセスが SIGKILL で強制終了された（exit 137）：メモリ不足",
            &[
                "より大きなコンピューティングタイプを使用する",
                "ビルドのメモリ使用量を減らす（並列度、ヒープサイズ）",
            ],
        ),
        "heap_exhausted" => t(
            "ビルドプロセスがメモリ不足になった",
            &[
                "ヒープの上限を引き上げる（NODE_OPTIONS=--max-old-space-size、-Xmx）か、より大きなコンピューティングタイプを使用する（併用も可）",
            ],
        ),
        "container_dead" => t(
            "ビルドコンテナが停止した：通常はメモリ不足",
            &[
                "より大きなコンピューティングタイプを使用する",
                "メモリが原因でない場合は、イメージがその環境タイプでサポートされているか確認する",
            ],
        ),
        "build_timed_out" => t(
            "ビルドがタイムアウトした",
            &[
                "ログで停滞しているステップを特定する。プロジェクトのタイムアウトは、処理が本当に長い場合にのみ引き上げる",
            ],
        ),
        "exit_143" => t(
            "ビルドプロセスが終了させられた（SIGTERM、exit 143）",
            &["ビルドがタイムアウトに達したのか、停止されたのかを確認する"],
        ),
        "build_hang" => t(
            "ビルドコマンドがハングした",
            &[
                "コマンドが何を待っているか（プロンプト、ダウンロード、ロック）を特定する。コマンドに必要なツールのバージョンを固定する",
            ],
        ),
        "npx_prompt" => t(
            "npx がプロジェクトにないパッケージのインストール確認を待機した",
            &[
                "パッケージを devDependencies に追加して（または npx --yes を実行して）、ビルドがプロンプトを出さないようにする",
            ],
        ),
        "docker_rate_limit" => t(
            "イメージのプル中に Docker Hub のプルレート制限に達した",
            &[
                "Docker Hub に認証する（認証情報は Secrets Manager に保存）か、ECR Public / ECR プルスルーキャッシュからプルする",
            ],
        ),
        "docker_daemon" => t(
            "ビルドから Docker デーモンに接続できない",
            &["CodeBuild プロジェクトの環境で特権モードを有効にする（イメージのビルドに必要）"],
        ),
        "image_pull" => t(
            "イメージをプルできなかった（名前、タグ、またはレジストリの認証情報）",
            &[
                "イメージ名とタグが存在するか確認する",
                "レジストリの認証情報と、ロールの ECR プル権限を確認する",
            ],
        ),
        "task_image_pull" => t(
            "イメージまたはシークレットを取得できず、タスクを起動できなかった",
            &[
                "イメージ URI、タスク実行ロールの ECR/Secrets Manager 権限、およびタスクのネットワーク経路を確認する",
            ],
        ),
        "disk_full" => t(
            "ビルドのディスク容量が不足した",
            &["キャッシュと中間ファイルを削除するか、より大きなコンピューティングタイプを使用する"],
        ),
        "vpc_network" => t(
            "ビルドの VPC 設定がビルドを妨げている（サブネット、ENI、またはルート）",
            &[
                "空き IP アドレスがあり NAT ゲートウェイへのルートを持つプライベートサブネットを使用する。セキュリティグループがアウトバウンド通信を許可しているか確認する",
                "プロキシ経由の場合: buildspec の proxy セクションと NO_PROXY を設定するか、S3 と CloudWatch Logs の VPC エンドポイントを追加する",
            ],
        ),
        "exec_format" => t(
            "イメージまたはバイナリが別の CPU アーキテクチャ向けにビルドされている",
            &["イメージのプラットフォームをビルド環境に合わせる（arm64 か x86_64 か）"],
        ),
        "task_exec_format" => t(
            "イメージが、タスクを実行するホストとは別の CPU アーキテクチャ向けにビルドされている",
            &[
                "サービスのプラットフォーム向けにイメージをビルドする（docker buildx --platform linux/amd64 または linux/arm64）か、タスク定義の runtimePlatform をイメージに合わせる",
            ],
        ),
        "build_not_started" => t(
            "ビルドが開始されなかった: アカウントの同時ビルドのクォータに達している可能性が高い",
            &[
                "実行中のビルドと、Service Quotas でこのコンピューティングタイプの CodeBuild 同時ビルドのクォータを確認する。引き上げを申請するか、キューに入れるビルドを減らす",
            ],
        ),
        "parameter_does_not_exist" => t(
            "Parameter Store の変数を読めなかった: サービスロールがその名前を読めないか、存在しない",
            &[
                "CodeBuild ロールにパラメータの ARN に対する ssm:GetParameters を許可する（自動生成のポリシーは /CodeBuild/* のみ）",
                "プロジェクトの環境変数のパラメータ名がこのリージョンに存在するか確認する",
            ],
        ),
        "codebuild_source_credentials" => t(
            "CodeBuild にソースプロバイダーの認証情報が保存されていない",
            &[
                "CodeBuild コンソールでプロバイダーに接続するか、aws codebuild import-source-credentials でトークンをインポートする（または接続を使う）",
            ],
        ),
        "docker_too_old" => t(
            "ビルドイメージの Docker エンジンが古く、イメージを読めない",
            &[
                "最新のマネージドイメージ（例: aws/codebuild/standard:7.0）を使うか、カスタムイメージの Docker を更新する",
            ],
        ),
        "source_host_certificate" => t(
            "ソースホストの証明書をビルドが信頼していない（自己署名またはプライベート CA）",
            &[
                "プロジェクトにホストの CA 証明書をインストールする（S3 からのソース証明書）。テスト用に限り、ソースの insecure SSL を有効にする",
            ],
        ),
        "command_not_found" => t(
            "ビルドイメージでコマンドが見つからなかった（exit 127）",
            &[
                "install フェーズでツールをインストールするか、ツールを含むイメージを使用する",
                "スクリプトのパスと実行権限を確認する",
            ],
        ),
        "env_var_unset" => t(
            "ビルドの変数、パラメータ、またはシークレットが未設定または存在しない",
            &[
                "プロジェクトまたはアクションで変数を設定するか、変数が指す Parameter Store/Secrets Manager の値を作成する",
            ],
        ),
        "decrypted_variables" => t(
            "CodeBuild が Parameter Store/Secrets Manager の変数を解決できなかった",
            &[
                "各パラメータ/シークレットが存在するか確認する",
                "サービスロールに、それらに対する ssm:GetParameters / secretsmanager:GetSecretValue（および kms:Decrypt）を許可する",
            ],
        ),
        "invalid_reference" => t(
            "Docker イメージの参照形式が不正：通常は参照内の変数が空になっている",
            &[
                "イメージ名の組み立てに使う変数（アカウント ID、リージョン、リポジトリ、タグ）を出力し、値を設定する",
            ],
        ),
        "image_ref_from_variables" => t(
            "変数から組み立てたレジストリへの docker tag/push が失敗した：変数が未設定の可能性が高い",
            &[
                "イメージ参照内の変数がプロジェクトまたはアクションで設定されているか確認する（プレースホルダーが残っていないこと）",
                "ECR リポジトリが存在し、ロールがプッシュできるか確認する",
            ],
        ),
        "no_matching_artifacts" => t(
            "宣言されたアーティファクトファイルがビルドで 1 つも生成されなかった",
            &[
                "buildspec の artifacts.files と base-directory を、ビルドが実際に書き出す内容と照合する",
            ],
        ),
        "file_not_in_artifact" => t(
            "アクションに必要なファイルが入力アーティファクトに含まれていない",
            &[
                "ファイルパスと、前のアクションのアーティファクトにそのファイルが含まれているかを確認する",
            ],
        ),
        "source_file_missing" => t(
            "ビルドに必要なファイルがソースに存在しない",
            &["ファイルをコミットする（.gitignore を確認する）か、前のビルドステップで生成する"],
        ),
        "file_missing" => t(
            "ビルドに必要なファイルが見つからなかった",
            &["パスと、ファイルがコミット済みか前のステップで生成されているかを確認する"],
        ),
        "typescript" => t(
            "TypeScript のコンパイルに失敗した",
            &[
                "型エラーを修正する。node_modules 内のエラーの場合は、パッケージのバージョンを揃えるか skipLibCheck を設定する",
            ],
        ),
        "jvm_compile" => t(
            "Java/Kotlin/Scala のコンパイルに失敗した",
            &["表示されたコンパイラエラーを修正する（同じビルドをローカルで実行する）"],
        ),
        "rust_compile" => t(
            "Rust のコンパイルに失敗した",
            &["表示されたコンパイラエラーを修正する（ローカルで cargo build を実行する）"],
        ),
        "go_compile" => t(
            "Go のコンパイルに失敗した",
            &["表示されたコンパイラエラーを修正する（ローカルで go build ./... を実行する）"],
        ),
        "dotnet_compile" => t(
            ".NET のコンパイルに失敗した",
            &["表示されたコンパイラエラーを修正する（ローカルで dotnet build を実行する）"],
        ),
        "c_compile" => t(
            "C/C++ のコンパイルまたはリンクに失敗した",
            &["表示されたコンパイラまたはリンカーのエラーを修正する"],
        ),
        "python_syntax" => t(
            "Python コードに構文エラーがある",
            &["表示された構文エラーを修正する"],
        ),
        "js_bundle" => t(
            "JavaScript のバンドルまたは型チェックに失敗した",
            &[
                "表示されたエラーを修正する。解決できないモジュールは依存関係の不足が原因の可能性がある",
            ],
        ),
        "type_checker" => t(
            "型チェッカーがエラーを検出した",
            &["表示された型エラーを修正する"],
        ),
        "npm_resolution" => t(
            "npm が依存関係を解決またはインストールできなかった",
            &[
                "関係するバージョンを固定して package-lock.json をコミットする。Node/npm のバージョンをパッケージの engines に合わせる",
            ],
        ),
        "yarn_resolution" => t(
            "Yarn が依存関係を解決またはインストールできなかった",
            &[
                "yarn.lock を更新してコミットする。Node のバージョンをパッケージの engines に合わせる",
            ],
        ),
        "pnpm_resolution" => t(
            "pnpm が依存関係を解決またはインストールできなかった",
            &[
                "pnpm-lock.yaml を更新してコミットし（pnpm install）、pnpm/Node のバージョンを揃える",
            ],
        ),
        "pip_resolution" => t(
            "pip が Python の依存関係を解決またはビルドできなかった",
            &[
                "requirements で互換性のあるバージョンを固定する。イメージの Python バージョンと、wheel のビルドに必要なツールを確認する",
            ],
        ),
        "python_import" => t(
            "Python モジュールが存在しないか、API が変更されている",
            &[
                "モジュールを requirements に（バージョンを固定して）追加するか、コードが使用する API のバージョンに固定する",
            ],
        ),
        "poetry_resolution" => t(
            "Poetry が依存関係を解決できなかったか、ロックファイルが古い",
            &["poetry lock を実行して poetry.lock をコミットする。バージョン制約を確認する"],
        ),
        "maven_resolution" => t(
            "Maven が依存関係を解決できなかった",
            &[
                "アーティファクトの座標とリポジトリ（プライベートリポジトリの場合は認証情報も）を確認する",
            ],
        ),
        "gradle_resolution" => t(
            "Gradle が依存関係またはプラグインを解決できなかった",
            &["座標とリポジトリを確認する。Gradle と JDK のバージョンに互換性があるか確認する"],
        ),
        "cargo_resolution" => t(
            "Cargo が依存関係を解決できなかったか、ツールチェーンが古すぎる",
            &[
                "Cargo.lock をコミットし、Rust ツールチェーン（rust-toolchain.toml）を crate が必要とするバージョンに固定する",
            ],
        ),
        "go_modules" => t(
            "Go モジュールを解決または検証できなかった",
            &[
                "go mod tidy を実行して go.mod/go.sum をコミットする。モジュールが要求する Go のバージョンを確認する",
            ],
        ),
        "ruby_php_dotnet_resolution" => t(
            "パッケージマネージャーが依存関係を解決できなかった",
            &[
                "ロックファイルを更新してコミットする。パッケージが要求するランタイムバージョンを確認する",
            ],
        ),
        "toolchain_drift" => t(
            "ツールまたはパッケージが、ビルドイメージとは異なるランタイムバージョンを必要としている",
            &[
                "ランタイム（buildspec の runtime-versions）とツールのバージョンを固定する。ビルドで '@latest' をインストールしない",
            ],
        ),
        "runtime_not_installed" => t(
            "プロジェクトが、ビルドイメージにないランタイムのバージョンを要求している",
            &[
                "buildspec の runtime-versions でそのバージョンを選ぶか、それを含むイメージを使う。またはプロジェクトのバージョン指定（.ruby-version、.python-version、コンパイラのターゲット）をイメージに合わせる",
            ],
        ),
        "installer_download" => t(
            "ビルドでダウンロードしたツールのインストーラーが 404 Not Found を返した",
            &[
                "インストーラーの URL を修正し（移動または廃止された）、ブランチのスクリプトをパイプで実行せずツールのバージョンを固定する",
            ],
        ),
        "go_too_old" => t(
            "ビルドの Go がモジュールの要求より古い",
            &[
                "go.mod が指定する Go をインストールする（buildspec の runtime-versions か新しいイメージ）。Go 1.21 以降なら GOTOOLCHAIN=auto で go が取得できる",
            ],
        ),
        "sam_binary_validation" => t(
            "sam build が、関数のランタイムに合うインタプリタをイメージ内で見つけられなかった",
            &[
                "buildspec の runtime-versions で関数のランタイムのバージョンを選ぶか、--use-container でビルドする",
            ],
        ),
        "old_node_syntax" => t(
            "ビルドの Node.js が古く、依存パッケージの構文（?? や ?.）を解釈できない",
            &[
                "Node.js 18 以降を選択し（buildspec の runtime-versions か新しいイメージ）、ツールのバージョンを固定する",
            ],
        ),
        "tool_runtime_unsupported" => t(
            "ビルドイメージのデプロイツールが、テンプレートの指定する Lambda ランタイムより古い",
            &[
                "install フェーズで最新の SAM CLI / フレームワークをインストールするか、新しいビルドイメージを使用する",
                "ランタイムがサポート終了（python2.7、nodejs12.x など）なら、関数をサポートされているランタイムに移行する",
            ],
        ),
        "image_locale" => t(
            "ビルドイメージのロケールが ASCII のため、ツールが UTF-8 のテキストを読めなかった",
            &[
                "ビルドで UTF-8 ロケールを設定する（例: buildspec の env で LC_ALL=C.UTF-8 と LANG=C.UTF-8）",
            ],
        ),
        "os_packages" => t(
            "OS パッケージをインストールできなかった",
            &[
                "イメージのディストリビューションに合ったパッケージ名か確認する。ミラーが利用できなかった場合は再試行する",
            ],
        ),
        "python_tests" => t(
            "Python のテストが失敗した",
            &["サマリーに表示された失敗テスト（またはテスト対象のコード）を修正する"],
        ),
        "js_tests" => t(
            "JavaScript のテストが失敗した",
            &["サマリーに表示された失敗テスト（またはテスト対象のコード）を修正する"],
        ),
        "go_tests" => t(
            "Go のテストが失敗した",
            &["表示された失敗テストを修正する（ローカルで go test ./... を実行する）"],
        ),
        "jvm_tests" => t(
            "JVM のテストが失敗した",
            &["失敗テストを修正する。surefire/gradle のレポートに該当テストが示されている"],
        ),
        "other_tests" => t(
            "テストが失敗した",
            &["サマリーに表示された失敗テストを修正する"],
        ),
        "linters" => t(
            "リンターまたはフォーマッターのチェックが失敗した",
            &["ローカルでリンター/フォーマッターを実行し、修正をコミットする"],
        ),
        "scanners" => t(
            "セキュリティまたはポリシーのスキャナーが検出結果を報告した",
            &["検出結果を修正するか、許容するものは理由を添えて個別に抑制する"],
        ),
        "unresolved_variables" => t(
            "アクションが、先行するアクションが出力していないパイプライン変数を参照している",
            &[
                "アクション設定の各 #{Namespace.Variable} が、その変数を出力する先行アクションに設定した名前空間を指しているか確認する",
            ],
        ),
        "smoke_test" => t(
            "スモークテストが失敗した",
            &["テストが呼び出すエンドポイントと、テスト対象のデプロイを確認する"],
        ),
        "command_failed" => t(
            "ビルドコマンドが失敗した。ログに原因は示されていない",
            &["失敗したコマンドの箇所でビルドログを開き、その上の行を読む"],
        ),
        "appspec" => t(
            "AppSpec ファイルが存在しない、配置場所が誤っている、または無効",
            &[
                "appspec.yml をリビジョンバンドルのルートに置き、files/hooks セクションで指定したパスが存在するか確認する",
            ],
        ),
        "hook_stderr" => t(
            "デプロイのフックスクリプトが実行され、失敗した（stderr を引用）",
            &[
                "引用した stderr を読み、スクリプトを修正するか、スクリプトが呼ぶものをインスタンスにインストールする（例: AMI にないパッケージマネージャ）",
            ],
        ),
        "hook_path_absolute" => t(
            "AppSpec のフックが絶対パスのスクリプトを指定している。フックの場所はリビジョンのルートからの相対パスで指定する必要がある",
            &[
                "スクリプトをリビジョンに含め、appspec.yml ではバンドルのルートからの相対パス（例: scripts/stop.sh）で指定する",
            ],
        ),
        "script_missing" => t(
            "AppSpec ファイルで指定されたライフサイクルフックスクリプトがインスタンス上に存在しない",
            &[
                "appspec.yml のスクリプトパスを修正するか、スクリプトをリビジョンに追加する",
                "フックが ApplicationStop の場合は前のリビジョンのスクリプトが実行される：--ignore-application-stop-failures を指定して一度だけ再デプロイする",
            ],
        ),
        "script_failed" => t(
            "デプロイフックスクリプト {script} が終了コード {code} で失敗した",
            &[
                "デプロイのライフサイクルイベントログ（またはインスタンス上の /opt/codedeploy-agent/deployment-root/deployment-logs）でスクリプトの出力を読む",
                "インスタンス上でスクリプトを手動で実行して再現する",
            ],
        ),
        "agent" => t(
            "CodeDeploy エージェントが実行されていない、CodeDeploy に接続できない、または認証できない",
            &[
                "エージェントがインストールされ実行中か確認する（systemctl status codedeploy-agent）",
                "インスタンスプロファイルと、インスタンスから CodeDeploy エンドポイントへの経路を確認する",
            ],
        ),
        "file_conflict" => t(
            "デプロイ先に既にファイルが存在していた",
            &[
                "AppSpec またはデプロイで file_exists_behavior（OVERWRITE/RETAIN）を設定するか、デプロイ先をクリーンアップする",
            ],
        ),
        "beanstalk_health" => t(
            "新しいバージョンのデプロイ後、Elastic Beanstalk のインスタンスがヘルスチェックに失敗した",
            &[
                "環境のイベントとインスタンスのログ（eb logs）で、アプリケーションが応答しない理由を確認する",
                "新しいバージョンでのヘルスチェック URL とアプリケーションの起動を確認する",
            ],
        ),
        "health_constraints" => t(
            "デプロイに成功したインスタンスが少なすぎる（HEALTH_CONSTRAINTS）",
            &[
                "デプロイのインスタンス一覧を開き、最初に失敗したライフサイクルイベントを読む",
                "インスタンス上で CodeDeploy エージェントが実行されているか確認する",
            ],
        ),
        "ecs_unhealthy" => t(
            "新しいタスクまたはターゲットがヘルスチェックに失敗し、安定しなかった",
            &[
                "ECS サービスのイベント、停止したタスクの停止理由、コンテナログを読む",
                "ヘルスチェックのパス、ポート、猶予期間を確認する",
            ],
        ),
        "alarm_rollback" => t(
            "CloudWatch アラームがデプロイを停止し、ロールバックした",
            &[
                "デプロイ中のアラームのメトリクスを確認する：リグレッションを修正するか、ノイズで発火した場合はアラームを修正する",
            ],
        ),
        "stack_status" => t(
            "CloudFormation スタックの操作が失敗した",
            &[
                "スタックの最初の CREATE_FAILED/UPDATE_FAILED イベントを読む。ROLLBACK_COMPLETE のスタックは削除しないと再作成できない",
            ],
        ),
        "template_validation" => t(
            "CloudFormation がテンプレートまたはパラメータを拒否した",
            &[
                "テンプレートとパラメータを検証し（cfn-lint、aws cloudformation validate-template）、指摘された項目を修正する",
            ],
        ),
        "stack_cascade" => t(
            "別のリソースの失敗後に CloudFormation リソースがキャンセルされた",
            &["スタック内で最初の CREATE_FAILED/UPDATE_FAILED イベントを探す"],
        ),
        "ecs_image_placeholder" => t(
            "ECS ブルー/グリーンアクションのイメージのプレースホルダーが、アクションの設定と入力アーティファクトに一致しない",
            &[
                "taskdef.json の IMAGE<N>_NAME ごとに、アクションの Image<N>ArtifactName と Image<N>ContainerName を設定し、そのアーティファクトを入力として渡す",
            ],
        ),
        "ecs_container_missing" => t(
            "イメージ定義ファイルが存在しない、無効、または誤ったコンテナを指定している",
            &[
                "ビルドで imagedefinitions.json（標準 ECS）または imageDetail.json（blue/green）を書き出し、タスク定義のコンテナ名を使用する",
            ],
        ),
        "ecs_artifact_read" => t(
            "アーティファクトからタスク定義または AppSpec ファイルを読み取れなかった（ファイルがない、またはアーティファクトが 3 MB 超）",
            &[
                "ファイルがアーティファクトに含まれているか確認する",
                "アーティファクトを 3 MB 未満に保つ：taskdef.json/appspec.yaml は小さなビルド出力から渡す",
            ],
        ),
        "ecs_artifact_over_3mb" => t(
            "ECS blue/green の入力アーティファクトが、アクションが読み取る上限の 3 MB を超えている",
            &[
                "ソース全体ではなく、小さなビルド出力アーティファクトから taskdef.json と appspec.yaml を渡す",
            ],
        ),
        "lambda_no_result" => t(
            "Lambda アクションの関数が CodePipeline に結果を報告しなかった",
            &[
                "すべての実行経路で関数が PutJobSuccessResult/PutJobFailureResult を呼び出すようにする",
                "関数のロールに codepipeline:PutJobSuccessResult と PutJobFailureResult を許可する",
            ],
        ),
        "lambda_runtime" => t(
            "Lambda アクションの関数が失敗またはタイムアウトした",
            &["該当する呼び出しについて関数の CloudWatch ログを読む"],
        ),
        "approval_rejected_by" => t(
            "{who} が {when} に手動承認を却下した",
            &[
                "レビュー担当者のコメント（下に引用）を読んで対応し、変更を再度リリースする",
                "却下は判断であって障害ではない: パイプラインに修正の必要はない",
            ],
        ),
        "approval_expired_after" => t(
            "手動承認は {waited} 応答がないまま期限切れになった",
            &[
                "ステージを再試行して承認を再依頼する。承認リマインダーが期限前に待機中の承認を通知する",
                "レビューに時間がかかる場合は、アクションの timeoutInMinutes（最大 86,400）を延ばす",
            ],
        ),
        "approval_rejected" => t(
            "レビュアーが手動承認を却下した",
            &["レビュアーのコメントを読んで対応し、変更を再度リリースする"],
        ),
        "approval_expired" => t(
            "手動承認が応答のないまま期限切れになった",
            &["ステージを再試行して再度承認を依頼する。承認通知を設定するか、タイムアウトを延ばす"],
        ),
        _ => return None,
    })
}

pub(super) fn category(c: Category) -> Text {
    match c {
        Category::SourceBranchNotFound => t(
            "ソースブランチが存在しない",
            &["ブランチを作成するか、ソースアクションの BranchName を修正する"],
        ),
        Category::SourceRepoNotFoundOrAccess => t(
            "ソースリポジトリが存在しないか、認証情報で読み取れない",
            &["リポジトリ名とソースの認証情報を確認する"],
        ),
        Category::SourceConnectionUnavailable => t(
            "ソース接続が利用できない",
            &["接続のステータスとアプリのインストール状況を確認する"],
        ),
        Category::IamPermission => t(
            "ロールに権限または信頼関係が不足している",
            &[
                "拒否されたロールとアクションを特定し、権限を付与する（IAM ポリシーシミュレーター、CloudTrail）",
            ],
        ),
        Category::ArtifactStoreAccess => t(
            "アーティファクトバケットまたはオブジェクトにアクセスできない",
            &[
                "アーティファクトバケットが存在し、パイプラインのリージョンにあり、ロールを許可しているか確認する",
            ],
        ),
        Category::ArtifactKms => t(
            "アーティファクトの KMS キーを使用できない",
            &["キーが有効で、キーポリシーがロールを許可しているか確認する"],
        ),
        Category::ThrottlingOrServiceError => {
            t("一時的なサービスエラー", &["ステージを再試行する"])
        }
        Category::QuotaOrLimit => t(
            "サービスの制限に達した",
            &["クォータの引き上げをリクエストするか、サイズ/同時実行数を減らす"],
        ),
        Category::ActionConfigInvalid => {
            t("アクションの設定が無効", &["アクションの設定を修正する"])
        }
        Category::BuildspecError => t("buildspec が存在しないか無効", &["buildspec を修正する"]),
        Category::BuildCommandFailed => t(
            "ビルドコマンドが失敗した",
            &["失敗したコマンドより上のビルドログを読む"],
        ),
        Category::BuildTestFailure => t(
            "ビルド内のテストまたはチェックが失敗した",
            &["失敗したテストまたはチェックを修正する"],
        ),
        Category::BuildCompileError => t("コンパイルに失敗した", &["コンパイラエラーを修正する"]),
        Category::BuildDependencyError => t(
            "依存関係をインストールまたは解決できなかった",
            &["依存関係とランタイムのバージョンを固定し、ロックファイルをコミットする"],
        ),
        Category::BuildOutOfMemory => t(
            "ビルドがメモリ不足になった",
            &["より大きなコンピューティングタイプを使用するか、メモリ使用量を減らす"],
        ),
        Category::BuildTimeout => t(
            "ビルドがタイムアウトした",
            &["停滞しているステップを特定する"],
        ),
        Category::BuildEnvironment => t(
            "ビルド環境で障害が発生した（イメージ、Docker、ディスク、またはネットワーク）",
            &["プロジェクトのイメージ、特権モード、VPC、ディスクを確認する"],
        ),
        Category::BuildConfigError => t(
            "ビルドプロジェクトの設定が不完全",
            &["プロジェクトの環境変数、パラメータ、シークレットを確認する"],
        ),
        Category::BuildArtifactsMissing => t(
            "必要なファイルが存在しない",
            &["アーティファクトのパスと、ファイルがコミット済みまたは生成されているかを確認する"],
        ),
        Category::AppspecError => t(
            "AppSpec ファイルが存在しないか無効",
            &["リビジョンのルートにある appspec.yml を修正する"],
        ),
        Category::DeployScriptFailed => t(
            "デプロイフックスクリプトが失敗した",
            &["失敗したフックのライフサイクルイベントログを読む"],
        ),
        Category::DeployHealth => t(
            "デプロイされたインスタンスまたはタスクが異常",
            &["失敗したインスタンスのライフサイクルイベント、または ECS サービスのイベントを読む"],
        ),
        Category::DeployAlarmRollback => t(
            "アラームによりデプロイがロールバックされた",
            &["デプロイ中のアラームのメトリクスを確認する"],
        ),
        Category::DeployAgent => t(
            "CodeDeploy エージェントが機能していない",
            &[
                "エージェントが実行されており、インスタンスプロファイルで CodeDeploy に接続できるか確認する",
            ],
        ),
        Category::DeployFileConflict => t(
            "デプロイ先に既にファイルが存在する",
            &["file_exists_behavior を設定するか、デプロイ先をクリーンアップする"],
        ),
        Category::CloudformationStackFailure => t(
            "CloudFormation アクションが失敗した",
            &["スタックで最初に失敗したイベントを読む"],
        ),
        Category::EcsDeployConfig => t(
            "ECS のイメージ定義が誤っている",
            &["imagedefinitions.json / imageDetail.json を修正する"],
        ),
        Category::LambdaActionError => t(
            "Lambda アクションが結果を返さなかった",
            &["関数のログと PutJob*Result の呼び出しを確認する"],
        ),
        Category::ApprovalRejected => t(
            "手動承認が却下された",
            &["レビュアーのコメントを読み、再度リリースする"],
        ),
        Category::ApprovalTimeout => t(
            "手動承認が期限切れになった",
            &["ステージを再試行する。承認者への通知を早める"],
        ),
        Category::Unknown => t(
            "エビデンスに既知の障害シグネチャが見つからない",
            &[
                "失敗したアクションの完全なエラーメッセージと、そのアクションが実行したビルド/デプロイのログを添付する",
            ],
        ),
    }
}

pub(super) fn check(kind: CheckKind) -> &'static str {
    match kind {
        CheckKind::BranchExists => "設定されたブランチがリポジトリに存在するか？",
        CheckKind::RepositoryReadable => {
            "リポジトリが存在し、パイプラインの認証情報で読み取れるか？"
        }
        CheckKind::ConnectionAvailable => "接続は AVAILABLE か？",
        CheckKind::RolePermits => {
            "IAM シミュレーションで、拒否されたアクションがロールに許可されるか？"
        }
        CheckKind::ArtifactBucketReachable => {
            "アーティファクトバケットがパイプラインのリージョンに存在し、ロールから読み取れるか？"
        }
        CheckKind::ArtifactKeyUsable => {
            "アーティファクトの KMS キーが有効で、キーポリシーにロールが含まれているか？"
        }
        CheckKind::ArtifactWithinSizeLimit => {
            "入力アーティファクトがアクションのサイズ制限内に収まっているか？"
        }
        CheckKind::ConfiguredResourceExists => "アクション設定で指定されたリソースが存在するか？",
        CheckKind::DeploymentAgentReachable => {
            "ターゲット上の CodeDeploy エージェントがライフサイクルイベントをポーリングして実行したか？"
        }
        CheckKind::TargetsHealthy => {
            "デプロイのインスタンスまたはタスクがヘルスチェックに合格したか？"
        }
    }
}

pub(super) fn missing_logs(family: Family) -> &'static str {
    match family {
        Family::Build => {
            "CodeBuild のログ（失敗したフェーズより上の行）とフェーズのコンテキストを提供する"
        }
        Family::CodeDeploy | Family::EcsBlueGreen => {
            "デプロイの errorInformation と、失敗したライフサイクルイベントの診断情報を提供する"
        }
        Family::CloudFormation => "スタックの最初の CREATE_FAILED/UPDATE_FAILED イベントを提供する",
        Family::Source => "ソースアクションの設定（ブランチ、リポジトリ、接続）を提供する",
        _ => "失敗したアクションのプロバイダーとそのログを提供する",
    }
}

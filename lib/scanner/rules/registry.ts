// The rule registry: every rule file in this directory must be imported and listed here (the
// registry test enforces it). Keep both lists sorted by rule id; one line per rule.
import type { RuleDefinition } from "./define-rule.ts";
import f01EnvBranchDeploys from "./f01-env-branch-deploys.ts";
import f01EnvSpecificCodeCopies from "./f01-env-specific-code-copies.ts";
import f01ManyDeploysOneCodebase from "./f01-many-deploys-one-codebase.ts";
import f01MultipleAppsNoWorkspace from "./f01-multiple-apps-no-workspace.ts";
import f01SharedCodeDuplicated from "./f01-shared-code-duplicated.ts";
import f01SubmoduleAppCode from "./f01-submodule-app-code.ts";
import f02AdhocPackageInstall from "./f02-adhoc-package-install.ts";
import f02BaseImageUnpinned from "./f02-base-image-unpinned.ts";
import f02DownloadThenRun from "./f02-download-then-run.ts";
import f02ImplicitSystemTool from "./f02-implicit-system-tool.ts";
import f02LockfileMissing from "./f02-lockfile-missing.ts";
import f02LooseVersionSpec from "./f02-loose-version-spec.ts";
import f02ManifestMissing from "./f02-manifest-missing.ts";
import f02NonFrozenInstall from "./f02-non-frozen-install.ts";
import f02OsPackageUnpinned from "./f02-os-package-unpinned.ts";
import f02UndeclaredImport from "./f02-undeclared-import.ts";
import f03CommittedSecretFile from "./f03-committed-secret-file.ts";
import f03ConfigFilePrimary from "./f03-config-file-primary.ts";
import f03ConfigGroupedByEnv from "./f03-config-grouped-by-env.ts";
import f03ConfigValidated from "./f03-config-validated.ts";
import f03DefaultCryptoKey from "./f03-default-crypto-key.ts";
import f03DeployValueInCode from "./f03-deploy-value-in-code.ts";
import f03EnvConfigRead from "./f03-env-config-read.ts";
import f03EnvFileRequired from "./f03-env-file-required.ts";
import f03EnvVarsDocumented from "./f03-env-vars-documented.ts";
import f03FrameworkSecretLiteral from "./f03-framework-secret-literal.ts";
import f03HardcodedSecret from "./f03-hardcoded-secret.ts";
import f03IntegrationConfigOutsideEnv from "./f03-integration-config-outside-env.ts";
import f03SecretInDeployManifest from "./f03-secret-in-deploy-manifest.ts";
import f03SecretInImageBuild from "./f03-secret-in-image-build.ts";
import f04AttachedInManifests from "./f04-attached-in-manifests.ts";
import f04EmbeddedBackingService from "./f04-embedded-backing-service.ts";
import f04EnvSwitchedDriver from "./f04-env-switched-driver.ts";
import f04HardcodedInternalEndpoint from "./f04-hardcoded-internal-endpoint.ts";
import f04HardcodedResourceLocator from "./f04-hardcoded-resource-locator.ts";
import f04LocatorFromConfig from "./f04-locator-from-config.ts";
import f05BuildPipelineDefined from "./f05-build-pipeline-defined.ts";
import f05ImageFromRemoteBranch from "./f05-image-from-remote-branch.ts";
import f05MultiStageBuild from "./f05-multi-stage-build.ts";
import f05MutableReleaseTag from "./f05-mutable-release-tag.ts";
import f05PromoteSameArtifact from "./f05-promote-same-artifact.ts";
import f05RebuildPerEnvironment from "./f05-rebuild-per-environment.ts";
import f05RuntimeBuildStep from "./f05-runtime-build-step.ts";
import f05RuntimeCodeMutation from "./f05-runtime-code-mutation.ts";
import f05UnpinnedCiDependency from "./f05-unpinned-ci-dependency.ts";
import f06AppPersistentVolume from "./f06-app-persistent-volume.ts";
import f06EmbeddedDatastore from "./f06-embedded-datastore.ts";
import f06ExternalStateStores from "./f06-external-state-stores.ts";
import f06InMemorySessionStore from "./f06-in-memory-session-store.ts";
import f06LocalFsPersistence from "./f06-local-fs-persistence.ts";
import f06ProcessLocalState from "./f06-process-local-state.ts";
import f06StickySessions from "./f06-sticky-sessions.ts";
import f07AppServerInjection from "./f07-app-server-injection.ts";
import f07EmbeddedServerDependency from "./f07-embedded-server-dependency.ts";
import f07HardcodedListenPort from "./f07-hardcoded-listen-port.ts";
import f07LoopbackBind from "./f07-loopback-bind.ts";
import f07PortFromEnv from "./f07-port-from-env.ts";
import f07PortMismatch from "./f07-port-mismatch.ts";
import f08ConcurrencyFromEnv from "./f08-concurrency-from-env.ts";
import f08DaemonizeOrPidfile from "./f08-daemonize-or-pidfile.ts";
import f08HorizontalScaleDeclared from "./f08-horizontal-scale-declared.ts";
import f08InProcessScheduler from "./f08-in-process-scheduler.ts";
import f08MultiProcessContainer from "./f08-multi-process-container.ts";
import f08ProcessTypesDeclared from "./f08-process-types-declared.ts";
import f08ResourceRequests from "./f08-resource-requests.ts";
import f09ForcedExit from "./f09-forced-exit.ts";
import f09GracePeriodConfig from "./f09-grace-period-config.ts";
import f09HealthcheckDeclared from "./f09-healthcheck-declared.ts";
import f09ReadinessProbe from "./f09-readiness-probe.ts";
import f09SignalSafeEntrypoint from "./f09-signal-safe-entrypoint.ts";
import f09SigtermHandling from "./f09-sigterm-handling.ts";
import f09SlowStartupWork from "./f09-slow-startup-work.ts";
import f09WorkerAckOnCompletion from "./f09-worker-ack-on-completion.ts";
import f10BackingServiceTypeDrift from "./f10-backing-service-type-drift.ts";
import f10BackingServiceVersionDrift from "./f10-backing-service-version-drift.ts";
import f10ContinuousDeployment from "./f10-continuous-deployment.ts";
import f10DevServerInProd from "./f10-dev-server-in-prod.ts";
import f10LocalEnvAsCode from "./f10-local-env-as-code.ts";
import f10RuntimeVersionDrift from "./f10-runtime-version-drift.ts";
import f10TestWithRealServices from "./f10-test-with-real-services.ts";
import f11FileLogSink from "./f11-file-log-sink.ts";
import f11InAppLogShipping from "./f11-in-app-log-shipping.ts";
import f11LibraryConfiguresLogging from "./f11-library-configures-logging.ts";
import f11LogFileInfra from "./f11-log-file-infra.ts";
import f11StdoutLogSink from "./f11-stdout-log-sink.ts";
import f11StructuredLogs from "./f11-structured-logs.ts";
import f11UnbufferedStdout from "./f11-unbuffered-stdout.ts";
import f12AdminCodeShipped from "./f12-admin-code-shipped.ts";
import f12AdminEnvDivergence from "./f12-admin-env-divergence.ts";
import f12MigrationsVersioned from "./f12-migrations-versioned.ts";
import f12OneOffRunner from "./f12-one-off-runner.ts";
import f12OneOffSameRelease from "./f12-one-off-same-release.ts";
import f12ReleasePhaseTask from "./f12-release-phase-task.ts";
import f12SchemaMutationOnBoot from "./f12-schema-mutation-on-boot.ts";

export const RULES: readonly RuleDefinition[] = [
  f01EnvBranchDeploys,
  f01EnvSpecificCodeCopies,
  f01ManyDeploysOneCodebase,
  f01MultipleAppsNoWorkspace,
  f01SharedCodeDuplicated,
  f01SubmoduleAppCode,
  f02AdhocPackageInstall,
  f02BaseImageUnpinned,
  f02DownloadThenRun,
  f02ImplicitSystemTool,
  f02LockfileMissing,
  f02LooseVersionSpec,
  f02ManifestMissing,
  f02NonFrozenInstall,
  f02OsPackageUnpinned,
  f02UndeclaredImport,
  f03CommittedSecretFile,
  f03ConfigFilePrimary,
  f03ConfigGroupedByEnv,
  f03ConfigValidated,
  f03DefaultCryptoKey,
  f03DeployValueInCode,
  f03EnvConfigRead,
  f03EnvFileRequired,
  f03EnvVarsDocumented,
  f03FrameworkSecretLiteral,
  f03HardcodedSecret,
  f03IntegrationConfigOutsideEnv,
  f03SecretInDeployManifest,
  f03SecretInImageBuild,
  f04AttachedInManifests,
  f04EmbeddedBackingService,
  f04EnvSwitchedDriver,
  f04HardcodedInternalEndpoint,
  f04HardcodedResourceLocator,
  f04LocatorFromConfig,
  f05BuildPipelineDefined,
  f05ImageFromRemoteBranch,
  f05MultiStageBuild,
  f05MutableReleaseTag,
  f05PromoteSameArtifact,
  f05RebuildPerEnvironment,
  f05RuntimeBuildStep,
  f05RuntimeCodeMutation,
  f05UnpinnedCiDependency,
  f06AppPersistentVolume,
  f06EmbeddedDatastore,
  f06ExternalStateStores,
  f06InMemorySessionStore,
  f06LocalFsPersistence,
  f06ProcessLocalState,
  f06StickySessions,
  f07AppServerInjection,
  f07EmbeddedServerDependency,
  f07HardcodedListenPort,
  f07LoopbackBind,
  f07PortFromEnv,
  f07PortMismatch,
  f08ConcurrencyFromEnv,
  f08DaemonizeOrPidfile,
  f08HorizontalScaleDeclared,
  f08InProcessScheduler,
  f08MultiProcessContainer,
  f08ProcessTypesDeclared,
  f08ResourceRequests,
  f09ForcedExit,
  f09GracePeriodConfig,
  f09HealthcheckDeclared,
  f09ReadinessProbe,
  f09SignalSafeEntrypoint,
  f09SigtermHandling,
  f09SlowStartupWork,
  f09WorkerAckOnCompletion,
  f10BackingServiceTypeDrift,
  f10BackingServiceVersionDrift,
  f10ContinuousDeployment,
  f10DevServerInProd,
  f10LocalEnvAsCode,
  f10RuntimeVersionDrift,
  f10TestWithRealServices,
  f11FileLogSink,
  f11InAppLogShipping,
  f11LibraryConfiguresLogging,
  f11LogFileInfra,
  f11StdoutLogSink,
  f11StructuredLogs,
  f11UnbufferedStdout,
  f12AdminCodeShipped,
  f12AdminEnvDivergence,
  f12MigrationsVersioned,
  f12OneOffRunner,
  f12OneOffSameRelease,
  f12ReleasePhaseTask,
  f12SchemaMutationOnBoot,
];

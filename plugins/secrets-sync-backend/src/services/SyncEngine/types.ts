import type { V1Namespace } from '@kubernetes/client-node';
import type {
  EngineSupport,
  EnvironmentTopology,
  KeyStatus,
  StatusReason,
  SyncStatus,
} from '@internal/plugin-secrets-sync-common';
import type { z } from 'zod';
import type { EngineContract, EnvironmentConfig } from '../../config';
import type { NamespaceWorkloads } from '../../lib/domain/findConsumers';
import type { SecretChange } from '../../lib/domain/secretDocument';
import type {
  AwsSecretRef,
  AwsSecretSnapshot,
  AwsSecretsService,
} from '../AwsSecrets';
import type {
  CachedKubernetesService,
  KubernetesService,
  SecretSummary,
} from '../Kubernetes';

/** One tenant in one environment: what every engine operation acts on. */
export interface SyncTarget {
  environment: EnvironmentConfig;
  tenantKey: string;
  entityRef: string;
}

/**
 * How values reach the cluster in one environment. The router and the
 * orchestration know engines only through this interface, so an engine
 * (such as ESO's `external-secret`) is added without touching them.
 */
export interface SyncEngine {
  /** The AWS Secrets Manager secret the tenant's values are written to. */
  awsSecretRef(target: SyncTarget): AwsSecretRef;
  /**
   * The environment's facts and derived status. Never throws for a failed
   * read: the failure becomes the `error` status with its reason.
   */
  readStatus(target: SyncTarget): Promise<EnvironmentTopology>;
  /**
   * Writes the tenant's values where the engine takes them from, when that
   * is not the AWS secret (the push-secret engine's source Secret); absent,
   * values are written to AWS.
   */
  writeValues?(
    target: SyncTarget,
    change: SecretChange,
  ): Promise<EngineWriteResult>;
  /** Called after values were written to AWS; may ask the cluster to re-read now. */
  afterWrite(
    target: SyncTarget,
  ): Promise<{ syncRequested: boolean; warning?: string }>;
  /** Asks the cluster side to re-read AWS now. */
  forceSync(
    target: SyncTarget,
  ): Promise<{ targets: string[]; warning?: string }>;
  /** Turns sync on or off for the tenant in this environment. */
  setEnabled(target: SyncTarget, enabled: boolean): Promise<void>;
}

/** What an engine's own write did: key names after it, never values. */
export interface EngineWriteResult {
  outcome: 'written' | 'unchanged';
  /** Key names the written object holds after the write. */
  keys: string[];
  versionId?: string;
}

/** Picks the engine an environment is configured with. */
export type SyncEngineResolver = (environment: EnvironmentConfig) => SyncEngine;

/** A read's value or its error, so one failing hop never hides the others. */
export interface Settled<T> {
  value?: T;
  error?: unknown;
}

/** What engine code may call: the services, the grace period and the clock. */
export interface EngineDeps {
  aws: Pick<AwsSecretsService, 'read'>;
  kubernetes: KubernetesService;
  pendingGracePeriodMs: number;
  now: () => Date;
}

/**
 * What every engine reads for an environment, in the shape the shared
 * topology code turns into the AWS, namespace, Secret and consumer hops.
 * An engine's own facts extend it.
 */
export interface EngineFacts {
  /** When the facts were read; `derive` judges grace periods against it. */
  readAt: Date;
  aws: { ref: AwsSecretRef; read: Settled<AwsSecretSnapshot> };
  namespace: { name: string; read: Settled<V1Namespace | undefined> };
  /** Whether sync is on for the tenant, as the engine defines it. */
  optedIn: boolean;
  lastForceSyncAt?: Date;
  /** The Secret the engine fills; `name` is empty when no name is known yet. */
  secret: {
    name: string;
    read: Settled<SecretSummary | undefined>;
    /** Whether the Secret is the one the engine manages (labels, owner). */
    owned: boolean;
  };
  workloads: Settled<NamespaceWorkloads>;
  /**
   * When the cluster last confirmed what was read, where the reads came
   * from a watch cache not confirmed for a few seconds.
   */
  kubernetesAsOf?: Date;
}

/** A status with the reason behind it; `keys` when the engine compared them itself. */
export interface EngineStatus {
  status: SyncStatus;
  reason?: StatusReason;
  keys?: KeyStatus[];
}

/** The watch caches a fleet pass warms for an environment's cluster. */
export type FleetWarmUp = Omit<
  Parameters<CachedKubernetesService['warmUp']>[0][number],
  'cluster'
>;

/**
 * How a fleet pass batches an environment's reads before deriving statuses
 * from memory: the AWS name prefix listed account-wide, and the caches of
 * the cluster it warms besides namespaces, Secrets and workloads.
 */
export interface FleetReads {
  awsNamePrefix: string;
  warmUp: FleetWarmUp;
  /**
   * The Secret, in the tenant's namespace, that this engine's controller
   * stamps with the AWS version its data came from (docs/operator-contract.md,
   * "Version stamp"): a fleet pass trusts the stamp instead of reading values.
   */
  stampedSecret?: StampedSecret;
}

/** A Secret stamped with its AWS version: its name and the labels that make it the controller's. */
export interface StampedSecret {
  secretName: string;
  ownerLabels: Record<string, string>;
}

/**
 * A sync engine as a plug-in: its config block, what it reads, how it
 * derives a status, and what it does on a write, a force sync and an
 * enable. `services/SyncEngine/registry.ts` lists every engine; nothing
 * outside an engine's folder branches on its type. See the backend
 * README, "Adding an engine".
 */
export interface EngineDefinition<
  C extends EngineContract = EngineContract,
  F extends EngineFacts = EngineFacts,
> {
  /** `engine.type` in config, e.g. `namespace-annotation`. */
  type: string;
  /**
   * The `engine` block of an environment without `type`, every default
   * applied. Messages of its issues name what is wrong and never quote a
   * value that could be secret; the config reader prefixes the path.
   */
  contractSchema: z.ZodType<C>;
  /** Which of force sync and enable/disable the engine takes; the topology tells clients. */
  supports: EngineSupport;
  /** Reads the environment's facts; never throws for a failed read (see `Settled`). */
  readFacts(target: SyncTarget, contract: C, deps: EngineDeps): Promise<F>;
  /** The status the facts mean: pure, no reads, no clock but `facts.readAt`. */
  derive(facts: F, settings: { gracePeriodMs: number }): EngineStatus;
  /** The engine's own part of the topology, beside the shared hops (e.g. `eso`). */
  topology?(facts: F, status: EngineStatus): Partial<EnvironmentTopology>;
  /**
   * Writes the values somewhere other than the AWS secret (the push-secret
   * engine writes its source Secret); absent, they go to AWS. Values are
   * never read back: only digests and key names.
   */
  writeValues?(
    target: SyncTarget,
    contract: C,
    change: SecretChange,
    deps: EngineDeps,
  ): Promise<EngineWriteResult>;
  afterWrite(
    target: SyncTarget,
    contract: C,
    deps: EngineDeps,
  ): Promise<{ syncRequested: boolean; warning?: string }>;
  forceSync(
    target: SyncTarget,
    contract: C,
    deps: EngineDeps,
  ): Promise<{ targets: string[]; warning?: string }>;
  setEnabled(
    target: SyncTarget,
    contract: C,
    enabled: boolean,
    deps: EngineDeps,
  ): Promise<void>;
  /** What a fleet pass reads ahead for an environment of this engine. */
  fleetReads(contract: C): FleetReads;
}

/** Any engine of the registry, whatever its contract and facts. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEngineDefinition = EngineDefinition<any, any>;

/** An engine ready to use, with what a fleet pass reads ahead for it. */
export interface BoundSyncEngine extends SyncEngine {
  fleetReads(environment: EnvironmentConfig): FleetReads;
}

/** Picks the bound engine of an environment. */
export type BoundSyncEngineResolver = (
  environment: EnvironmentConfig,
) => BoundSyncEngine;

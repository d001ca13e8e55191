import type {
  StatusReason,
  SyncStatus,
} from '@internal/plugin-secrets-sync-common';
import type { SecretChange } from '../../lib/domain/secretDocument';
import type { SyncTarget } from '../SyncEngine';

/** A write that landed in a restricted environment. */
export interface RestrictedWriteEvent {
  target: SyncTarget;
  /** The person who wrote, as an entity ref. */
  actor: string;
  /** Only its key names are told; its values never leave the write. */
  change: SecretChange;
  versionId?: string;
}

/** An environment of an entity that has just turned `error` or `drifted`. */
export interface StatusTurnedEvent {
  entityRef: string;
  environment: string;
  environmentTitle: string;
  status: Extract<SyncStatus, 'error' | 'drifted'>;
  reason?: StatusReason;
}

/**
 * Tells an entity's owners, through Backstage's notifications, what they
 * should know about their secrets. Sending never fails the caller: a
 * notification that could not be sent is logged.
 */
export interface OwnerNotifier {
  restrictedWrite(event: RestrictedWriteEvent): Promise<void>;
  statusTurned(event: StatusTurnedEvent): Promise<void>;
}

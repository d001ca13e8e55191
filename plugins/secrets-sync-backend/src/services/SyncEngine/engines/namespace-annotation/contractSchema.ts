import { z } from 'zod';
import {
  DEFAULT_NAMESPACE_ANNOTATION_CONTRACT,
  NamespaceAnnotationContract,
} from '@internal/plugin-secrets-sync-common';
import { tenantTemplate, text } from '../../contractSchemas';

/** Where the reference operator of the sandbox keeps its leader-election Lease. */
export const DEFAULT_OPERATOR_LEASE = Object.freeze({
  namespace: 'default',
  name: 'secrets-sync-operator',
});

/** The operator's leader-election Lease, read to tell a stopped operator. */
export interface OperatorLeaseConfig {
  namespace: string;
  name: string;
}

/**
 * The operator contract (docs/operator-contract.md) as an environment's
 * `engine` block configures it,
 * plus where the operator's Lease is, when the platform says so.
 */
export interface NamespaceAnnotationEngineContract
  extends NamespaceAnnotationContract {
  /** Unset: the operator's liveness is not read. */
  operatorLease?: OperatorLeaseConfig;
}

const defaults = DEFAULT_NAMESPACE_ANNOTATION_CONTRACT;

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

const leaseField = (fallback: string) =>
  z
    .string()
    .regex(DNS_SUBDOMAIN, { error: 'must be a lowercase DNS subdomain' })
    .default(fallback);

/** The `engine` block of a `namespace-annotation` environment, defaults applied. */
export const namespaceAnnotationContractSchema: z.ZodType<NamespaceAnnotationEngineContract> =
  z.object({
    namespaceTemplate: tenantTemplate(defaults.namespaceTemplate),
    awsKeyTemplate: tenantTemplate(defaults.awsKeyTemplate),
    optInAnnotation: text(defaults.optInAnnotation),
    enabledValue: text(defaults.enabledValue),
    forceSyncAnnotation: text(defaults.forceSyncAnnotation),
    secretName: text(defaults.secretName),
    ownerLabels: z
      .record(z.string(), z.string({ error: 'must be a string' }))
      .default(() => ({ ...defaults.ownerLabels })),
    operatorLease: z
      .object({
        namespace: leaseField(DEFAULT_OPERATOR_LEASE.namespace),
        name: leaseField(DEFAULT_OPERATOR_LEASE.name),
      })
      .optional(),
  });

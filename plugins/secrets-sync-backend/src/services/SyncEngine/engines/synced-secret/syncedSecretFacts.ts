import type { CustomObject, CustomObjectApi } from '../../../Kubernetes';
import type { SyncedSecretContract } from './contractSchema';

/**
 * The parts of a kube-secret-syncer `SyncedSecret` the engine reads, as its
 * CRD (`secrets.contentful.com/v1`) defines them. The controller writes a
 * Secret of the SyncedSecret's own name in its namespace.
 */
export interface SyncedSecret extends CustomObject {
  spec?: {
    dataFrom?: { secretRef?: { name?: string } };
    data?: Array<{
      name?: string;
      value?: string;
      valueFrom?: {
        secretRef?: { name?: string };
        secretKeyRef?: { name?: string; key?: string };
        template?: string;
      };
    }>;
  };
  status?: { currentVersionID?: string; generatedSecretHash?: string };
}

/** Where SyncedSecrets are served, by the contract. */
export function syncedSecretApi(
  contract: Pick<SyncedSecretContract, 'apiGroup' | 'apiVersion'>,
): CustomObjectApi {
  return {
    group: contract.apiGroup,
    version: contract.apiVersion,
    plural: 'syncedsecrets',
  };
}

function names(secret: { name: string; arn?: string }, key?: string) {
  return (
    key === secret.name || (secret.arn !== undefined && key === secret.arn)
  );
}

/**
 * Which key of the Secret holds which key of the AWS document: every key
 * with `dataFrom.secretRef`, or the fields of `data` whose `secretKeyRef`
 * names the AWS secret. Literal values and templates come from elsewhere
 * and are not compared.
 */
export function keyMapping(
  syncedSecret: SyncedSecret,
  secret: { name: string; arn?: string },
): { all: boolean; fields: Array<{ awsKey: string; secretKey: string }> } {
  const all = names(secret, syncedSecret.spec?.dataFrom?.secretRef?.name);
  const fields = (syncedSecret.spec?.data ?? []).flatMap(field => {
    const ref = field.valueFrom?.secretKeyRef;
    return field.name && ref?.key && names(secret, ref.name)
      ? [{ awsKey: ref.key, secretKey: field.name }]
      : [];
  });
  return { all, fields };
}

/** Whether a SyncedSecret takes values from the AWS secret of this name (or ARN). */
export function takesSecret(
  syncedSecret: SyncedSecret,
  secret: { name: string; arn?: string },
): boolean {
  const { all, fields } = keyMapping(syncedSecret, secret);
  return all || fields.length > 0;
}

import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Divider from '@material-ui/core/Divider';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import LockIcon from '@material-ui/icons/Lock';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  explainEnvironment,
  type NextAction,
  type Tone,
} from '../../lib/statusPresentation';
import { useRestrictedConfirmation } from '../../hooks/useRestrictedConfirmation';
import { StatusChip } from '../StatusChip';
import { RestartWorkloads } from '../RestartWorkloads';
import { VersionHistory } from '../VersionHistory';
import { ClusterExternalSecretFanOut } from './ClusterExternalSecretFanOut';
import { ConsumersList } from './ConsumersList';
import {
  EnvironmentActions,
  type EnvironmentActionsProps,
} from './EnvironmentActions';
import { FactList } from './FactList';
import { KeysTable } from './KeysTable';
import { PushSecretStores } from './PushSecretStores';
import { SharedSecretsReceived } from './SharedSecretsReceived';
import { SyncedSecretFacts } from './SyncedSecretFacts';
import { timeFact } from './TimeFact';

const SEVERITY: Record<Tone, 'success' | 'info' | 'warning' | 'error'> = {
  ok: 'success',
  progress: 'info',
  warning: 'warning',
  error: 'error',
  inactive: 'info',
};

/** The engine in words; an engine not named here is the operator contract's. */
const ENGINE_NAMES: Record<string, string> = {
  'cluster-external-secret':
    'External Secrets Operator (ClusterExternalSecret)',
  'external-secret': 'External Secrets Operator',
  'push-secret': 'External Secrets Operator (PushSecret)',
  'synced-secret': 'kube-secret-syncer',
};

const ACTION_LABELS: Record<NextAction, string> = {
  'enable-sync': 'Enable sync',
  'write-values': 'Write values',
  'force-sync': 'Force sync',
};

function yesNo(value: boolean | undefined, yes: string, no: string) {
  if (value === undefined) return undefined;
  return value ? yes : no;
}

/** Props of {@link EnvironmentDetail}. */
export type EnvironmentDetailProps = EnvironmentActionsProps & {
  /** Called after something here changed AWS, such as a rollback, so the view is read again. */
  onChanged?: () => void;
};

/**
 * Everything known about one environment: what its status means and what
 * to do, the AWS and Kubernetes facts, keys, ESO condition and consumers.
 */
export function EnvironmentDetail(props: EnvironmentDetailProps) {
  const { env, permissions } = props;
  const explanation = explainEnvironment(env);
  const { aws, kubernetes: k8s, eso } = env;
  const name = env.environment.name;

  const restricted = useRestrictedConfirmation(env);
  const mayMutateHere =
    !env.environment.restricted || permissions.canWriteRestricted;
  const actionAllowed: Record<NextAction, boolean> = {
    'enable-sync':
      permissions.canConfigure && mayMutateHere && k8s.namespaceExists,
    'write-values': env.environment.restricted
      ? permissions.canWriteRestricted
      : permissions.canWrite,
    // kube-secret-syncer polls and has no force sync
    'force-sync':
      permissions.canForceSync &&
      mayMutateHere &&
      k8s.optedIn &&
      !env.syncedSecret,
  };
  const runAction = (action: NextAction) => {
    if (action === 'enable-sync') {
      restricted.guard('Enable sync', confirmed =>
        props.onSetEnabled(name, true, confirmed),
      );
    }
    if (action === 'write-values') props.onWrite(name);
    if (action === 'force-sync') {
      restricted.guard('Force a sync', confirmed =>
        props.onForceSync(name, confirmed),
      );
    }
  };

  return (
    <Box data-testid={`environment-detail-${name}`}>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography variant="h6" component="h2">
          {env.environment.title}
        </Typography>
        <StatusChip status={env.status} size="medium" />
        {env.environment.restricted && (
          <Chip
            size="small"
            variant="outlined"
            icon={<LockIcon />}
            label="restricted"
          />
        )}
        <Typography variant="body2" color="textSecondary">
          {ENGINE_NAMES[env.environment.engine] ??
            'namespace annotation operator'}
        </Typography>
        <Box flexGrow={1} />
        {/* facts withheld: nothing of this environment is this entity's to change */}
        {!env.withheld && <EnvironmentActions {...props} />}
        {restricted.dialog}
      </Box>

      <Box marginY={2}>
        <Alert
          severity={SEVERITY[explanation.tone]}
          action={
            explanation.action &&
            actionAllowed[explanation.action] &&
            !env.withheld ? (
              <Button
                color="inherit"
                size="small"
                onClick={() => runAction(explanation.action!)}
              >
                {ACTION_LABELS[explanation.action]}
              </Button>
            ) : undefined
          }
        >
          <AlertTitle>{explanation.meaning}</AlertTitle>
          {explanation.nextStep}
        </Alert>
      </Box>

      {!env.withheld && (
        <>
          <Grid container spacing={3}>
            <Grid item xs={12} md={6}>
              <FactList
                title="AWS Secrets Manager"
                facts={[
                  ['Account', `${aws.accountId} (${aws.region})`],
                  ['Secret', <code key="s">{aws.secretName}</code>],
                  ['Exists', yesNo(aws.exists, 'yes', 'no')],
                  [
                    'Managed tag',
                    yesNo(
                      aws.managed,
                      'yes',
                      // under push-secret ESO writes the AWS secret, the portal its source Secret
                      env.pushSecret
                        ? 'no: ESO pushes it from the source Secret'
                        : 'no: the portal will not write it',
                    ),
                  ],
                  [
                    'Version',
                    aws.versionId && <code key="v">{aws.versionId}</code>,
                  ],
                  ['Last change', timeFact(aws.lastChangedAt)],
                  ['Deletion scheduled', timeFact(aws.deletionScheduledAt)],
                ]}
              />
            </Grid>
            <Grid item xs={12} md={6}>
              <FactList
                title="Kubernetes"
                facts={[
                  ['Cluster', k8s.cluster],
                  [
                    'Namespace',
                    `${k8s.namespace}${
                      k8s.namespaceExists ? '' : ' (missing)'
                    }`,
                  ],
                  ['Sync', k8s.optedIn ? 'enabled' : 'not enabled'],
                  [
                    'Secret',
                    k8s.secret
                      ? `${k8s.secretName}${
                          k8s.secret.owned ? '' : ' (not owned by the operator)'
                        }`
                      : `${k8s.secretName} (not created)`,
                  ],
                  ['Secret updated', timeFact(k8s.secret?.updatedAt)],
                  ['Resource version', k8s.secret?.resourceVersion],
                  ['Last force sync', timeFact(k8s.lastForceSyncAt) ?? 'never'],
                ]}
              />
            </Grid>
            {eso && (
              <Grid item xs={12}>
                <FactList
                  title="External Secrets Operator"
                  facts={[
                    [
                      'Resource',
                      eso.resourceName &&
                        `${eso.apiVersion ?? ''} ${eso.resourceName}`.trim(),
                    ],
                    ['Ready', eso.ready],
                    ['Reason', eso.reason],
                    ['Condition', eso.message],
                    ['Last refresh', timeFact(eso.refreshTime)],
                    ['Refresh policy', eso.refreshPolicy],
                    ['Warning', eso.warning],
                  ]}
                />
              </Grid>
            )}
            {env.syncedSecret && (
              <Grid item xs={12}>
                <SyncedSecretFacts facts={env.syncedSecret} />
              </Grid>
            )}
            {env.pushSecret && (
              <Grid item xs={12}>
                <PushSecretStores
                  facts={env.pushSecret}
                  awsVersionId={aws.versionId}
                />
              </Grid>
            )}
            {env.clusterExternalSecret ? (
              <Grid item xs={12}>
                <ClusterExternalSecretFanOut
                  facts={env.clusterExternalSecret}
                />
              </Grid>
            ) : (
              <Grid item xs={12}>
                <SharedSecretsReceived env={env} />
              </Grid>
            )}
          </Grid>

          <Box marginY={2}>
            <Divider />
          </Box>
          <Grid container spacing={3}>
            <Grid item xs={12} md={6}>
              <Typography variant="overline" component="h3">
                Keys
              </Typography>
              <KeysTable keys={env.keys} />
            </Grid>
            <Grid item xs={12} md={6}>
              <Typography variant="overline" component="h3">
                Consuming workloads
              </Typography>
              <ConsumersList
                consumers={env.consumers}
                restartControl={<RestartWorkloads env={env} />}
              />
            </Grid>
          </Grid>
          <Box marginY={2}>
            <Divider />
          </Box>
          <VersionHistory env={env} onRolledBack={props.onChanged} />
        </>
      )}
    </Box>
  );
}

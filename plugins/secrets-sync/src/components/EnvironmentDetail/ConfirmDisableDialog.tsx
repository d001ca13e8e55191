import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import type { EnvironmentTopology } from '@internal/plugin-secrets-sync-common';

/** Asks before opting a namespace out: workloads may depend on the Secret. */
export function ConfirmDisableDialog(props: {
  env: EnvironmentTopology;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { env } = props;
  const consumers = env.consumers.length;
  return (
    <Dialog open onClose={props.onCancel} aria-labelledby="disable-sync-title">
      <DialogTitle id="disable-sync-title">
        Disable sync in {env.environment.title}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          Namespace {env.kubernetes.namespace} opts out, and changes written to
          AWS Secrets Manager stop reaching Secret {env.kubernetes.secretName}.
          {consumers > 0 &&
            ` ${consumers} workload${
              consumers === 1 ? ' reads' : 's read'
            } that Secret.`}{' '}
          {env.environment.restricted &&
            ` ${env.environment.title} is a restricted environment (account ${env.environment.aws.accountId}).`}{' '}
          You can enable it again at any time.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button color="secondary" variant="contained" onClick={props.onConfirm}>
          Disable sync
        </Button>
      </DialogActions>
    </Dialog>
  );
}

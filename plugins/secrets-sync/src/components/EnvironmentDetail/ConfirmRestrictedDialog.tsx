import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import type { EnvironmentTopology } from '@internal/plugin-secrets-sync-common';

/**
 * Asks before a mutation in a restricted environment: the backend refuses
 * one that was not explicitly confirmed.
 */
export function ConfirmRestrictedDialog(props: {
  env: EnvironmentTopology;
  /** What is about to happen, such as "Force a sync". */
  action: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { env, action } = props;
  return (
    <Dialog
      open
      onClose={props.onCancel}
      aria-labelledby="confirm-restricted-title"
    >
      <DialogTitle id="confirm-restricted-title">
        {action} in {env.environment.title}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText data-testid="restricted-action-confirmation">
          {env.environment.title} is a restricted environment (account{' '}
          {env.environment.aws.accountId}). This changes what its workloads
          receive.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button color="primary" variant="contained" onClick={props.onConfirm}>
          {action} in {env.environment.title}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

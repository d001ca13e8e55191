import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';

/** Shown when no answer came from the secrets-sync backend. */
export function BackendUnreachable(props: {
  message: string;
  onRetry: () => void;
}) {
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" size="small" onClick={props.onRetry}>
          Retry
        </Button>
      }
    >
      <AlertTitle>The secrets-sync backend could not be reached</AlertTitle>
      The portal got no answer about this component's secrets ({props.message}).
      Nothing was changed. Retry in a moment; if it keeps failing, the
      secrets-sync backend is down.
    </Alert>
  );
}

import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';

/** Shown when the backend refuses to show this entity's secrets to the user. */
export function NotAllowed(props: { message: string }) {
  return (
    <Alert severity="info" data-testid="secrets-sync-not-allowed">
      <AlertTitle>
        You may not see where this component's secrets live
      </AlertTitle>
      {props.message} Ask one of the component's owners if you need access.
    </Alert>
  );
}

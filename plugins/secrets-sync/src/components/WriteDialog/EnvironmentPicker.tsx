import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { Environment } from '@internal/plugin-secrets-sync-common';

/** Props of {@link EnvironmentPicker}. */
export interface EnvironmentPickerProps {
  environments: Environment[];
  selected: string[];
  canWriteRestricted: boolean;
  confirmRestricted: boolean;
  onChange: (selected: string[]) => void;
  onConfirmRestricted: (confirmed: boolean) => void;
}

/**
 * Which environments to write to. Restricted environments need the
 * restricted permission and an explicit confirmation naming them.
 */
export function EnvironmentPicker(props: EnvironmentPickerProps) {
  const { environments, selected } = props;
  const restrictedSelected = environments.filter(
    e => e.restricted && selected.includes(e.name),
  );
  const toggle = (name: string) =>
    props.onChange(
      selected.includes(name)
        ? selected.filter(s => s !== name)
        : [...selected, name],
    );
  return (
    <Box>
      <Typography variant="subtitle2">Environments</Typography>
      <FormGroup row>
        {environments.map(env => {
          const forbidden = env.restricted && !props.canWriteRestricted;
          return (
            <FormControlLabel
              key={env.name}
              disabled={forbidden}
              control={
                <Checkbox
                  checked={selected.includes(env.name)}
                  onChange={() => toggle(env.name)}
                  name={env.name}
                />
              }
              label={
                env.restricted
                  ? `${env.title} (restricted${
                      forbidden ? ', not allowed for you' : ''
                    })`
                  : env.title
              }
            />
          );
        })}
      </FormGroup>
      {restrictedSelected.length > 0 && (
        <Alert severity="warning" data-testid="restricted-confirmation">
          {restrictedSelected
            .map(
              e =>
                `${e.title} is a restricted environment (account ${e.aws.accountId})`,
            )
            .join('. ')}
          . You can write values there but you cannot read them back.
          <FormControlLabel
            control={
              <Checkbox
                checked={props.confirmRestricted}
                onChange={e => props.onConfirmRestricted(e.target.checked)}
                name="confirm-restricted"
              />
            }
            label={`I mean to write to ${restrictedSelected
              .map(e => e.title)
              .join(', ')}`}
          />
        </Alert>
      )}
    </Box>
  );
}

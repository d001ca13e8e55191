import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import CheckIcon from '@material-ui/icons/CheckCircle';
import CrossIcon from '@material-ui/icons/RemoveCircleOutline';
import UnknownIcon from '@material-ui/icons/HelpOutline';
import type { KeyStatus } from '@internal/plugin-secrets-sync-common';
import { TONE_COLOURS } from '../../lib/statusPresentation';

/** Yes, no, or unknown: a side that could not be read says nothing of a key. */
function Mark(props: {
  yes: boolean | undefined;
  label: string;
  noColour?: string;
}) {
  if (props.yes === undefined) {
    return (
      <UnknownIcon
        fontSize="small"
        titleAccess={`${props.label}: unknown (could not be read)`}
        style={{ color: TONE_COLOURS.inactive }}
      />
    );
  }
  const Icon = props.yes ? CheckIcon : CrossIcon;
  return (
    <Icon
      fontSize="small"
      titleAccess={`${props.label}: ${props.yes ? 'yes' : 'no'}`}
      style={{
        color: props.yes
          ? TONE_COLOURS.ok
          : props.noColour ?? TONE_COLOURS.inactive,
      }}
    />
  );
}

/** Key names (never values) and where each key is present and in sync. */
export function KeysTable(props: { keys: KeyStatus[] }) {
  if (props.keys.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No keys.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Keys">
      <TableHead>
        <TableRow>
          <TableCell>Key</TableCell>
          <TableCell align="center">In AWS</TableCell>
          <TableCell align="center">In Secret</TableCell>
          <TableCell align="center">In sync</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.keys.map(key => (
          <TableRow key={key.name} data-testid={`key-${key.name}`}>
            <TableCell>
              <code>{key.name}</code>
            </TableCell>
            <TableCell align="center">
              <Mark yes={key.inAws} label="In AWS" />
            </TableCell>
            <TableCell align="center">
              <Mark yes={key.inSecret} label="In Secret" />
            </TableCell>
            <TableCell align="center">
              <Mark
                yes={key.inSync}
                label="In sync"
                noColour={TONE_COLOURS.warning}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

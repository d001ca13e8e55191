import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';

/** Keys already stored, each can be marked to unset. */
export function ExistingKeys(props: {
  keys: string[];
  unset: string[];
  onToggle: (key: string) => void;
}) {
  if (props.keys.length === 0) {
    return null;
  }
  return (
    <Box>
      <Typography variant="subtitle2" gutterBottom>
        Existing keys: click one to unset it
      </Typography>
      <Box display="flex" flexWrap="wrap" style={{ gap: 6 }}>
        {props.keys.map(key => {
          const marked = props.unset.includes(key);
          return (
            <Chip
              key={key}
              size="small"
              clickable
              color={marked ? 'secondary' : 'default'}
              variant={marked ? 'default' : 'outlined'}
              label={marked ? <s>{key}</s> : key}
              aria-pressed={marked}
              aria-label={marked ? `Keep ${key}` : `Unset ${key}`}
              onClick={() => props.onToggle(key)}
            />
          );
        })}
      </Box>
    </Box>
  );
}

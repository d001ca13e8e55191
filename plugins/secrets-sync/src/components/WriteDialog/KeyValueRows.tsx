import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/DeleteOutline';
import VisibilityIcon from '@material-ui/icons/Visibility';
import VisibilityOffIcon from '@material-ui/icons/VisibilityOff';
import { summarizeValue, type ValueSummary } from '../../lib/summarizeValue';

/**
 * One key/value being edited; `id` keeps React keys stable while typing.
 * The value itself lives only in its input element (see
 * {@link ValueInputs}): React state and the DOM's attributes never hold it.
 */
export interface KeyValueRow {
  id: number;
  key: string;
  value: ValueSummary;
}

/** Registers a row's value input element, or unregisters it (null). */
export type ValueInputs = (id: number, input: HTMLInputElement | null) => void;

function RowEditor(props: {
  row: KeyValueRow;
  index: number;
  error?: string;
  onChange: (row: KeyValueRow) => void;
  onRemove: () => void;
  valueInputs: ValueInputs;
}) {
  const { row, index, error, valueInputs } = props;
  const [revealed, setRevealed] = useState(false);
  return (
    <Box display="flex" alignItems="flex-start" style={{ gap: 8 }}>
      <TextField
        label="Key"
        size="small"
        variant="outlined"
        value={row.key}
        error={Boolean(error)}
        helperText={error}
        inputProps={{ 'aria-label': `Key ${index + 1}`, spellCheck: false }}
        onChange={e => props.onChange({ ...row, key: e.target.value.trim() })}
        style={{ flex: '0 0 38%' }}
      />
      <TextField
        label="Value"
        size="small"
        variant="outlined"
        type={revealed ? 'text' : 'password'}
        autoComplete="new-password"
        // uncontrolled: a controlled input would mirror the value into its
        // `value` attribute, where anything serialising the page reads it
        inputRef={(input: HTMLInputElement | null) =>
          valueInputs(row.id, input)
        }
        inputProps={{ 'aria-label': `Value ${index + 1}`, spellCheck: false }}
        onChange={e =>
          props.onChange({ ...row, value: summarizeValue(e.target.value) })
        }
        style={{ flex: 1 }}
        InputProps={{
          endAdornment: (
            <InputAdornment position="end">
              <IconButton
                size="small"
                aria-label={
                  revealed
                    ? `Hide value ${index + 1}`
                    : `Show value ${index + 1}`
                }
                onClick={() => setRevealed(!revealed)}
              >
                {revealed ? (
                  <VisibilityOffIcon fontSize="small" />
                ) : (
                  <VisibilityIcon fontSize="small" />
                )}
              </IconButton>
            </InputAdornment>
          ),
        }}
      />
      <IconButton
        aria-label={`Remove row ${index + 1}`}
        onClick={props.onRemove}
      >
        <DeleteIcon />
      </IconButton>
    </Box>
  );
}

/** Editable key/value rows with masked, uncontrolled value inputs. */
export function KeyValueRows(props: {
  rows: KeyValueRow[];
  errors: Record<number, string>;
  onChange: (rows: KeyValueRow[]) => void;
  onAdd: () => void;
  valueInputs: ValueInputs;
}) {
  const { rows, errors, onChange, valueInputs } = props;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      {rows.map((row, index) => (
        <RowEditor
          key={row.id}
          row={row}
          index={index}
          error={errors[index]}
          onChange={next =>
            onChange(rows.map(r => (r.id === row.id ? next : r)))
          }
          onRemove={() => onChange(rows.filter(r => r.id !== row.id))}
          valueInputs={valueInputs}
        />
      ))}
      <Box>
        <Button size="small" startIcon={<AddIcon />} onClick={props.onAdd}>
          Add key
        </Button>
      </Box>
    </Box>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import Typography from '@material-ui/core/Typography';
import {
  useTemplateSecrets,
  type FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import type { DotEnvEntry } from '../../lib/parseDotEnv';
import { EMPTY_VALUE, summarizeValue } from '../../lib/summarizeValue';
import { validateWriteDraft } from '../../lib/validateWrite';
import { DotEnvPaste } from '../WriteDialog/DotEnvPaste';
import {
  KeyValueRows,
  type KeyValueRow,
  type ValueInputs,
} from '../WriteDialog/KeyValueRows';
import {
  DEFAULT_SECRETS_PREFIX,
  type SecretsFieldOptions,
  type SecretsFieldValue,
} from './secretsFieldValue';

/**
 * A scaffolder form field for several secret values at once: the write
 * dialog's key/value rows and its `.env` paste. Key names go into the
 * parameters (`{ keys }`), each value into the task's secrets at
 * `secretsPrefix + key`, which the scaffolder never returns nor logs. As in
 * the write dialog, a value lives only in its masked, uncontrolled input
 * (and the secrets context): never in React state, the DOM's text or an
 * attribute.
 */
export function SecretsSyncValuesField(
  props: FieldExtensionComponentProps<SecretsFieldValue, SecretsFieldOptions>,
) {
  const { onChange, rawErrors, required, schema, uiSchema, formData } = props;
  const prefix =
    uiSchema?.['ui:options']?.secretsPrefix ?? DEFAULT_SECRETS_PREFIX;
  const { secrets, setSecrets } = useTemplateSecrets();
  const nextId = useRef(1);
  const inputs = useRef(new Map<number, HTMLInputElement>());
  // values waiting for their input to mount: pasted ones, and those kept in
  // the secrets while the form showed another step
  const pending = useRef(new Map<number, string>());
  // secret names this field has set, so a renamed or removed key is blanked
  const written = useRef(new Set<string>());

  const newRow = (key = '', value = ''): KeyValueRow => {
    const id = nextId.current++;
    if (value) {
      pending.current.set(id, value);
    }
    return { id, key, value: value ? summarizeValue(value) : EMPTY_VALUE };
  };
  const [rows, setRows] = useState<KeyValueRow[]>(() => {
    const kept = (formData?.keys ?? []).map(key =>
      newRow(key, secrets[`${prefix}${key}`] ?? ''),
    );
    return kept.length ? kept : [newRow()];
  });

  const valueOf = (row: KeyValueRow) =>
    inputs.current.get(row.id)?.value ?? pending.current.get(row.id) ?? '';

  /** Key names to the parameters, values to the secrets. */
  const publish = (next: KeyValueRow[]) => {
    const filled = next.filter(row => row.key !== '');
    const update: Record<string, string> = {};
    const names = new Set<string>();
    for (const row of filled) {
      const name = `${prefix}${row.key}`;
      names.add(name);
      update[name] = valueOf(row);
    }
    for (const name of written.current) {
      if (!names.has(name)) {
        update[name] = '';
      }
    }
    written.current = names;
    setSecrets(update);
    const problems = validateWriteDraft({
      rows: next,
      unset: [],
      environments: ['any'],
      restrictedSelected: [],
      confirmRestricted: false,
    });
    const messages = [...Object.values(problems.rows), ...problems.form];
    onChange({
      keys: [...new Set(filled.map(row => row.key))],
      ...(messages.length ? { problems: messages } : {}),
    });
    return problems;
  };

  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const update = (next: KeyValueRow[]) => {
    setRows(next);
    setRowErrors(publish(next).rows);
  };

  const valueInputs = useCallback<ValueInputs>((id, input) => {
    if (!input) {
      inputs.current.delete(id);
      return;
    }
    inputs.current.set(id, input);
    const value = pending.current.get(id);
    if (value !== undefined) {
      input.value = value;
      pending.current.delete(id);
    }
  }, []);

  // a form revisited after another step: its keys and values are published again
  useEffect(() => {
    if (formData?.keys?.length) {
      setRowErrors(publish(rows).rows);
    }
    // once, for the rows restored on mount
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const importEntries = (entries: DotEnvEntry[]) => {
    const kept = rows.filter(
      r =>
        (r.key !== '' || !r.value.empty) && !entries.some(e => e.key === r.key),
    );
    update([...kept, ...entries.map(e => newRow(e.key, e.value))]);
  };

  return (
    <FormControl
      margin="normal"
      required={required}
      error={Boolean(rawErrors?.length)}
      fullWidth
    >
      <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
        {schema.title && (
          <Typography variant="subtitle1">{schema.title}</Typography>
        )}
        {schema.description && (
          <Typography variant="body2" color="textSecondary">
            {schema.description}
          </Typography>
        )}
        <KeyValueRows
          rows={rows}
          errors={rowErrors}
          onChange={update}
          onAdd={() => update([...rows, newRow()])}
          valueInputs={valueInputs}
        />
        <DotEnvPaste onImport={importEntries} />
        {rawErrors?.length ? (
          <FormHelperText>{[...new Set(rawErrors)].join('. ')}</FormHelperText>
        ) : null}
      </Box>
    </FormControl>
  );
}

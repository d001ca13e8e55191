import { useCallback, useMemo, useRef, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  EnvironmentTopology,
  WriteValuesRequest,
} from '@internal/plugin-secrets-sync-common';
import {
  useWriteProgress,
  type WriteProgressOptions,
} from '../../hooks/useWriteProgress';
import type { DotEnvEntry } from '../../lib/parseDotEnv';
import { EMPTY_VALUE, summarizeValue } from '../../lib/summarizeValue';
import { isDraftValid, validateWriteDraft } from '../../lib/validateWrite';
import { DotEnvPaste } from './DotEnvPaste';
import { EnvironmentPicker } from './EnvironmentPicker';
import { ExistingKeys } from './ExistingKeys';
import {
  KeyValueRows,
  type KeyValueRow,
  type ValueInputs,
} from './KeyValueRows';
import { WriteProgress } from './WriteProgress';

/** Props of {@link WriteDialog}. */
export interface WriteDialogProps extends WriteProgressOptions {
  entityRef: CompoundEntityRef;
  environments: EnvironmentTopology[];
  initialEnvironment?: string;
  canWriteRestricted: boolean;
  onClose: (changed: boolean) => void;
}

/**
 * Write-only editor for secret values: set and unset keys in one or more
 * environments, then follow each environment until the Secret reflects it.
 * Values never enter component state: they live in their (uncontrolled)
 * inputs, are read when the request is sent, and cleared at once.
 */
export function WriteDialog(props: WriteDialogProps) {
  const { environments, canWriteRestricted } = props;
  const nextId = useRef(1);
  // The values: in their input elements only, found here by row id. An
  // imported value waits in `pending` (never rendered) until its input mounts.
  const inputs = useRef(new Map<number, HTMLInputElement>());
  const pending = useRef(new Map<number, string>());
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
  const newRow = (key = '', value = ''): KeyValueRow => {
    const id = nextId.current++;
    if (value) {
      pending.current.set(id, value);
    }
    return { id, key, value: value ? summarizeValue(value) : EMPTY_VALUE };
  };
  const [rows, setRows] = useState<KeyValueRow[]>(() => [newRow()]);
  const [unset, setUnset] = useState<string[]>([]);
  const [selected, setSelected] = useState<string[]>(() => {
    const initial = environments.find(
      e => e.environment.name === props.initialEnvironment,
    );
    if (initial && (!initial.environment.restricted || canWriteRestricted)) {
      return [initial.environment.name];
    }
    const first = environments.find(e => !e.environment.restricted);
    return first ? [first.environment.name] : [];
  });
  const [confirmRestricted, setConfirmRestricted] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const { progress, finished, start } = useWriteProgress(
    props.entityRef,
    props,
  );

  const restrictedSelected = environments
    .filter(
      e => e.environment.restricted && selected.includes(e.environment.name),
    )
    .map(e => e.environment.title);
  const existingKeys = useMemo(
    () =>
      [
        ...new Set(
          environments
            .filter(e => selected.includes(e.environment.name))
            .flatMap(e => e.keys.filter(k => k.inAws).map(k => k.name)),
        ),
      ].sort(),
    [environments, selected],
  );
  const problems = validateWriteDraft({
    rows,
    unset,
    environments: selected,
    restrictedSelected,
    confirmRestricted,
  });
  const titles = Object.fromEntries(
    environments.map(e => [e.environment.name, e.environment.title]),
  );

  const importEntries = (entries: DotEnvEntry[]) => {
    const kept = rows.filter(
      r =>
        (r.key !== '' || !r.value.empty) && !entries.some(e => e.key === r.key),
    );
    setRows([...kept, ...entries.map(e => newRow(e.key, e.value))]);
  };

  const submit = () => {
    const filled = rows.filter(r => r.key !== '');
    const valueOf = (row: KeyValueRow) =>
      inputs.current.get(row.id)?.value ?? pending.current.get(row.id) ?? '';
    const request: WriteValuesRequest = {
      environments: selected,
      ...(filled.length > 0 && {
        set: Object.fromEntries(filled.map(r => [r.key, valueOf(r)])),
      }),
      ...(unset.length > 0 && { unset }),
      ...(restrictedSelected.length > 0 && { confirmRestricted: true }),
    };
    for (const input of inputs.current.values()) {
      input.value = '';
    }
    pending.current.clear();
    setRows([]);
    setSubmitted(true);
    start(request);
  };

  return (
    <Dialog
      open
      fullWidth
      maxWidth="md"
      onClose={() => props.onClose(submitted)}
      aria-labelledby="secrets-sync-write-title"
    >
      <DialogTitle id="secrets-sync-write-title">
        {submitted && finished && 'Write results'}
        {submitted && !finished && 'Writing values'}
        {!submitted && 'Write secret values'}
      </DialogTitle>
      <DialogContent dividers>
        {submitted ? (
          <WriteProgress progress={progress} titles={titles} />
        ) : (
          <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
            <Typography variant="body2" color="textSecondary">
              Values are write-only: they go to AWS Secrets Manager and are
              never shown again, here or anywhere else. Keys you do not list are
              kept.
            </Typography>
            <EnvironmentPicker
              environments={environments.map(e => e.environment)}
              selected={selected}
              canWriteRestricted={canWriteRestricted}
              confirmRestricted={confirmRestricted}
              onChange={setSelected}
              onConfirmRestricted={setConfirmRestricted}
            />
            <Divider />
            <KeyValueRows
              rows={rows}
              errors={problems.rows}
              onChange={setRows}
              onAdd={() => setRows([...rows, newRow()])}
              valueInputs={valueInputs}
            />
            <DotEnvPaste onImport={importEntries} />
            <ExistingKeys
              keys={existingKeys}
              unset={unset}
              onToggle={key =>
                setUnset(
                  unset.includes(key)
                    ? unset.filter(k => k !== key)
                    : [...unset, key],
                )
              }
            />
            {problems.form.length > 0 && (
              <Alert severity="info" data-testid="write-problems">
                {problems.form.join('. ')}.
              </Alert>
            )}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        {submitted ? (
          <Button
            color="primary"
            variant="contained"
            onClick={() => props.onClose(true)}
          >
            {finished ? 'Done' : 'Close'}
          </Button>
        ) : (
          <>
            <Button onClick={() => props.onClose(false)}>Cancel</Button>
            <Button
              color="primary"
              variant="contained"
              disabled={!isDraftValid(problems)}
              onClick={submit}
            >
              Write to {selected.length || 'no'} environment
              {selected.length === 1 ? '' : 's'}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}

import { useRef, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { parseDotEnv, type DotEnvEntry } from '../../lib/parseDotEnv';

/**
 * A box to paste a `.env` block into. Uncontrolled: the text lives in the
 * textarea only (a controlled one would render it as the element's text),
 * and is cleared as soon as it is turned into rows.
 */
export function DotEnvPaste(props: {
  onImport: (entries: DotEnvEntry[]) => void;
}) {
  const box = useRef<HTMLTextAreaElement | null>(null);
  const [hasText, setHasText] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const importText = () => {
    const result = parseDotEnv(box.current?.value ?? '');
    if (box.current) {
      box.current.value = '';
    }
    setHasText(false);
    setProblems(result.problems);
    props.onImport(result.entries);
  };
  return (
    <Box>
      <TextField
        label="Paste a .env block"
        placeholder={'DATABASE_URL=postgres://…\nAPI_KEY=…'}
        multiline
        minRows={3}
        fullWidth
        variant="outlined"
        size="small"
        inputRef={box}
        onChange={e => setHasText(e.target.value.trim() !== '')}
        inputProps={{ 'aria-label': 'Paste a .env block', spellCheck: false }}
      />
      <Box display="flex" alignItems="center" marginTop={1} style={{ gap: 8 }}>
        <Button
          size="small"
          variant="outlined"
          disabled={!hasText}
          onClick={importText}
        >
          Add these keys
        </Button>
        {problems.length > 0 && (
          <Typography variant="caption" color="error">
            Skipped: {problems.join('; ')}
          </Typography>
        )}
      </Box>
    </Box>
  );
}

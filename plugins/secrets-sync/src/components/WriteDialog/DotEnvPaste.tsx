import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { parseDotEnv, type DotEnvEntry } from '../../lib/parseDotEnv';

/**
 * A box to paste a `.env` block into; its text is cleared as soon as it is
 * turned into rows so the values live in one place only.
 */
export function DotEnvPaste(props: {
  onImport: (entries: DotEnvEntry[]) => void;
}) {
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const importText = () => {
    const result = parseDotEnv(text);
    setText('');
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
        value={text}
        onChange={e => setText(e.target.value)}
        inputProps={{ 'aria-label': 'Paste a .env block', spellCheck: false }}
      />
      <Box display="flex" alignItems="center" marginTop={1} style={{ gap: 8 }}>
        <Button
          size="small"
          variant="outlined"
          disabled={!text.trim()}
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

/** One `KEY=value` pair read from a `.env` block. */
export interface DotEnvEntry {
  key: string;
  value: string;
}

/** What {@link parseDotEnv} understood, and the lines it could not read. */
export interface DotEnvParseResult {
  entries: DotEnvEntry[];
  /** Line numbers (1-based) and why they were skipped; never the value. */
  problems: string[];
}

const LINE = /^\s*(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/;
const DOUBLE_QUOTE_ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '"': '"',
  '\\': '\\',
};

function unquote(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed.length >= 2 && trimmed.startsWith("'") && trimmed.endsWith("'")) {
    return trimmed.slice(1, -1);
  }
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return trimmed
      .slice(1, -1)
      .replace(
        /\\(.)/g,
        (match, c: string) => DOUBLE_QUOTE_ESCAPES[c] ?? match,
      );
  }
  const comment = trimmed.search(/\s#/);
  return comment === -1 ? trimmed : trimmed.slice(0, comment).trimEnd();
}

/**
 * Reads a pasted `.env` block: `KEY=value`, optional `export`, quoted
 * values, `#` comments and blank lines. A key repeated later wins, as in a
 * shell. Problems name the line, never its content, since it may be a secret.
 */
export function parseDotEnv(text: string): DotEnvParseResult {
  const byKey = new Map<string, string>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '' || line.trim().startsWith('#')) {
      return;
    }
    const match = LINE.exec(line);
    if (!match) {
      problems.push(`Line ${index + 1} is not KEY=value`);
      return;
    }
    byKey.delete(match[1]);
    byKey.set(match[1], unquote(match[2]));
  });
  return {
    entries: [...byKey].map(([key, value]) => ({ key, value })),
    problems,
  };
}

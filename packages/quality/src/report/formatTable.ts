/**
 * Renders rows as a plain-text table with aligned columns, for terminals
 * and CI logs.
 *
 * @public
 */
export function formatTable(
  rows: Array<Record<string, string | number | undefined>>,
): string {
  if (rows.length === 0) {
    return '';
  }
  const columns = [...new Set(rows.flatMap(row => Object.keys(row)))];
  const cell = (value: string | number | undefined) =>
    value === undefined ? '' : String(value);
  const widths = columns.map(column =>
    Math.max(column.length, ...rows.map(row => cell(row[column]).length)),
  );
  const line = (values: string[]) =>
    values
      .map((value, i) => value.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [
    line(columns),
    line(widths.map(width => '-'.repeat(width))),
    ...rows.map(row => line(columns.map(column => cell(row[column])))),
  ].join('\n');
}

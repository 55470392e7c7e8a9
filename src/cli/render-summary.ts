/**
 * Renders a job-summary's Markdown for a terminal: tables aligned in columns, headings underlined, HTML
 * details blocks opened, fences dropped. Only the subset our summaries use.
 */
export function renderSummary(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('|')) {
      const block: string[][] = [];
      while (i < lines.length && lines[i]!.startsWith('|')) {
        const cells = splitRow(lines[i]!);
        if (!cells.every((c) => /^:?-+:?$/.test(c))) block.push(cells);
        i++;
      }
      i--;
      const header = block[0] ?? [];
      const headerless = header.every((c) => c.trim() === '');
      const rows = headerless ? block.slice(1) : block;
      const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
      rows.forEach((r, n) => {
        out.push(
          '  ' +
            r
              .map((c, k) => c.padEnd(widths[k] ?? 0))
              .join('  ')
              .trimEnd(),
        );
        if (n === 0 && !headerless && rows.length > 1)
          out.push('  ' + widths.map((w) => '─'.repeat(w)).join('  '));
      });
      continue;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      out.push(heading[1]!, '─'.repeat(Math.min(heading[1]!.length, 80)));
      continue;
    }
    if (/^`{3,}/.test(line) || /^<\/?details>$/.test(line)) continue;
    const summary = /^<details><summary>(.*)<\/summary>$/.exec(line);
    out.push(summary ? `${summary[1]}:` : line.replace(/&lt;/g, '<'));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  for (let i = 1; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && line[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (ch === '|') {
      cells.push(cur.trim().replace(/&lt;/g, '<'));
      cur = '';
    } else cur += ch;
  }
  return cells;
}

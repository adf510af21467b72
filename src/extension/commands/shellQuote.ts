/**
 * POSIX shell quoting for the command line Record a Run shows and sends to the terminal: every word the user typed
 * stays one literal word (no expansion, no second command), and what is shown is exactly what runs.
 */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellWord(w: string): string {
  if (w !== '' && SAFE.test(w)) return w;
  return `'${w.replace(/'/g, `'\\''`)}'`;
}

export function shellQuote(argv: readonly string[]): string {
  return argv.map(shellWord).join(' ');
}

/**
 * Splits what the user typed into words as a POSIX shell would for plain words and quotes ('…', "…", \x), without
 * any expansion. Operators (| ; & < > ` $( ) are refused: the command is run as one program with its arguments, not
 * through a shell, and saying so beats running something else than what was typed.
 */
export function splitCommand(text: string): { argv: string[] } | { error: string } {
  const argv: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return { error: 'an unclosed \' quote' };
      cur += text.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length && '"\\$`'.includes(text[j + 1])) { cur += text[j + 1]; j++; } else if (text[j] === '$' || text[j] === '`') return { error: `"${text[j]}" inside double quotes: no expansion is done; use single quotes` };
        else cur += text[j];
      }
      if (j >= text.length) return { error: 'an unclosed " quote' };
      i = j;
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 < text.length) { cur += text[i + 1]; i++; inWord = true; }
    } else if (/\s/.test(ch)) {
      if (inWord) { argv.push(cur); cur = ''; inWord = false; }
    } else if ('|;&<>`$()'.includes(ch)) {
      return { error: `"${ch}": the command runs as one program with its arguments, not through a shell (quote it to pass it literally)` };
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) argv.push(cur);
  return argv.length ? { argv } : { error: 'no command' };
}

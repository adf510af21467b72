// Lines of a counter file one at a time (no array of every line: a file of 16 MiB of newlines stays cheap).

/** Each line of `text` without its \n or \r\n, with its 1-based number. */
export function* eachLine(text: string): Generator<{ text: string; line: number }> {
  let start = 0;
  let line = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    yield { text: text.slice(start, stop), line };
    if (end === text.length) return;
    start = end + 1;
    line++;
  }
}

/** The 1-based number of the first line that is not blank, scanning only as far as it (0 when every line is). */
export function firstNonBlankLine(text: string): number {
  const i = text.search(/\S/);
  if (i < 0) return 0;
  let n = 1;
  for (let j = text.indexOf('\n'); j >= 0 && j < i; j = text.indexOf('\n', j + 1)) n++;
  return n;
}

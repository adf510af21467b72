/** A malformed value in an iperf log. `line` is 1-based, as people and compilers count. */
export class IperfParseError extends Error {
  readonly line: number;
  readonly fileName?: string;
  readonly reason: string;

  constructor(line: number, reason: string, fileName?: string) {
    super(`${fileName ?? '<input>'}:${line}: ${reason}`);
    this.name = 'IperfParseError';
    this.line = line;
    this.reason = reason;
    this.fileName = fileName;
  }
}

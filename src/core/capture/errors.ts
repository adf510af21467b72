/** A capture that cannot be read: names the file and the byte offset where reading failed. */
export class CaptureFormatError extends Error {
  override readonly name = 'CaptureFormatError';
  constructor(
    readonly file: string,
    readonly offset: number,
    detail: string,
  ) {
    super(`${file}: ${detail} (at byte offset ${offset})`);
  }
}

/** The error an aborted analysis rejects with; name is 'AbortError' like fetch and fs. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const e = new Error('The capture analysis was aborted', { cause: reason });
  e.name = 'AbortError';
  return e;
}

/** tshark's wording, so users recognise it, plus where the cut is. */
export function cutShortWarning(file: string, offset: number): string {
  return `The file "${file}" appears to have been cut short in the middle of a packet (at byte offset ${offset}).`;
}

/** Largest record or block we accept: the bound libpcap and Wireshark use against hostile lengths. */
export const MAX_RECORD = 256 * 1024 * 1024;

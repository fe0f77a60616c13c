/** A problem in a master file, located by file and line (0: the file as a whole). */
export interface MasterFileError {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** "file:line: message", the form compilers and editors understand. */
export function formatError(error: MasterFileError): string {
  return error.line > 0 ? `${error.file}:${error.line}: ${error.message}` : `${error.file}: ${error.message}`;
}

/**
 * RFC 1035 §5.1 lexical structure: one entry per line, except that
 * parentheses continue an entry across lines; ";" starts a comment; a quoted
 * string is one token; "\" escapes the next character. Tokens keep their
 * escapes — whether "\." splits labels depends on where the token is used.
 */

export interface Token {
  /** The characters between delimiters (quotes removed, escapes kept). */
  readonly text: string;
  readonly quoted: boolean;
}

export interface Entry {
  /** Line of the entry's first token (1-based). */
  readonly line: number;
  /** True when the line starts with a blank: the owner is the previous one. */
  readonly continuesOwner: boolean;
  readonly tokens: readonly Token[];
}

export interface LexError {
  readonly line: number;
  readonly message: string;
}

const isBlank = (c: string): boolean => c === ' ' || c === '\t' || c === '\r';

/** Splits master-file text into entries; lexical errors are reported, not thrown. */
export function lex(text: string): { entries: Entry[]; errors: LexError[] } {
  const entries: Entry[] = [];
  const errors: LexError[] = [];
  let line = 1;
  let tokens: Token[] = [];
  let entryLine = 1;
  let continuesOwner = false;
  let openParenLine = 0;
  let atLineStart = true;
  /** An entry with a lexical error is dropped whole, so it causes no second error. */
  let broken = false;
  let i = 0;

  const fail = (message: string): void => {
    if (!broken) errors.push({ line, message });
    broken = true;
  };
  const endEntry = (): void => {
    if (tokens.length > 0 && !broken) entries.push({ line: entryLine, continuesOwner, tokens });
    tokens = [];
    broken = false;
  };

  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\n') {
      line++;
      i++;
      if (openParenLine === 0) {
        endEntry();
        atLineStart = true;
      }
      continue;
    }
    if (atLineStart) {
      atLineStart = false;
      continuesOwner = isBlank(c);
      entryLine = line;
    }
    if (isBlank(c)) {
      i++;
    } else if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '(') {
      if (openParenLine !== 0) fail('nested "(": parentheses do not nest');
      else openParenLine = line;
      if (tokens.length === 0) entryLine = line;
      i++;
    } else if (c === ')') {
      if (openParenLine === 0) fail('")" without a matching "("');
      openParenLine = 0;
      i++;
    } else if (c === '"') {
      const end = scan(text, i + 1, (ch) => ch === '"' || ch === '\n');
      if (text[end] !== '"') {
        fail('unterminated quoted string (quotes must close on the same line)');
        i = end;
        continue;
      }
      if (tokens.length === 0) entryLine = line;
      tokens.push({ text: text.slice(i + 1, end), quoted: true });
      i = end + 1;
    } else {
      const end = scan(text, i, (ch) => isBlank(ch) || ch === '\n' || ch === ';' || ch === '(' || ch === ')' || ch === '"');
      if (tokens.length === 0) entryLine = line;
      tokens.push({ text: text.slice(i, end), quoted: false });
      i = end;
    }
  }
  if (openParenLine !== 0) {
    errors.push({ line: openParenLine, message: '"(" is never closed' });
    broken = true;
  }
  endEntry();
  return { entries, errors };
}

/** Index of the first unescaped character matching `stop` (or text.length). */
function scan(text: string, from: number, stop: (c: string) => boolean): number {
  let i = from;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length && text[i + 1] !== '\n') {
      i += 2;
      continue;
    }
    if (stop(c)) return i;
    i++;
  }
  return i;
}

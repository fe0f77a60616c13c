import type { RData } from '../lookup/types.js';
import { nameProblem } from '../zone/names.js';
import type { MasterFileError } from './errors.js';
import { lex, type Entry } from './lexer.js';
import { looksLikeTtl, parseTtl } from './numbers.js';
import { parseRData } from './rdata-text.js';
import { parseDomainName } from './text.js';
import { classToken, parseTypeToken } from './types.js';

/** One record as written, with where it was written. */
export interface ParsedRecord {
  readonly file: string;
  readonly line: number;
  readonly owner: string;
  readonly type: number;
  readonly ttl: number;
  readonly data: RData;
}

export interface IncludedFile {
  /** Name used in error messages. */
  readonly file: string;
  readonly text: string;
}

/** Reads the file a `$INCLUDE` names, or says why it may not be read. */
export type IncludeResolver = (path: string) => IncludedFile | { readonly error: string };

export interface ParseOptions {
  /** Initial $ORIGIN, normalized. */
  readonly origin: string;
  /** Name of the text in error messages. */
  readonly file: string;
  /** Without a resolver, `$INCLUDE` is an error. */
  readonly include?: IncludeResolver | undefined;
}

/** $INCLUDE nesting limit: deeper nesting is certainly a mistake or a loop. */
export const MAX_INCLUDE_DEPTH = 8;
/** Parsing stops after this many errors; the rest would mostly be echoes. */
export const MAX_ERRORS = 50;

/** What an entry inherits from the entries before it (RFC 1035 §5.1, RFC 2308 §4). */
interface State {
  origin: string;
  owner: string | undefined;
  /** $TTL, if one was given. */
  defaultTtl: number | undefined;
  /** The last TTL written on a record: the default without $TTL (RFC 1035 §5.1). */
  lastTtl: number | undefined;
}

interface Output {
  readonly records: ParsedRecord[];
  readonly errors: MasterFileError[];
}

/**
 * Parses RFC 1035 §5 master-file text. Errors are collected with their line;
 * a faulty entry is skipped and parsing goes on, so one run reports them all.
 */
export function parseMasterFile(text: string, options: ParseOptions): Output {
  const out: Output = { records: [], errors: [] };
  const state: State = { origin: options.origin, owner: undefined, defaultTtl: undefined, lastTtl: undefined };
  parseText(text, options.file, state, [options.file], options.include, out);
  return out;
}

function parseText(
  text: string,
  file: string,
  state: State,
  stack: readonly string[],
  include: IncludeResolver | undefined,
  out: Output,
): void {
  const lexed = lex(text);
  for (const error of lexed.errors) out.errors.push({ file, ...error });
  for (const entry of lexed.entries) {
    if (out.errors.length >= MAX_ERRORS) return;
    const error = (message: string): void => {
      out.errors.push({ file, line: entry.line, message });
    };
    const first = entry.tokens[0];
    if (!entry.continuesOwner && first !== undefined && !first.quoted && first.text.startsWith('$')) {
      directive(entry, state, { file, stack, include, out, error });
    } else {
      record(entry, file, state, out, error);
    }
  }
}

interface DirectiveContext {
  readonly file: string;
  readonly stack: readonly string[];
  readonly include: IncludeResolver | undefined;
  readonly out: Output;
  readonly error: (message: string) => void;
}

function directive(entry: Entry, state: State, ctx: DirectiveContext): void {
  const [keyword, ...args] = entry.tokens.map((t) => t.text);
  const name = (keyword as string).toUpperCase();
  if (name === '$ORIGIN' || name === '$TTL') {
    if (args.length !== 1) return ctx.error(`${name} takes exactly one argument`);
    if (name === '$TTL') {
      const ttl = parseTtl(args[0] as string);
      if (!ttl.ok) return ctx.error(ttl.error);
      state.defaultTtl = ttl.value;
      return;
    }
    const origin = domainName(args[0] as string, state.origin, ctx.error);
    if (origin !== undefined) state.origin = origin;
    return;
  }
  if (name !== '$INCLUDE') return ctx.error(`unknown directive ${keyword}`);
  if (args.length < 1 || args.length > 2) return ctx.error('$INCLUDE takes a file name and an optional origin');
  if (ctx.include === undefined) return ctx.error('$INCLUDE is not allowed here');
  if (ctx.stack.length > MAX_INCLUDE_DEPTH) return ctx.error(`$INCLUDE nested deeper than ${MAX_INCLUDE_DEPTH}`);
  const origin = args[1] === undefined ? state.origin : domainName(args[1], state.origin, ctx.error);
  if (origin === undefined) return;
  const included = ctx.include(args[0] as string);
  if ('error' in included) return ctx.error(included.error);
  if (ctx.stack.includes(included.file)) return ctx.error(`$INCLUDE loop: ${[...ctx.stack, included.file].join(' -> ')}`);
  // RFC 1035 §5.1: the included file starts from the given origin, and the
  // origin and current owner revert when it ends; here its $TTL does too.
  const inner: State = { ...state, origin };
  parseText(included.text, included.file, inner, [...ctx.stack, included.file], ctx.include, ctx.out);
}

function domainName(text: string, origin: string, error: (message: string) => void): string | undefined {
  const parsed = parseDomainName(text, origin);
  if (!parsed.ok) return void error(parsed.error);
  const problem = nameProblem(parsed.value);
  if (problem !== undefined) return void error(problem);
  return parsed.value;
}

/** `<owner> [<TTL>] [<class>] <type> <RDATA>`, TTL and class in either order (RFC 1035 §5.1). */
function record(entry: Entry, file: string, state: State, out: Output, error: (message: string) => void): void {
  const tokens = entry.tokens;
  let index = 0;
  let owner = state.owner;
  if (!entry.continuesOwner) {
    const token = tokens[index++];
    if (token === undefined || token.quoted) return error('the owner name must not be quoted');
    owner = domainName(token.text, state.origin, error);
    if (owner === undefined) return;
    state.owner = owner;
  }
  if (owner === undefined) return error('no owner name: the first record must start with one (not with a blank)');
  let ttl: number | undefined;
  let sawClass = false;
  for (let token = tokens[index]; token !== undefined && !token.quoted; token = tokens[index]) {
    if (ttl === undefined && looksLikeTtl(token.text)) {
      const parsed = parseTtl(token.text);
      if (!parsed.ok) return error(parsed.error);
      ttl = parsed.value;
    } else if (!sawClass && classToken(token.text) !== 'none') {
      if (classToken(token.text) === 'other') return error(`class ${token.text} is not served (only IN)`);
      sawClass = true;
    } else {
      break;
    }
    index++;
  }
  const typeText = tokens[index];
  if (typeText === undefined || typeText.quoted) return error('missing record type');
  const type = parseTypeToken(typeText.text);
  if (type.kind === 'unsupported') {
    return error(`type ${type.name} is not supported by name; write it as TYPEnnn \\# <length> <hex> (RFC 3597 §5)`);
  }
  if (type.kind === 'unknown') return error(`unknown type "${typeText.text}"`);
  if (ttl !== undefined) state.lastTtl = ttl;
  const effectiveTtl = ttl ?? state.defaultTtl ?? state.lastTtl;
  if (effectiveTtl === undefined) return error('no TTL: give the record one or set $TTL first (RFC 2308 §4)');
  const data = parseRData(type.code, tokens.slice(index + 1), state.origin);
  if (!data.ok) return error(data.error);
  out.records.push({ file, line: entry.line, owner, type: type.code, ttl: effectiveTtl, data: data.value });
}

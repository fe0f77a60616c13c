/**
 * RAM wildcards, compiled once: `*` matches any run of characters (including none) and `?`
 * exactly one character (RAM "Conditional operators": StringLike). There are no path
 * semantics — `*` crosses `/` and `:` (`acs:oss:*:*:bucket/*` covers every key at any depth)
 * — and every other character, regex metacharacters included, is literal. That is why this
 * is neither minimatch (whose `*` stops at `/`) nor a RegExp (see docs/design/policy.md).
 *
 * Patterns are classified at compile time so that the common shapes cost one or two native
 * string operations: `*`, `literal`, `prefix*`, `*suffix`, `prefix*suffix`, and
 * `head*seg*…*tail` (one indexOf per segment). Only patterns with `?` step character by
 * character. Nothing allocates per match.
 *
 * Case-insensitive sets (actions) are compiled lowercased, and the caller passes the request
 * value lowercased once per evaluation (see compile.ts) — both sides through
 * String#toLowerCase, so they fold identically.
 */

const STAR = 42;
const QUESTION = 63;

const enum Shape {
  Any,
  Exact,
  Prefix,
  Suffix,
  PrefixSuffix,
  /** Only `*` wildcards, with literal runs between them. */
  Segments,
  /** Has `?`: the character-by-character matcher. */
  General,
}

/** Units that `?` consumes at `at`: a surrogate pair counts as one character. */
function charLength(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c >= 0xd800 && c <= 0xdbff && at + 1 < text.length) {
    const d = text.charCodeAt(at + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** `literal` occupies text[0, literal.length) — lastIndexOf from 0 can only look at 0. */
function startsWithAt0(text: string, literal: string): boolean {
  return text.lastIndexOf(literal, 0) === 0;
}

/** `literal` occupies the end of text — indexOf from the last place it fits can only look there. */
function endsWithLiteral(text: string, literal: string): boolean {
  const at = text.length - literal.length;
  return at >= 0 && text.indexOf(literal, at) === at;
}

export class WildcardPattern {
  private readonly shape: Shape;
  /** The pattern as matched (lowercased for a case-insensitive pattern). */
  private readonly pattern: string;
  private readonly head: string;
  private readonly tail: string;
  /** Literal runs between the first and last `*` (Segments shape), in order. */
  private readonly middle: readonly string[];

  /** With `foldCase`, `test` must be given lowercased text (String#toLowerCase). */
  constructor(
    readonly source: string,
    foldCase: boolean,
  ) {
    const pattern = foldCase ? source.toLowerCase() : source;
    this.pattern = pattern;
    const firstStar = pattern.indexOf('*');
    const lastStar = pattern.lastIndexOf('*');
    this.head = firstStar < 0 ? pattern : pattern.slice(0, firstStar);
    this.tail = lastStar < 0 ? '' : pattern.slice(lastStar + 1);
    this.middle =
      firstStar < 0
        ? []
        : pattern
            .slice(firstStar + 1, lastStar)
            .split('*')
            .filter((s) => s !== '');
    if (pattern.indexOf('?') >= 0) this.shape = Shape.General;
    else if (firstStar < 0) this.shape = Shape.Exact;
    else if (this.middle.length > 0) this.shape = Shape.Segments;
    else if (this.head === '' && this.tail === '') this.shape = Shape.Any;
    else if (this.tail === '') this.shape = Shape.Prefix;
    else if (this.head === '') this.shape = Shape.Suffix;
    else this.shape = Shape.PrefixSuffix;
  }

  /** True when `text` matches the whole pattern. */
  test(text: string): boolean {
    switch (this.shape) {
      case Shape.Any:
        return true;
      case Shape.Exact:
        return text === this.pattern;
      case Shape.Prefix:
        return startsWithAt0(text, this.head);
      case Shape.Suffix:
        return endsWithLiteral(text, this.tail);
      case Shape.PrefixSuffix:
        return text.length >= this.head.length + this.tail.length && startsWithAt0(text, this.head) && endsWithLiteral(text, this.tail);
      case Shape.Segments:
        return this.segments(text);
      default:
        return this.general(text);
    }
  }

  /**
   * `head*m1*m2*…*tail`: with no `?`, taking each middle segment at its leftmost place after
   * the previous one is optimal (a later place only leaves less room), so one native indexOf
   * per segment decides, in linear time.
   */
  private segments(text: string): boolean {
    const end = text.length - this.tail.length;
    if (end < this.head.length || !startsWithAt0(text, this.head) || !endsWithLiteral(text, this.tail)) return false;
    let at = this.head.length;
    const middle = this.middle;
    for (let i = 0; i < middle.length; i++) {
      const segment = middle[i]!;
      const found = text.indexOf(segment, at);
      if (found < 0 || found + segment.length > end) return false;
      at = found + segment.length;
    }
    return true;
  }

  /** Greedy matching with backtracking to the last `*`: O(n·m) worst case, no allocation. */
  private general(text: string): boolean {
    const pattern = this.pattern;
    const m = pattern.length;
    const n = text.length;
    let p = 0;
    let s = 0;
    let starP = -1;
    let starS = 0;
    while (s < n) {
      if (p < m) {
        const pc = pattern.charCodeAt(p);
        if (pc === STAR) {
          starP = p++;
          starS = s;
          continue;
        }
        if (pc === QUESTION) {
          s += charLength(text, s);
          p++;
          continue;
        }
        if (pc === text.charCodeAt(s)) {
          p++;
          s++;
          continue;
        }
      }
      // Mismatch: let the last star swallow one more character and retry after it.
      if (starP < 0) return false;
      starS += charLength(text, starS);
      s = starS;
      p = starP + 1;
    }
    while (p < m && pattern.charCodeAt(p) === STAR) p++;
    return p === m;
  }
}

/** A set of patterns: matches when any one does (Action/Resource lists, StringLike values). */
export class WildcardSet {
  private readonly patterns: readonly WildcardPattern[];
  readonly matchesEverything: boolean;

  /** With `foldCase`, `test` must be given lowercased text. */
  constructor(sources: readonly string[], foldCase: boolean) {
    this.patterns = sources.map((source) => new WildcardPattern(source, foldCase));
    this.matchesEverything = sources.some((source) => /^\*+$/.test(source));
  }

  test(text: string): boolean {
    if (this.matchesEverything) return true;
    const patterns = this.patterns;
    for (let i = 0; i < patterns.length; i++) if (patterns[i]!.test(text)) return true;
    return false;
  }
}

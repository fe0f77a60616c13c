/**
 * RAM wildcards, compiled once: `*` matches any run of characters (including none) and `?`
 * exactly one character (RAM "Conditional operators": StringLike). There are no path
 * semantics — `*` crosses `/` and `:` (`acs:oss:*:*:bucket/*` covers every key at any depth)
 * — and every other character, regex metacharacters included, is literal. That is why this
 * is neither minimatch (whose `*` stops at `/`) nor a RegExp (see docs/design/policy.md).
 *
 * Patterns are classified at compile time so that the common shapes cost one comparison:
 * `*`, `literal`, `prefix*`, `*suffix`, `prefix*suffix`; anything else runs a linear-space
 * greedy matcher with single-star backtracking, which never allocates.
 * With `foldCase` (actions), both sides compare case-insensitively.
 */

const STAR = 42;
const QUESTION = 63;

const enum Shape {
  Any,
  Exact,
  Prefix,
  Suffix,
  PrefixSuffix,
  General,
}

/** Lowercases one UTF-16 unit; non-ASCII goes through String#toLowerCase (rare for actions). */
function fold(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c | 32 : c;
  const lowered = String.fromCharCode(c).toLowerCase();
  return lowered.length === 1 ? lowered.charCodeAt(0) : c;
}

function foldString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(fold(text.charCodeAt(i)));
  return out;
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

export class WildcardPattern {
  private readonly shape: Shape;
  /** The pattern itself (case-folded when foldCase). */
  private readonly pattern: string;
  private readonly head: string;
  private readonly tail: string;

  constructor(
    readonly source: string,
    private readonly foldCase: boolean,
  ) {
    const pattern = foldCase ? foldString(source) : source;
    this.pattern = pattern;
    const firstStar = pattern.indexOf('*');
    const lastStar = pattern.lastIndexOf('*');
    const hasQuestion = pattern.indexOf('?') >= 0;
    this.head = firstStar < 0 ? pattern : pattern.slice(0, firstStar);
    this.tail = lastStar < 0 ? '' : pattern.slice(lastStar + 1);
    const middle = firstStar < 0 ? '' : pattern.slice(firstStar, lastStar + 1);
    const onlyStarsInside = /^\**$/.test(middle);
    if (hasQuestion || !onlyStarsInside) this.shape = Shape.General;
    else if (firstStar < 0) this.shape = Shape.Exact;
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
        return text.length === this.head.length && this.region(text, 0, this.head);
      case Shape.Prefix:
        return text.length >= this.head.length && this.region(text, 0, this.head);
      case Shape.Suffix:
        return text.length >= this.tail.length && this.region(text, text.length - this.tail.length, this.tail);
      case Shape.PrefixSuffix:
        return (
          text.length >= this.head.length + this.tail.length &&
          this.region(text, 0, this.head) &&
          this.region(text, text.length - this.tail.length, this.tail)
        );
      default:
        return this.general(text);
    }
  }

  /** `literal` (no wildcards) equals text[at, at + literal.length). */
  private region(text: string, at: number, literal: string): boolean {
    if (!this.foldCase) return text.startsWith(literal, at);
    for (let i = 0; i < literal.length; i++) {
      if (fold(text.charCodeAt(at + i)) !== literal.charCodeAt(i)) return false;
    }
    return true;
  }

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
        const tc = this.foldCase ? fold(text.charCodeAt(s)) : text.charCodeAt(s);
        if (pc === tc) {
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

/**
 * Stage 1: text → JSON value, with the cloud's size limit checked before parsing (RAM
 * "Limitations": a custom policy holds at most 6,144 characters). Characters are Unicode
 * code points of the text as submitted, whitespace included.
 */

export const MAX_POLICY_CHARACTERS = 6144;

export type ParseResult = { ok: true; value: unknown } | { ok: false; message: string };

export function countCharacters(text: string): number {
  // Fast path: a string can only have more code points than this many UTF-16 units if none.
  if (text.length <= MAX_POLICY_CHARACTERS) return text.length;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

export function parsePolicyText(text: string): ParseResult {
  const characters = countCharacters(text);
  if (characters > MAX_POLICY_CHARACTERS) {
    return { ok: false, message: `policy document is ${characters} characters long; the limit is ${MAX_POLICY_CHARACTERS}` };
  }
  if (text.trim() === '') return { ok: false, message: 'policy document is empty' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `policy document is not valid JSON: ${reason}` };
  }
}

/**
 * ISO 8601 date-times as RAM's Date operators take them (the RAM example:
 * `"acs:CurrentTime": "2019-08-12T17:00:00+08:00"`), turned into epoch milliseconds with a
 * hand-written scanner: no RegExp, no Date object, nothing allocated per evaluation.
 *
 * Accepted: `YYYY-MM-DD`, `YYYY-MM-DDThh:mm`, `…:ss`, `…:ss.fraction`, each optionally
 * followed by `Z`, `±hh:mm` or `±hhmm`; no zone means UTC. A lowercase `t`/`z` is accepted
 * (RFC 3339 §5.6 note). Fractions beyond milliseconds are truncated.
 */

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(text: string, at: number, count: number): number {
  if (at + count > text.length) return -1;
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    value = value * 10 + (c - 48);
  }
  return value;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Epoch milliseconds, or NaN when `text` is not one of the accepted forms. */
export function parseIsoDate(text: string): number {
  const year = digits(text, 0, 4);
  if (year < 0 || text.charCodeAt(4) !== 45) return NaN;
  const month = digits(text, 5, 2);
  if (month < 1 || month > 12 || text.charCodeAt(7) !== 45) return NaN;
  const day = digits(text, 8, 2);
  if (day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 0)) return NaN;
  if (month === 2 && day === 29 && !isLeap(year)) return NaN;
  if (text.length === 10) return utc(year, month, day, 0, 0, 0, 0);

  const t = text.charCodeAt(10);
  if (t !== 84 && t !== 116) return NaN;
  const hour = digits(text, 11, 2);
  if (hour < 0 || hour > 23 || text.charCodeAt(13) !== 58) return NaN;
  const minute = digits(text, 14, 2);
  if (minute < 0 || minute > 59) return NaN;
  let i = 16;
  let second = 0;
  let millis = 0;
  if (text.charCodeAt(i) === 58) {
    second = digits(text, i + 1, 2);
    if (second < 0 || second > 59) return NaN;
    i += 3;
    if (text.charCodeAt(i) === 46 || text.charCodeAt(i) === 44) {
      i++;
      const fractionStart = i;
      let scale = 100;
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c < 48 || c > 57) break;
        millis += (c - 48) * scale;
        scale /= 10;
        i++;
      }
      if (i === fractionStart) return NaN;
      millis = Math.floor(millis);
    }
  }
  let offsetMinutes = 0;
  if (i < text.length) {
    const zone = text.charCodeAt(i);
    if (zone === 90 || zone === 122) {
      i++;
    } else if (zone === 43 || zone === 45) {
      const offsetHours = digits(text, i + 1, 2);
      if (offsetHours < 0 || offsetHours > 23) return NaN;
      let next = i + 3;
      if (text.charCodeAt(next) === 58) next++;
      const offsetMins = digits(text, next, 2);
      if (offsetMins < 0 || offsetMins > 59) return NaN;
      offsetMinutes = (offsetHours * 60 + offsetMins) * (zone === 45 ? -1 : 1);
      i = next + 2;
    } else {
      return NaN;
    }
  }
  if (i !== text.length) return NaN;
  return utc(year, month, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

/** 400 Gregorian years are exactly 146,097 days. */
const FOUR_CENTURIES_MS = 146_097 * 86_400_000;

/** Date.UTC, except that years 0–99 mean themselves (Date.UTC would add 1900). */
function utc(year: number, month: number, day: number, h: number, m: number, s: number, ms: number): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, h, m, s, ms);
  return Date.UTC(year + 400, month - 1, day, h, m, s, ms) - FOUR_CENTURIES_MS;
}

/**
 * Names an element of a policy document the way error messages quote it:
 * `Statement[2].Condition.IpAddress.acs:SourceIp[0]`. Keys are written as they appear in the
 * document (condition keys contain ':' and '/', so no quoting scheme would be clearer).
 */
export function formatPath(segments: ReadonlyArray<string | number>): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** Zone data that would break the DNS rules the lookup relies on (thrown, never served). */
export class ZoneDataError extends Error {
  override readonly name = 'ZoneDataError';
}

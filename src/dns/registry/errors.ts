/** A registry change that would make views ambiguous (thrown; nothing is changed). */
export class ZoneRegistryError extends Error {
  override readonly name = 'ZoneRegistryError';
}

/** Operator actions (docs/api.md): plinkd's own product, for operator keys only. */
export const OPERATOR_VERSION = '2026-11-25';

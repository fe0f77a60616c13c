import { readFileSync } from 'node:fs';
import { VERSIONS } from '../../helpers/cloud.js';

/**
 * The table "Fields present but not modelled" of docs/api-conformance.md: fields of the cloud's
 * response models whose value plinkd does not model, answered with a neutral value of the model's
 * type. The shape test checks every row: the field exists in the model, the answers carry exactly
 * that value, and only such rows excuse a list that never has items.
 */
export interface UnmodelledField {
  version: string;
  action: string;
  path: string;
  value: unknown;
}

const PRODUCT_VERSIONS: Readonly<Record<string, string>> = {
  Privatelink: VERSIONS.privatelink,
  VPC: VERSIONS.vpc,
  PrivateZone: VERSIONS.pvtz,
};

export function readUnmodelledFields(): UnmodelledField[] {
  const text = readFileSync(new URL('../../../docs/api-conformance.md', import.meta.url), 'utf8');
  const start = text.indexOf('<!-- unmodelled:start -->');
  const end = text.indexOf('<!-- unmodelled:end -->');
  if (start < 0 || end < start) throw new Error('docs/api-conformance.md lacks the unmodelled-fields table markers');
  const rows: UnmodelledField[] = [];
  for (const line of text.slice(start, end).split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    // | Product | Actions | Field | Value | Why |
    if (cells.length < 6 || !(cells[1]! in PRODUCT_VERSIONS)) continue;
    const version = PRODUCT_VERSIONS[cells[1]!]!;
    const path = /^`([^`]+)`$/.exec(cells[3]!)?.[1];
    const value = /^`([^`]+)`$/.exec(cells[4]!)?.[1];
    if (path === undefined || value === undefined) throw new Error(`unreadable row in docs/api-conformance.md: ${line}`);
    for (const action of cells[2]!.split(',').map((a) => a.trim())) rows.push({ version, action, path, value: JSON.parse(value) });
  }
  return rows;
}

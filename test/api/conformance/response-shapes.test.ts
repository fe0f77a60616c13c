import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiActions } from '../../../src/api/products/all-actions.js';
import { API_META, metaApi } from '../../helpers/api-meta.js';
import { SDK_ONLY_APIS } from '../../helpers/api-meta-sdk-only.js';
import { VERSIONS } from '../../helpers/cloud.js';
import { emptyReport, schemaHasPath, walkSchema } from '../../helpers/schema-walk.js';
import { privatelinkShapeCases } from './privatelink-cases.js';
import { pvtzShapeCases } from './pvtz-cases.js';
import type { ShapeCase } from './shape-case.js';
import { startShapeWorld, type ShapeWorld } from './shape-world.js';
import { readUnmodelledFields } from './unmodelled.js';
import { vpcShapeCases } from './vpc-cases.js';

/**
 * Every implemented action of the cloud's products answers with the fields, types and list
 * wrapping of the cloud's response model (the API metadata the SDKs are generated from), checked
 * on answers of a real plinkd process about a realistic world. A new action needs a case in the
 * table of its product; fields plinkd does not model are listed in docs/api-conformance.md.
 */
const CASES: Readonly<Record<string, Record<string, ShapeCase>>> = {
  [VERSIONS.privatelink]: privatelinkShapeCases,
  [VERSIONS.vpc]: vpcShapeCases,
  [VERSIONS.pvtz]: pvtzShapeCases,
};
const CASE_FILES: Readonly<Record<string, string>> = {
  [VERSIONS.privatelink]: 'privatelink-cases.ts',
  [VERSIONS.vpc]: 'vpc-cases.ts',
  [VERSIONS.pvtz]: 'pvtz-cases.ts',
};

const implemented = apiActions.filter((action) => action.version in CASES);
const unmodelled = readUnmodelledFields();

describe('response shapes follow the cloud API metadata', () => {
  let world: ShapeWorld;
  beforeAll(async () => {
    world = await startShapeWorld();
  }, 120_000);
  afterAll(async () => {
    await world?.stop();
  });

  it('has a case for every implemented action, and none for an action not served', () => {
    const missing = implemented.filter((a) => CASES[a.version]![a.name] === undefined).map((a) => `${a.version} ${a.name}`);
    expect(missing, 'add a case to test/api/conformance/<product>-cases.ts').toEqual([]);
    const served = new Set(implemented.map((a) => `${a.version} ${a.name}`));
    const stale = Object.entries(CASES).flatMap(([version, cases]) =>
      Object.keys(cases)
        .map((name) => `${version} ${name}`)
        .filter((key) => !served.has(key)),
    );
    expect(stale).toEqual([]);
  });

  it('lists unmodelled fields of implemented actions only, at paths the cloud model has', () => {
    for (const row of unmodelled) {
      expect(served(row.version, row.action), `${row.action} in docs/api-conformance.md is not served`).toBe(true);
      const api = metaApi(row.version, row.action);
      expect(api !== undefined && schemaHasPath(api.response, row.path), `${row.action} ${row.path} is not in the cloud's model`).toBe(
        true,
      );
    }
  });

  it('takes from the SDK models only served actions the published metadata lacks', () => {
    for (const [version, apis] of Object.entries(SDK_ONLY_APIS)) {
      for (const name of Object.keys(apis)) {
        expect(served(version, name), `${name} (test/helpers/api-meta-sdk-only.ts) is not served`).toBe(true);
        expect(API_META.get(version)?.apis[name], `${name} is in the published metadata now: drop its SDK copy`).toBeUndefined();
      }
    }
  });

  it.each(implemented.map((a) => ({ version: a.version, name: a.name })))(
    '$version $name',
    async ({ version, name }) => {
      const shapeCase = CASES[version]![name];
      if (shapeCase === undefined)
        throw new Error(`no response-shape case for ${name}: add one to test/api/conformance/${CASE_FILES[version]}`);
      const api = metaApi(version, name);
      if (api === undefined) throw new Error(`${name} is not in the API metadata of ${version} (test/fixtures/api-meta/)`);
      const report = emptyReport();
      for (const body of [await shapeCase(world)].flat()) walkSchema(api.response, body, report);

      const rows = unmodelled.filter((row) => row.version === version && row.action === name);
      for (const row of rows) {
        const seen = report.values.get(row.path) ?? [];
        if (seen.length === 0) report.problems.push(`${row.path}: listed as not modelled but never answered`);
        for (const value of seen) {
          if (!isDeepStrictEqual(value, row.value))
            report.problems.push(
              `${row.path}: listed as not modelled (${JSON.stringify(row.value)}) but answered ${JSON.stringify(value)}`,
            );
        }
      }
      const excused = new Set(rows.map((row) => row.path));
      for (const path of report.emptyArrays) {
        if (!report.filledArrays.has(path) && !excused.has(path))
          report.problems.push(`${path}: always empty, so its items' shape is unchecked (give the case items, or list it as not modelled)`);
      }
      expect(report.problems).toEqual([]);
    },
    60_000,
  );
});

function served(version: string, action: string): boolean {
  return implemented.some((a) => a.version === version && a.name === action);
}

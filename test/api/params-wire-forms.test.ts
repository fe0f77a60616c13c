import { describe, expect, it } from 'vitest';
import { CloudError } from '../../src/errors/catalogue.js';
import { readParams, type ParamsSpec } from '../../src/api/rpc/params.js';

/**
 * The parameter forms the SDKs put on the wire, read by one spec: booleans as JavaScript,
 * Python and Java write them; lists flattened (`repeatList`, `flat`: `Zone.1.ZoneId`,
 * `SecurityGroupId.1`) or, for `style: json`, one JSON text.
 */
const spec = {
  DryRun: { type: 'boolean' },
  Zone: { type: 'objects', maxItems: 3, fields: { ZoneId: { type: 'string', required: true }, ip: { type: 'string' } } },
  SecurityGroupId: { type: 'list', maxItems: 3, item: { type: 'string' } },
  Tag: { type: 'objects', maxItems: 2, style: 'json', fields: { Key: { type: 'string', required: true }, Value: { type: 'string' } } },
  Port: { type: 'list', maxItems: 2, style: 'json', item: { type: 'integer', min: 1, max: 65535 } },
} as const satisfies ParamsSpec;

const read = (raw: Record<string, string>): ReturnType<typeof readParams<typeof spec>> => readParams(spec, new Map(Object.entries(raw)));
const codeOf = (raw: Record<string, string>): string => {
  try {
    read(raw);
  } catch (err) {
    if (err instanceof CloudError) return err.code;
    throw err;
  }
  return 'ok';
};

describe('parameter wire forms', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['false', false],
    ['False', false],
  ])('reads the boolean %s', (text, value) => {
    expect(read({ DryRun: text }).DryRun).toBe(value);
  });

  it('refuses other boolean spellings', () => {
    for (const text of ['TRUE', '1', 'yes', 'on']) expect(codeOf({ DryRun: text }), text).toBe('IllegalParamFormat.DryRun');
  });

  it('reads flattened lists in index order, objects field by field', () => {
    const params = read({
      'Zone.2.ZoneId': 'cn-hangzhou-i',
      'Zone.1.ZoneId': 'cn-hangzhou-h',
      'Zone.1.ip': '10.0.0.9',
      'SecurityGroupId.2': 'sg-b',
      'SecurityGroupId.1': 'sg-a',
    });
    expect(params.Zone).toEqual([
      { ZoneId: 'cn-hangzhou-h', ip: '10.0.0.9' },
      { ZoneId: 'cn-hangzhou-i', ip: undefined },
    ]);
    expect(params.SecurityGroupId).toEqual(['sg-a', 'sg-b']);
  });

  it('reads json-style lists as the SDKs write them (arrayToStringWithSpecifiedStyle)', () => {
    const params = read({ Tag: JSON.stringify([{ Key: 'team', Value: 'sdk' }, { Key: 'env' }]), Port: '[80,"443"]' });
    expect(params.Tag).toEqual([
      { Key: 'team', Value: 'sdk' },
      { Key: 'env', Value: undefined },
    ]);
    expect(params.Port).toEqual([80, 443]);
    // The flattened form stays accepted for a json-style list.
    expect(read({ 'Tag.1.Key': 'a' }).Tag).toEqual([{ Key: 'a', Value: undefined }]);
  });

  it('refuses malformed json lists with the parameter named', () => {
    expect(codeOf({ Tag: '[{"Key":' })).toBe('IllegalParamFormat.Tag');
    expect(codeOf({ Tag: '{"Key":"a"}' })).toBe('IllegalParamFormat.Tag');
    expect(codeOf({ Tag: '["a"]' })).toBe('IllegalParamFormat.Tag');
    expect(codeOf({ Tag: '[{"Value":"v"}]' })).toBe('MissingParam.Tag.1.Key');
    expect(codeOf({ Tag: '[{"Key":{"x":1}}]' })).toBe('IllegalParamFormat.Tag');
    expect(codeOf({ Tag: '[{"Key":"a"},{"Key":"b"},{"Key":"c"}]' })).toBe('IllegalParamFormat.Tag');
    expect(codeOf({ Tag: '[{"Key":"a"}]', 'Tag.1.Key': 'b' })).toBe('IllegalParamFormat.Tag');
    expect(codeOf({ Port: '[0]' })).toBe('IllegalParamFormat.Port.1');
  });

  it('keeps flattened-only lists flattened: a JSON text there is not a list', () => {
    expect(read({ SecurityGroupId: '["sg-a"]' }).SecurityGroupId).toEqual([]);
  });
});

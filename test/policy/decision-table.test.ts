import { describe, expect, it } from 'vitest';
import { compilePolicy, validatePolicyDocument } from '../../src/policy/index.js';
import { exampleCases } from './cases/examples.js';
import { ipConditionCases } from './cases/ip-conditions.js';
import { matchingCases } from './cases/matching.js';
import { principalAndDecisionCases } from './cases/principals-and-decisions.js';
import { stringConditionCases } from './cases/string-conditions.js';
import { typedConditionCases } from './cases/typed-conditions.js';
import type { DecisionCase } from './table.js';

const tables: Record<string, DecisionCase[]> = {
  'string conditions': stringConditionCases,
  'numeric, date, bool conditions and keys': typedConditionCases,
  'IP conditions': ipConditionCases,
  'actions, resources, NotAction, NotResource': matchingCases,
  'principals and the decision rule': principalAndDecisionCases,
  'example policies': exampleCases,
};

describe('decision table', () => {
  it('has at least 150 rows with distinct names', () => {
    const all = Object.values(tables).flat();
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(new Set(all.map((c) => c.name)).size).toBe(all.length);
  });

  for (const [title, cases] of Object.entries(tables)) {
    describe(title, () => {
      it.each(cases)('$name', (row) => {
        // Every row goes through the public pipeline: validate (as JSON text), compile, evaluate.
        const validation = validatePolicyDocument(JSON.stringify(row.policy));
        if (!validation.ok) throw new Error(`test policy is invalid: ${validation.message}`);
        const decision = compilePolicy(validation.document).evaluate(row.request);
        // The deciding statement is named by its index and, beside it, its Sid (null without one).
        const sid = row.statement === null ? null : (row.policy.Statement[row.statement]?.Sid ?? null);
        expect(decision).toEqual({ decision: row.decision, statement: row.statement, sid });
      });
    });
  }
});

// In-process evaluations/s: plinkd's compiled policy vs @cedar-policy/cedar-wasm on the
// equivalent Cedar policies, same requests, same process, one core.
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { compilePolicy, validatePolicyDocument } from '../../dist/policy/index.js';
import { compareRates } from './stats.mjs';
import { CEDAR_POLICIES, POLICY_TEXT, REQUESTS, cedarDecision, toCedarCall } from './workload.mjs';

export function runEvalBench() {
  const validation = validatePolicyDocument(POLICY_TEXT);
  if (!validation.ok) throw new Error(validation.message);
  const policy = compilePolicy(validation.document);

  const ok = cedar.preparsePolicySet('endpoint', { staticPolicies: CEDAR_POLICIES });
  if (ok.type !== 'success') throw new Error(`cedar parse: ${JSON.stringify(ok.errors)}`);
  const requests = REQUESTS.map(([request]) => request);
  const calls = requests.map((request) => toCedarCall(request, 'endpoint'));
  const statelessCalls = calls.map(({ preparsedPolicySetId: _unused, ...call }) => ({
    ...call,
    policies: { staticPolicies: CEDAR_POLICIES },
  }));

  // Equivalence first: both engines must give every request the same answer.
  REQUESTS.forEach(([request, decision, statement], i) => {
    const ours = policy.evaluate(request);
    const theirs = cedarDecision(cedar.statefulIsAuthorized(calls[i]));
    if (ours.decision !== decision || ours.statement !== statement)
      throw new Error(`plinkd disagrees on request ${i}: ${JSON.stringify(ours)}`);
    if (theirs[0] !== decision || theirs[1] !== statement) throw new Error(`cedar disagrees on request ${i}: ${JSON.stringify(theirs)}`);
  });

  const mask = requests.length - 1; // 8 requests, each evaluated in turn
  let sink = 0;
  const rates = compareRates({
    plinkd: (i) => {
      sink += policy.evaluate(requests[i & mask]).statement ?? 7;
    },
    // Cedar with the policy set parsed once (preparsePolicySet): its compiled form.
    cedarStateful: (i) => {
      sink += cedar.statefulIsAuthorized(calls[i & mask]).type.length;
    },
    // Cedar's everyday entry point, which parses the policy text on every call.
    cedarStateless: (i) => {
      sink += cedar.isAuthorized(statelessCalls[i & mask]).type.length;
    },
  });
  if (sink === 42) console.log('');
  return { ...rates, cedarVersion: cedar.getCedarVersion() };
}

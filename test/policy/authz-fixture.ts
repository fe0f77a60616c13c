import { createAuthzRoutes } from '../../src/api/authz/index.js';
import type { EndpointPolicySource } from '../../src/policy/endpoint-policy-index.js';
import { compilePolicy, validatePolicyDocument, type CompiledPolicy } from '../../src/policy/index.js';

export const TOKEN = 'test-token-0123456789';
export const NOW = new Date('2026-03-01T12:00:00.000Z');

function compile(document: unknown): CompiledPolicy {
  const validation = validatePolicyDocument(document);
  if (!validation.ok) throw new Error(validation.message);
  return compilePolicy(validation.document);
}

/**
 * Two endpoints: ep-vpc allows only requests from its own VPC (acs:SourceVpc, filled by plinkd)
 * and only before 2030; ep-self allows only requests naming itself as acs:SourceVpcEndpoint.
 */
export const endpoints: Record<string, { compiled: CompiledPolicy; vpcId: string }> = {
  'ep-vpc': {
    vpcId: 'vpc-home',
    compiled: compile({
      Version: '1',
      Statement: [
        { Sid: 'DenyDeletes', Effect: 'Deny', Principal: '*', Action: 'oss:Delete*', Resource: '*' },
        {
          Sid: 'AllowHomeVpcUntil2030',
          Effect: 'Allow',
          Principal: '*',
          Action: 'oss:*',
          Resource: 'acs:oss:*:*:data/*',
          Condition: {
            StringEquals: { 'acs:SourceVpc': 'vpc-home' },
            DateLessThan: { 'acs:CurrentTime': '2030-01-01T00:00:00Z' },
          },
        },
      ],
    }),
  },
  'ep-self': {
    vpcId: 'vpc-other',
    compiled: compile({
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: '*',
          Resource: '*',
          Condition: { StringEquals: { 'acs:SourceVpcEndpoint': 'ep-self' } },
        },
      ],
    }),
  },
};

export const source: EndpointPolicySource = {
  getEndpointPolicy: (endpointId) => (Object.hasOwn(endpoints, endpointId) ? endpoints[endpointId] : undefined),
};

export function routes(now: () => Date = () => NOW) {
  return createAuthzRoutes(source, [TOKEN, 'second-token'], now);
}

export const auth = `Bearer ${TOKEN}`;

export function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

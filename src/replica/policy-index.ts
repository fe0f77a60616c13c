import type { EndpointPolicySource } from '../api/authz/index.js';
import type { Logger } from '../log/logger.js';
import { compilePolicy, validatePolicyDocument, type CompiledPolicy } from '../policy/index.js';
import type { AppliedChange, Replica } from './replica.js';

interface CompiledEndpointPolicy {
  compiled: CompiledPolicy;
  vpcId: string;
  /** The text it was compiled from: an unchanged document is not compiled again. */
  text: string;
}

/** Denies everything: what a stored document that no longer validates compiles to (fail closed). */
const DENY_ALL = compilePolicy(
  (validatePolicyDocument('{"Version":"1","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Principal":"*"}]}') as { ok: true; document: Parameters<typeof compilePolicy>[0] }).document,
);

/**
 * Compiled endpoint policies, kept current from the replica (SPEC §5:
 * "compiled once per change, not interpreted per request"). Interface
 * endpoints and OSS gateway endpoints both carry a PolicyDocument.
 */
export class PolicyIndex implements EndpointPolicySource {
  private readonly policies = new Map<string, CompiledEndpointPolicy>();

  constructor(private readonly log: Logger) {}

  attach(replica: Replica): void {
    replica.subscribe({ onChanges: (applied) => this.onChanges(applied) });
  }

  getEndpointPolicy(endpointId: string): { compiled: CompiledPolicy; vpcId: string } | undefined {
    return this.policies.get(endpointId);
  }

  get size(): number {
    return this.policies.size;
  }

  private onChanges(applied: readonly AppliedChange[]): void {
    for (const { change } of applied) {
      if (change.kind !== 'endpoint' && change.kind !== 'gatewayEndpoint') continue;
      if (change.doc === null) {
        this.policies.delete(change.id);
        continue;
      }
      const text = change.doc.policyDocument;
      const current = this.policies.get(change.id);
      if (current !== undefined && current.text === text && current.vpcId === change.doc.vpcId) continue;
      this.policies.set(change.id, { compiled: this.compile(change.id, text), vpcId: change.doc.vpcId, text });
    }
  }

  private compile(endpointId: string, text: string): CompiledPolicy {
    const validation = validatePolicyDocument(text);
    if (validation.ok) return compilePolicy(validation.document);
    this.log.error('stored endpoint policy does not validate; denying all', { endpointId, reason: validation.message });
    return DENY_ALL;
  }
}

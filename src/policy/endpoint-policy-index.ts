import type { Logger } from '../log/logger.js';
import type { AppliedChange } from '../replica/applied-change.js';
import type { Replica } from '../replica/replica.js';
import { compilePolicy } from './compile.js';
import type { CompiledPolicy } from './types.js';
import { validatePolicyDocument } from './validate.js';

/** Where the policy evaluator finds the compiled policy of an endpoint (interface or gateway). */
export interface EndpointPolicySource {
  getEndpointPolicy(endpointId: string): { compiled: CompiledPolicy; vpcId: string } | undefined;
}

/**
 * What an endpoint's policy lookup returns. Endpoints of one VPC carrying the
 * same text share one of these (counted by `users`), so a million endpoints
 * add a million map entries but no million objects.
 */
interface CompiledEndpointPolicy {
  compiled: CompiledPolicy;
  vpcId: string;
  /** The text it was compiled from (the key into byText). */
  text: string;
  users: number;
}

/** One compiled form per distinct policy text, and its per-VPC lookup results. */
interface SharedPolicy {
  compiled: CompiledPolicy;
  byVpc: Map<string, CompiledEndpointPolicy>;
}

/** Denies everything: what a stored document that no longer validates compiles to (fail closed). */
const DENY_ALL = compilePolicy(
  (
    validatePolicyDocument('{"Version":"1","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Principal":"*"}]}') as {
      ok: true;
      document: Parameters<typeof compilePolicy>[0];
    }
  ).document,
);

/**
 * Compiled endpoint policies, kept current from the replica (docs/design/policy.md:
 * "compiled once per change, not interpreted per request"). Interface
 * endpoints and OSS gateway endpoints both carry a PolicyDocument.
 *
 * Most endpoints carry the same few documents (the default policy above all),
 * so each distinct text is compiled once and shared: a million endpoints
 * with the default policy hold one compiled form, not a million (bench:scale
 * measured ~1.6 KB per compiled copy). Endpoints of one VPC with the same
 * text also share their lookup result, counted by its users.
 */
export class PolicyIndex implements EndpointPolicySource {
  private readonly policies = new Map<string, CompiledEndpointPolicy>();
  private readonly byText = new Map<string, SharedPolicy>();

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

  /** Distinct policy texts compiled and held. */
  get compiledCount(): number {
    return this.byText.size;
  }

  private onChanges(applied: readonly AppliedChange[]): void {
    for (const { change } of applied) {
      if (change.kind !== 'endpoint' && change.kind !== 'gatewayEndpoint') continue;
      const current = this.policies.get(change.id);
      if (change.doc === null) {
        if (current !== undefined) this.release(current);
        this.policies.delete(change.id);
        continue;
      }
      const { policyDocument: text, vpcId } = change.doc;
      if (current !== undefined && current.text === text && current.vpcId === vpcId) continue;
      const entry = this.acquire(change.id, text, vpcId);
      if (current !== undefined) this.release(current);
      this.policies.set(change.id, entry);
    }
  }

  private acquire(endpointId: string, text: string, vpcId: string): CompiledEndpointPolicy {
    let shared = this.byText.get(text);
    if (shared === undefined) {
      shared = { compiled: this.compile(endpointId, text), byVpc: new Map() };
      this.byText.set(text, shared);
    }
    let entry = shared.byVpc.get(vpcId);
    if (entry === undefined) {
      entry = { compiled: shared.compiled, vpcId, text, users: 0 };
      shared.byVpc.set(vpcId, entry);
    }
    entry.users += 1;
    return entry;
  }

  private release(entry: CompiledEndpointPolicy): void {
    entry.users -= 1;
    if (entry.users > 0) return;
    const shared = this.byText.get(entry.text);
    if (shared === undefined) return;
    shared.byVpc.delete(entry.vpcId);
    if (shared.byVpc.size === 0) this.byText.delete(entry.text);
  }

  private compile(endpointId: string, text: string): CompiledPolicy {
    const validation = validatePolicyDocument(text);
    if (validation.ok) return compilePolicy(validation.document);
    this.log.error('stored endpoint policy does not validate; denying all', { endpointId, reason: validation.message });
    return DENY_ALL;
  }
}

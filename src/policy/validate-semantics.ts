import { parsePolicyValue } from './condition-values.js';
import { KNOWN_KEYS, OPERATORS } from './operators.js';
import { formatPath } from './path.js';
import type { ConditionBlock, PolicyDocument, Principal, StringOrList } from './types.js';

/**
 * Stage 2b: what the JSON Schema cannot say, checked on a document the schema accepted.
 * Formats follow the RAM docs ("Policy elements"): actions are `<ram-code>:<action-name>`,
 * resources `acs:<ram-code>:<region>:<account-id>:<relative-id>`, condition keys
 * `<service>:<key>`; each value must parse as its operator's type. Returns the first fault
 * as a message naming the element, or null.
 */

const ACTION = /^[A-Za-z0-9_*?-]+:[A-Za-z0-9_*?.\-/]+$/;
/** With a `*` in it, an action pattern may leave the ':' to the wildcard (`*Object`). */
const ACTION_WILDCARD = /^[A-Za-z0-9_*?:.\-/]*\*[A-Za-z0-9_*?:.\-/]*$/;
const RESOURCE = /^acs:[^:]*:[^:]*:[^:]*:.+$/s;
/** A `*` may span several ARN fields (`acs:*:bucket`); the `acs:` scheme is still required. */
const RESOURCE_WILDCARD = /^acs:.*\*/s;
const CONDITION_KEY = /^[A-Za-z0-9_.*-]+:\S+$/;
const ALL = /^\*+$/;

type Path = Array<string | number>;

function entries(value: StringOrList, path: Path): Array<[string, Path]> {
  return typeof value === 'string' ? [[value, path]] : value.map((item, i): [string, Path] => [item, [...path, i]]);
}

function checkActions(value: StringOrList, path: Path): string | null {
  for (const [action, at] of entries(value, path)) {
    if (!ALL.test(action) && !ACTION.test(action) && !ACTION_WILDCARD.test(action)) {
      return `${formatPath(at)}: invalid action '${action}' (expected "*" or "<ram-code>:<action-name>")`;
    }
  }
  return null;
}

function checkResources(value: StringOrList, path: Path): string | null {
  for (const [resource, at] of entries(value, path)) {
    if (!ALL.test(resource) && !RESOURCE.test(resource) && !RESOURCE_WILDCARD.test(resource)) {
      return `${formatPath(at)}: invalid resource '${resource}' (expected "*" or "acs:<ram-code>:<region>:<account-id>:<relative-id>")`;
    }
  }
  return null;
}

/** RAM principals: "*", an account uid, or an ARN under `acs:ram::`. */
function checkRamPrincipals(value: StringOrList, path: Path): string | null {
  for (const [principal, at] of entries(value, path)) {
    if (ALL.test(principal) || /^[0-9*?]+$/.test(principal) || principal.startsWith('acs:ram::')) continue;
    return `${formatPath(at)}: invalid principal '${principal}' (expected "*", an account ID or "acs:ram::<account-id>:<name>")`;
  }
  return null;
}

function checkPrincipal(principal: Principal, path: Path): string | null {
  if (typeof principal === 'string' || Array.isArray(principal)) return checkRamPrincipals(principal, path);
  if (principal.RAM !== undefined) {
    const fault = checkRamPrincipals(principal.RAM, [...path, 'RAM']);
    if (fault !== null) return fault;
  }
  for (const key of ['Service', 'Federated'] as const) {
    const value = principal[key];
    if (value === undefined) continue;
    for (const [entry, at] of entries(value, [...path, key])) {
      if (/\s/.test(entry)) return `${formatPath(at)}: invalid principal '${entry}'`;
    }
  }
  return null;
}

function checkCondition(block: ConditionBlock, path: Path): string | null {
  for (const [operator, keys] of Object.entries(block)) {
    const spec = OPERATORS.get(operator);
    if (spec === undefined) return `${formatPath(path)}: unknown condition operator '${operator}'`;
    for (const [key, raw] of Object.entries(keys)) {
      const at = formatPath([...path, operator, key]);
      if (!CONDITION_KEY.test(key)) return `${at}: invalid condition key '${key}' (expected "<service>:<key>")`;
      const known = KNOWN_KEYS.get(key.toLowerCase());
      if (known !== undefined && !known.kinds.includes(spec.kind)) {
        return `${at}: operator ${operator} does not apply to ${known.canonical}, a ${known.kinds[0]} key`;
      }
      for (const value of Array.isArray(raw) ? raw : [raw]) {
        const parsed = parsePolicyValue(spec.kind, value);
        if (!parsed.ok) return `${at}: ${parsed.message}`;
      }
    }
  }
  return null;
}

export function semanticError(document: PolicyDocument): string | null {
  for (let i = 0; i < document.Statement.length; i++) {
    const statement = document.Statement[i]!;
    const base: Path = ['Statement', i];
    const checks: Array<() => string | null> = [
      () => (statement.Action === undefined ? null : checkActions(statement.Action, [...base, 'Action'])),
      () => (statement.NotAction === undefined ? null : checkActions(statement.NotAction, [...base, 'NotAction'])),
      () => (statement.Resource === undefined ? null : checkResources(statement.Resource, [...base, 'Resource'])),
      () => (statement.NotResource === undefined ? null : checkResources(statement.NotResource, [...base, 'NotResource'])),
      () => (statement.Principal === undefined ? null : checkPrincipal(statement.Principal, [...base, 'Principal'])),
      () => (statement.Condition === undefined ? null : checkCondition(statement.Condition, [...base, 'Condition'])),
    ];
    for (const check of checks) {
      const fault = check();
      if (fault !== null) return fault;
    }
  }
  return null;
}

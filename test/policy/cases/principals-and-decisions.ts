import type { Statement } from '../../../src/policy/index.js';
import { allowsOrNot, ANY_REQUEST, doc, type DecisionCase } from '../table.js';

const principal = (p: Statement['Principal']) => doc({ Effect: 'Allow', Principal: p, Action: '*', Resource: '*' });
const as = (who?: string) => (who === undefined ? { ...ANY_REQUEST } : { ...ANY_REQUEST, principal: who });
const UID = '1234567890123456';

const allow = (extra: Partial<Statement> = {}): Statement => ({ Effect: 'Allow', Action: '*', Resource: '*', ...extra });
const deny = (extra: Partial<Statement> = {}): Statement => ({ Effect: 'Deny', Action: '*', Resource: '*', ...extra });
const never: Partial<Statement> = { Action: 'none:Never' };

/** Principal forms, then the decision rule: explicit Deny wins, else first Allow, else implicit deny. */
export const principalAndDecisionCases: DecisionCase[] = [
  allowsOrNot('principal "*": anonymous caller', principal('*'), as(), true),
  allowsOrNot('principal "*": any RAM user', principal('*'), as(`acs:ram::${UID}:user/alice`), true),
  allowsOrNot('principal ["*"]: list form', principal(['*']), as('acs:ram::999:role/x'), true),
  allowsOrNot('principal {"RAM": "*"}', principal({ RAM: '*' }), as(), true),
  allowsOrNot('principal absent: applies to everyone', doc(allow()), as('acs:ram::1:user/u'), true),
  allowsOrNot('principal root: a user of that account', principal({ RAM: `acs:ram::${UID}:root` }), as(`acs:ram::${UID}:user/alice`), true),
  allowsOrNot('principal root: a role of that account', principal({ RAM: [`acs:ram::${UID}:root`] }), as(`acs:ram::${UID}:role/app`), true),
  allowsOrNot('principal root: the root itself', principal({ RAM: `acs:ram::${UID}:root` }), as(`acs:ram::${UID}:root`), true),
  allowsOrNot(
    'principal root: another account',
    principal({ RAM: `acs:ram::${UID}:root` }),
    as('acs:ram::6543210987654321:user/alice'),
    false,
  ),
  allowsOrNot(
    'principal root: account-id prefix trap',
    principal({ RAM: `acs:ram::${UID}:root` }),
    as(`acs:ram::${UID}7:user/alice`),
    false,
  ),
  allowsOrNot('principal root: anonymous caller', principal({ RAM: `acs:ram::${UID}:root` }), as(), false),
  allowsOrNot('principal uid: bare account id', principal({ RAM: UID }), as(`acs:ram::${UID}:role/x`), true),
  allowsOrNot(
    'principal list: second user',
    principal({ RAM: [`acs:ram::${UID}:user/alice`, `acs:ram::${UID}:user/bob`] }),
    as(`acs:ram::${UID}:user/bob`),
    true,
  ),
  allowsOrNot(
    'principal list: someone else',
    principal({ RAM: [`acs:ram::${UID}:user/alice`, `acs:ram::${UID}:user/bob`] }),
    as(`acs:ram::${UID}:user/carol`),
    false,
  ),
  allowsOrNot('principal wildcard user', principal({ RAM: `acs:ram::${UID}:user/dev-*` }), as(`acs:ram::${UID}:user/dev-jo`), true),
  allowsOrNot(
    'principal wildcard user, no match',
    principal({ RAM: `acs:ram::${UID}:user/dev-*` }),
    as(`acs:ram::${UID}:user/ops-jo`),
    false,
  ),
  allowsOrNot('principal is case-sensitive', principal({ RAM: `acs:ram::${UID}:user/Alice` }), as(`acs:ram::${UID}:user/alice`), false),
  allowsOrNot('principal any account root', principal({ RAM: 'acs:ram::*:root' }), as('acs:ram::42:user/x'), true),
  allowsOrNot('principal any account root, anonymous', principal({ RAM: 'acs:ram::*:root' }), as(), false),
  allowsOrNot('principal Service', principal({ Service: 'ecs.aliyuncs.com' }), as('ecs.aliyuncs.com'), true),
  allowsOrNot('principal Service, other service', principal({ Service: 'ecs.aliyuncs.com' }), as('fc.aliyuncs.com'), false),

  {
    name: 'decision: Deny after Allow wins, names the Deny',
    policy: doc(allow(), deny()),
    request: as(),
    decision: 'ExplicitDeny',
    statement: 1,
  },
  { name: 'decision: Deny before Allow wins', policy: doc(deny(), allow()), request: as(), decision: 'ExplicitDeny', statement: 0 },
  {
    name: 'decision: first of two Denies',
    policy: doc(allow(never), deny(), deny()),
    request: as(),
    decision: 'ExplicitDeny',
    statement: 1,
  },
  { name: 'decision: first applying Allow', policy: doc(allow(never), allow(), allow()), request: as(), decision: 'Allow', statement: 1 },
  {
    name: 'decision: Deny at the end still wins',
    policy: doc(allow(), allow(), allow(), deny()),
    request: as(),
    decision: 'ExplicitDeny',
    statement: 3,
  },
  { name: 'decision: non-applying Deny does not block', policy: doc(deny(never), allow()), request: as(), decision: 'Allow', statement: 1 },
  {
    name: 'decision: Deny whose condition is false does not block',
    policy: doc(deny({ Condition: { Bool: { 'acs:SecureTransport': 'false' } } }), allow()),
    request: { ...ANY_REQUEST, context: { 'acs:SecureTransport': 'true' } },
    decision: 'Allow',
    statement: 1,
  },
  {
    name: 'decision: Deny with a negated condition and missing key blocks',
    policy: doc(allow(), deny({ Condition: { StringNotEquals: { 'acs:SourceVpc': 'vpc-ok' } } })),
    request: as(),
    decision: 'ExplicitDeny',
    statement: 1,
  },
  { name: 'decision: nothing applies', policy: doc(allow(never), deny(never)), request: as(), decision: 'ImplicitDeny', statement: null },
  {
    name: 'decision: only Deny statements, none applies',
    policy: doc(deny(never)),
    request: as(),
    decision: 'ImplicitDeny',
    statement: null,
  },
  {
    name: 'decision: Deny for another principal does not block',
    policy: doc(deny({ Principal: { RAM: `acs:ram::${UID}:user/mallory` } }), allow()),
    request: as(`acs:ram::${UID}:user/alice`),
    decision: 'Allow',
    statement: 1,
  },
  {
    name: 'decision: Deny for the caller blocks',
    policy: doc(allow(), deny({ Principal: { RAM: `acs:ram::${UID}:user/mallory` } })),
    request: as(`acs:ram::${UID}:user/mallory`),
    decision: 'ExplicitDeny',
    statement: 1,
  },
];

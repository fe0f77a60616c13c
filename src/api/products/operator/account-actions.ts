import { createAccessKey, createAccount, deleteAccessKey } from '../../../control/accounts.js';
import { defineAction, type ActionDefinition } from '../../rpc/action.js';
import { DryRunParam } from '../common-params.js';
import type { ApiDeps } from '../deps.js';
import { OPERATOR_VERSION } from './version.js';

const AccountIdParam = { type: 'string', required: true, pattern: /^\d{16}$/ } as const;

/**
 * CreateAccount, CreateAccessKey, DeleteAccessKey. The key to delete is named
 * `UserAccessKeyId` (as RAM's DeleteAccessKey does): `AccessKeyId` is the
 * signing key of every request.
 */
export const accountActions: ActionDefinition<ApiDeps>[] = [
  defineAction({
    version: OPERATOR_VERSION,
    name: 'CreateAccount',
    kind: 'create',
    errorCodes: ['DryRunOperation'],
    operatorOnly: true,
    params: { DryRun: DryRunParam },
    async handle(ctx) {
      const account = await createAccount(ctx.deps.plane);
      return { AccountId: account.uid, BusinessStatus: account.businessStatus, CreateTime: account.createdAt };
    },
  }),
  defineAction({
    version: OPERATOR_VERSION,
    name: 'CreateAccessKey',
    kind: 'create',
    errorCodes: ['EntityNotExist.User', 'LimitExceeded.User.AccessKey', 'DryRunOperation'],
    operatorOnly: true,
    params: { AccountId: AccountIdParam, DryRun: DryRunParam },
    async handle(ctx, p) {
      const created = await createAccessKey(ctx.deps.plane, p.AccountId);
      // The only response that ever carries a secret.
      return { AccountId: p.AccountId, AccessKeyId: created.accessKeyId, AccessKeySecret: created.secret };
    },
  }),
  defineAction({
    version: OPERATOR_VERSION,
    name: 'DeleteAccessKey',
    kind: 'change',
    errorCodes: ['EntityNotExist.User.AccessKey', 'DryRunOperation'],
    operatorOnly: true,
    params: { UserAccessKeyId: { type: 'string', required: true, pattern: /^[A-Za-z0-9]{8,64}$/ }, DryRun: DryRunParam },
    async handle(ctx, p) {
      await deleteAccessKey(ctx.deps.plane, p.UserAccessKeyId);
      return {};
    },
  }),
];

import { CloudError } from '../errors/catalogue.js';
import type { Plane } from './plane.js';
import { arnAccount, ownServiceInTx, requireActiveService } from './services.js';

/** One whitelist entry: an account uid, or a RAM ARN (`acs:ram:*:<uid>:*`). */
export interface UserInput {
  userId: string | undefined;
  userArn: string | undefined;
}

/**
 * The entry a call names. With both forms, the ARN must name the same account
 * (`Mismatch.UserIdAndUserArn`) and is the one stored; with neither, the
 * cloud answers `MissingParam.UserArn`.
 */
export function whitelistEntry(input: UserInput): string {
  if (input.userId !== undefined && input.userArn !== undefined) {
    if (arnAccount(input.userArn) !== input.userId) throw new CloudError('Mismatch.UserIdAndUserArn');
    return input.userArn;
  }
  const entry = input.userArn ?? input.userId;
  if (entry === undefined) throw new CloudError('MissingParam', { param: 'UserArn' });
  return entry;
}

/** AddUserToVpcEndpointService: adding an entry already there is a no-op. */
export async function addServiceUser(plane: Plane, uid: string, regionId: string, serviceId: string, user: UserInput): Promise<void> {
  const entry = whitelistEntry(user);
  await plane.write(async (tx) => {
    const service = await ownServiceInTx(tx, uid, regionId, serviceId);
    requireActiveService(service);
    if (!service.users.includes(entry)) tx.put('service', serviceId, { ...service, users: [...service.users, entry] });
  });
}

/**
 * RemoveUserFromVpcEndpointService. Documented choice (docs/control-plane.md): existing
 * endpoints of the removed account stay connected; it can no longer see the
 * service or create new endpoints to it.
 */
export async function removeServiceUser(plane: Plane, uid: string, regionId: string, serviceId: string, user: UserInput): Promise<void> {
  const entry = whitelistEntry(user);
  await plane.write(async (tx) => {
    const service = await ownServiceInTx(tx, uid, regionId, serviceId);
    requireActiveService(service);
    if (service.users.includes(entry)) tx.put('service', serviceId, { ...service, users: service.users.filter((u) => u !== entry) });
  });
}

import { routeTableIdOf, vpcIdOfRouteTable } from '../model/ids.js';
import type { Tag } from '../model/types.js';
import type { DocTypes, Transaction } from '../store/types.js';
import type { Plane } from './plane.js';

/** One resource as the tag actions see it: its id, owner, tags, and how to write new tags into its document. */
export interface Tagged {
  id: string;
  uid: string;
  regionId: string;
  tags: readonly Tag[];
  write(tx: Transaction, tags: Tag[]): void;
}

/** A kind of resource that carries tags, under the ResourceType a product's tag actions name it by. */
export interface TagHolder {
  type: string;
  /** The caller's resource of this kind in the region, from the replica. */
  find(plane: Plane, uid: string, regionId: string, id: string): Tagged | undefined;
  /** The resource as the store has it, inside a transaction. */
  read(tx: Transaction, id: string): Promise<Tagged | undefined>;
  /** Every resource of this kind the caller has in the region. */
  list(plane: Plane, uid: string, regionId: string): Tagged[];
}

type DocKind = 'endpoint' | 'service' | 'vpc' | 'vSwitch' | 'gatewayEndpoint';

/** A holder whose resources are documents of one kind, keeping their tags in `tags`. */
function documentHolder<K extends DocKind>(type: string, kind: K, idOf: (doc: DocTypes[K]) => string): TagHolder {
  const wrap = (doc: DocTypes[K]): Tagged => ({
    id: idOf(doc),
    uid: doc.uid,
    regionId: doc.regionId,
    tags: doc.tags ?? [],
    write: (tx, tags) => tx.put(kind, idOf(doc), { ...doc, tags }),
  });
  return {
    type,
    find(plane, uid, regionId, id) {
      const doc = plane.replica.get(kind, id);
      return doc !== undefined && doc.uid === uid && doc.regionId === regionId ? wrap(doc) : undefined;
    },
    async read(tx, id) {
      const doc = await tx.get(kind, id);
      return doc === undefined ? undefined : wrap(doc);
    },
    list: (plane, uid, regionId) =>
      plane.replica
        .ownedBy(kind, uid)
        .filter((doc) => doc.regionId === regionId)
        .map(wrap),
  };
}

/**
 * The VPC's system route table (ROUTETABLE): not a document of its own, its
 * tags live in the VPC document (`routeTableTags`) under the `vtb-` id.
 */
const routeTableHolder: TagHolder = (() => {
  const wrap = (vpc: DocTypes['vpc']): Tagged => ({
    id: routeTableIdOf(vpc.vpcId),
    uid: vpc.uid,
    regionId: vpc.regionId,
    tags: vpc.routeTableTags ?? [],
    write: (tx, tags) => tx.put('vpc', vpc.vpcId, { ...vpc, routeTableTags: tags }),
  });
  return {
    type: 'ROUTETABLE',
    find(plane, uid, regionId, id) {
      const vpcId = vpcIdOfRouteTable(id);
      const vpc = vpcId === undefined ? undefined : plane.replica.get('vpc', vpcId);
      return vpc !== undefined && vpc.uid === uid && vpc.regionId === regionId ? wrap(vpc) : undefined;
    },
    async read(tx, id) {
      const vpcId = vpcIdOfRouteTable(id);
      const vpc = vpcId === undefined ? undefined : await tx.get('vpc', vpcId);
      return vpc === undefined ? undefined : wrap(vpc);
    },
    list: (plane, uid, regionId) =>
      plane.replica
        .ownedBy('vpc', uid)
        .filter((vpc) => vpc.regionId === regionId)
        .map(wrap),
  };
})();

/** Privatelink 2020-04-15 ResourceType values (the API spells them in lower case). */
export const PRIVATELINK_TAG_HOLDERS: Readonly<Record<string, TagHolder>> = {
  vpcendpoint: documentHolder('vpcendpoint', 'endpoint', (e) => e.endpointId),
  vpcendpointservice: documentHolder('vpcendpointservice', 'service', (s) => s.serviceId),
};

/**
 * VPC 2016-04-28 ResourceType values plinkd models (upper case in the reference,
 * any case accepted); the others it lists (EIP, NATGATEWAY, …) name resources
 * plinkd does not have.
 */
export const VPC_TAG_HOLDERS: Readonly<Record<string, TagHolder>> = {
  VPC: documentHolder('VPC', 'vpc', (v) => v.vpcId),
  VSWITCH: documentHolder('VSWITCH', 'vSwitch', (s) => s.vSwitchId),
  ROUTETABLE: routeTableHolder,
  GATEWAYENDPOINT: documentHolder('GATEWAYENDPOINT', 'gatewayEndpoint', (g) => g.endpointId),
};

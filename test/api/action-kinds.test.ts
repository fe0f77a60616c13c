import { describe, expect, it } from 'vitest';
import { apiActions } from '../../src/api/products/all-actions.js';

/**
 * Every action declares its kind (src/api/rpc/action.ts `kind`), which the operation runner
 * (src/control/change-runner.ts) follows for DryRun and ClientToken. Until the kinds were
 * declared the runner guessed them from the action's name with the two patterns below; the
 * declared kinds are held to that guess, so moving the kind to the action changed no answer.
 * An action whose kind deliberately differs from its name's guess is listed in DIFFERENT, with why.
 */
const READ_BY_NAME = /^(List|Describe|Get|Check)/;
/** PrivateZone names its creates Add…; elsewhere Add… attaches to what exists. */
const CREATE_BY_NAME = /^Create|^(AddZone|AddZoneRecord)$/;

function guessedKind(name: string): 'read' | 'create' | 'change' {
  return READ_BY_NAME.test(name) ? 'read' : CREATE_BY_NAME.test(name) ? 'create' : 'change';
}

/** `version name` → the declared kind, where it is not the name's guess. None so far. */
const DIFFERENT: Readonly<Record<string, 'read' | 'create' | 'change'>> = {};

describe('action kinds', () => {
  it('are declared by every catalogued action, as read, create or change', () => {
    expect(apiActions.length).toBeGreaterThan(80);
    const undeclared = apiActions.filter((a) => !['read', 'create', 'change'].includes(a.kind)).map((a) => `${a.version} ${a.name}`);
    expect(undeclared).toEqual([]);
  });

  it('match what the runner used to guess from the names, but for the listed differences', () => {
    const differing = Object.fromEntries(
      apiActions.filter((a) => a.kind !== guessedKind(a.name)).map((a) => [`${a.version} ${a.name}`, a.kind] as const),
    );
    expect(differing).toEqual(DIFFERENT);
  });

  it('make every action that takes ClientToken a create or a change, except reads the cloud gives a token', () => {
    // ListTagResources takes ClientToken in the cloud's metadata; a read has nothing to replay.
    const readsWithToken = apiActions.filter((a) => a.kind === 'read' && 'ClientToken' in a.params).map((a) => a.name);
    expect(readsWithToken).toEqual(['ListTagResources']);
  });
});

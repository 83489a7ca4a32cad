import type { FocusArea } from '../domain/programme.js';
import type { ProgrammeMapping } from '../mapping/file/schema.js';
import type { RoleHolder, RoleHolders } from '../pipeline/alert-source.js';

/**
 * Who gets alerts about a focus area: the mapping's fixed addresses plus the e-mail addresses of
 * the holders of the owner role in Stratsys. Pure. An address from Stratsys is used only when it
 * is one plain `local@domain` token, so a user record can never add a header or a recipient.
 */

export type { RoleHolder, RoleHolders } from '../pipeline/alert-source.js';

/** The parts of a mapping the alert step reads. */
export type AlertMapping = Pick<ProgrammeMapping, 'owners' | 'alerts' | 'scorecards' | 'projectStatements'>;

/**
 * Why a focus area has no owner address: no `owners` entry for it, its owner role was not in the
 * pull (no `roleHolders` key), or nobody holding it has a usable e-mail address.
 */
export type NoAddressReason = 'not-configured' | 'role-not-pulled' | 'no-email';

/** A focus area whose alerts go to the International Office instead of an owner. */
export interface OwnerWithoutAddress {
  focusAreaKey: string;
  focusAreaName: string;
  reason: NoAddressReason;
  /** Missing reports of the area in this evaluation (sent to the International Office instead). */
  missingReports: number;
}

/** Owner addresses per focus area, resolved once per step. */
export interface OwnerDirectory {
  /** Focus-area key → owner addresses (trimmed, unique ignoring case); absent when there are none. */
  addresses: ReadonlyMap<string, readonly string[]>;
  /** Areas without any address, in the order given, with `missingReports` 0 (the caller counts). */
  withoutAddress: OwnerWithoutAddress[];
}

const PLAIN_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** The address trimmed, or null unless it is one plain `local@domain` (no spaces, CR/LF, names or lists). */
export function normalizeAddress(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const address = raw.trim();
  return address.length <= 254 && PLAIN_ADDRESS.test(address) ? address : null;
}

/** Unique addresses ignoring case, first spelling kept. */
export function uniqueAddresses(addresses: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const address of addresses) if (!seen.has(address.toLowerCase())) seen.set(address.toLowerCase(), address);
  return [...seen.values()];
}

/** The roleHolders key of an owner role; the scorecard defaults to the mapping's first one. */
export function roleHoldersKey(mapping: AlertMapping, role: { roleId: string; nodeId: string; departmentId: string; scorecardId: string | null }): string {
  return `${role.scorecardId ?? mapping.scorecards[0]?.id ?? ''}/${role.departmentId}/${role.nodeId}/${role.roleId}`;
}

/** Owner addresses of every focus area, and the areas that have none. */
export function resolveOwners(mapping: AlertMapping, focusAreas: readonly FocusArea[], roleHolders: RoleHolders): OwnerDirectory {
  const addresses = new Map<string, readonly string[]>();
  const withoutAddress: OwnerWithoutAddress[] = [];
  for (const area of focusAreas) {
    const owners = mapping.owners.filter((owner) => owner.focusArea === area.key);
    const found = uniqueAddresses(owners.flatMap((owner) => [...owner.emails, ...roleAddresses(mapping, owner.role, roleHolders)]).flatMap(asList));
    if (found.length > 0) {
      addresses.set(area.key, found);
      continue;
    }
    withoutAddress.push({ focusAreaKey: area.key, focusAreaName: area.name, reason: whyNoAddress(mapping, owners, roleHolders), missingReports: 0 });
  }
  return { addresses, withoutAddress };
}

function roleAddresses(mapping: AlertMapping, role: ProgrammeMapping['owners'][number]['role'], roleHolders: RoleHolders): Array<string | null> {
  if (role === null) return [];
  return (roleHolders[roleHoldersKey(mapping, role)] ?? []).map((holder) => holder.Email);
}

function asList(address: string | null): string[] {
  const normalized = normalizeAddress(address);
  return normalized === null ? [] : [normalized];
}

function whyNoAddress(mapping: AlertMapping, owners: AlertMapping['owners'], roleHolders: RoleHolders): NoAddressReason {
  if (owners.length === 0) return 'not-configured';
  const roles = owners.flatMap((owner) => (owner.role === null ? [] : [owner.role]));
  return roles.some((role) => roleHolders[roleHoldersKey(mapping, role)] === undefined) ? 'role-not-pulled' : 'no-email';
}

/**
 * Unit id → display names of the holders of role `roleId` (e.g. "Vem rapporterar") on the unit's
 * activities, read from `roleHolders` keys `<scorecardId>/<unitId>/<activityNodeId>/<roleId>`.
 * Empty unless the pull fetched those role holders (today it fetches only the owner roles).
 */
export function reportersFromRoleHolders(roleHolders: RoleHolders, activities: ReadonlyArray<{ scorecardId: string; unitId: string; nodeId: string }>, roleId: string): Map<string, string[]> {
  const reporters = new Map<string, string[]>();
  for (const activity of activities) {
    const holders = roleHolders[`${activity.scorecardId}/${activity.unitId}/${activity.nodeId}/${roleId}`] ?? [];
    const names = holders.map(displayName).filter((name): name is string => name !== null);
    const known = reporters.get(activity.unitId) ?? [];
    reporters.set(activity.unitId, [...known, ...names.filter((name) => !known.includes(name))]);
  }
  return new Map([...reporters].filter(([, names]) => names.length > 0));
}

function displayName(holder: RoleHolder): string | null {
  const name = [holder.FirstName, holder.LastName]
    .filter((part) => typeof part === 'string' && part.trim() !== '')
    .join(' ')
    .trim();
  return name !== '' ? name : holder.Username?.trim() || null;
}

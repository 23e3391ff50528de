/**
 * The fault catalogue as one table: every fault an instructor can inject, with its target,
 * parameters and explanations. Assembled from three parts (connection, delivery, authenticity).
 */
import { AUTHENTICITY_FAULTS } from './faults-authenticity';
import { CONNECTION_FAULTS } from './faults-connection';
import { DELIVERY_FAULTS } from './faults-delivery';
import type { FaultDef } from './fault-def';

/** FAULTS: the catalogue, one entry per kind, in menu order. */
export const FAULTS = [...CONNECTION_FAULTS, ...DELIVERY_FAULTS, ...AUTHENTICITY_FAULTS] as const satisfies readonly FaultDef[];

/** FaultKind names one entry of the catalogue (`busy`, `unknown-user`, ...). */
export type FaultKind = (typeof FAULTS)[number]['kind'];

/** FAULT_KINDS lists every kind, in catalogue order. */
export const FAULT_KINDS = FAULTS.map((f) => f.kind) as readonly FaultKind[] as readonly [FaultKind, ...FaultKind[]];

const BY_KIND: ReadonlyMap<string, FaultDef> = new Map(FAULTS.map((f) => [f.kind, f]));

/** faultDef returns the catalogue entry of a kind, or undefined for an unknown kind. */
export function faultDef(kind: string): FaultDef | undefined {
  return BY_KIND.get(kind);
}

/** isFaultKind tells whether a string names a kind in the catalogue. */
export function isFaultKind(kind: string): kind is FaultKind {
  return BY_KIND.has(kind);
}

/** linkName is the canonical name of the link between two hosts: `a<->b`. */
export function linkName(a: string, b: string): string {
  return `${a}<->${b}`;
}

/** parseLinkName splits a link target (`a<->b` or `a~b`) into its two hosts, or undefined. */
export function parseLinkName(target: string): [string, string] | undefined {
  const parts = target.includes('<->') ? target.split('<->') : target.split('~');
  if (parts.length !== 2) return undefined;
  const [a, b] = parts.map((p) => p.trim());
  return a && b ? [a, b] : undefined;
}

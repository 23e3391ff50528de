/**
 * The shape of one entry in the fault catalogue. The catalogue defines what a fault is called,
 * what it targets, its parameters and what it teaches; the agents implement its effect.
 */
import type { Text } from './text';

/** FaultTargetKind says what a fault's target names. A link is written `a<->b` (or `a~b`). */
export type FaultTargetKind = 'host' | 'link' | 'account' | 'address' | 'dns-name' | 'zone' | 'client';

/** FaultParamType is the type of a fault parameter; durations are held in milliseconds. */
export type FaultParamType = 'duration' | 'integer' | 'number' | 'string' | 'boolean' | 'enum';

/** FaultParamValue is a parameter's value after loading (durations in ms). */
export type FaultParamValue = string | number | boolean;

/** FaultParam describes one parameter of a fault kind. */
export interface FaultParam {
  name: string;
  type: FaultParamType;
  /** Value used when the scenario leaves it out (durations in ms). */
  default: FaultParamValue;
  description: Text;
  /** Allowed values of an `enum` parameter. */
  values?: readonly string[];
  /** Inclusive bounds of a numeric parameter. */
  min?: number;
  max?: number;
}

/** FaultDef is one fault kind: its name, target, parameters and the words that explain it. */
export interface FaultDef {
  kind: string;
  targetKind: FaultTargetKind;
  params: readonly FaultParam[];
  title: Text;
  /** What happens in the world while the fault is active. */
  effect: Text;
  /** What a student should learn: how to recognise it and how it is fixed. */
  teaches: Text;
  /** Replies the fault makes a server send (`421 4.3.2`), for the reply table and the explainer. */
  replies: readonly string[];
}

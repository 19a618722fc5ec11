import type { ResourceType } from './resource';
import type { RiskLevel } from './chat';

/**
 * A playbook as the rest of the code sees it, after the loader validated the YAML.
 * The schema that checks the YAML (src/playbooks/schema.ts) produces exactly this shape.
 */
export const VALUE_TYPES = [
  'string',
  'instance-type',
  'service-name',
  'tags',
  'period',
  'tag-key',
  'query',
  'enum',
  'boolean',
  'number',
  'account',
] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
export type ParameterType = ResourceType | ValueType;

export interface PlaybookParameter {
  name: string;
  type: ParameterType;
  description?: string;
  required: boolean;
  /** Regular expression a free-text value must match in full (anchored). Values reaching a shell must have one. */
  pattern?: string;
  enum?: string[];
  default?: string | number | boolean;
  /** For resource parameters: the states the resource must be in, otherwise the plan is blocked. */
  states?: string[];
  /** For taggable parameters: only resources of this ARN service (`ec2:snapshot`): "the snapshot of X" is never X. */
  service?: string;
}

export type TagTest = string | string[];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A weekly window of wall-clock time: `{ days: [sat, sun] }`, `{ from: "18:00", to: "08:00" }` (wraps midnight). */
export interface TimeWindow {
  days?: Weekday[];
  /** HH:MM, inclusive. */
  from?: string;
  /** HH:MM, exclusive. */
  to?: string;
  /** IANA time zone (default: risk.timezone from the config, UTC when unset). */
  timezone?: string;
}

/** A condition on the request and its resources. Data only: evaluated by src/risk, never eval()'d. */
export interface RiskCondition {
  /** Resource parameter the condition looks at (default: every resource parameter). */
  param?: string;
  tag?: Record<string, TagTest | { present: boolean }>;
  state?: string[];
  fact?: Record<string, FactTest>;
  /** The resource's account, by id or alias. */
  account?: string[];
  /** The resource is (true) or is not (false) in an account the config names as production. */
  production?: boolean;
  /** The request is made inside this weekly window. */
  time?: TimeWindow;
  /** A change freeze window from the config is (true) or is not (false) in force. */
  freeze?: boolean;
  /** How many resources the request names. */
  resources?: { min?: number; max?: number };
  /** Values of the request's other parameters (the count asked for): `{ count: { equals: 0 } }`. */
  value?: Record<string, FactTest>;
  all?: RiskCondition[];
  any?: RiskCondition[];
  not?: RiskCondition;
}

export interface FactTest {
  equals?: string | number | boolean;
  in?: (string | number)[];
  nonEmpty?: boolean;
  truthy?: boolean;
  matches?: string;
  /** The fact equals the value of this (non-resource) parameter, e.g. resizing to the type it already has. */
  equalsParam?: string;
}

export interface RiskRule {
  when: RiskCondition;
  /** Raise the level to at least this. */
  raise?: RiskLevel;
  /** The plan cannot run; the text says why (templates allowed: {{db.name}}). */
  block?: string;
  reason?: string;
  /** Replaces the playbook's expected downtime when the rule holds ("about 1-2 minutes while it fails over"). */
  downtime?: string;
}

export interface PlaybookStep {
  action: string;
  /** Display name of the step in progress messages. */
  name?: string;
  /** Resource parameter whose account and region the step runs in (default: the first resource parameter). */
  target?: string;
  with: Record<string, unknown>;
  wait?: { timeout?: string };
}

export interface Playbook {
  id: string;
  title: string;
  description: string;
  examples: string[];
  parameters: PlaybookParameter[];
  /** Read-only playbooks change nothing and run without approval. */
  readOnly: boolean;
  risk: {
    base: RiskLevel;
    rules: RiskRule[];
    reversible: boolean;
    downtime?: string;
  };
  steps: PlaybookStep[];
  rollback?: string;
  /** How a plan over a set of resources rolls out: `concurrency` at once, `pause` between, blocked members skipped or blocking. */
  fleet?: { concurrency?: number; pause?: string; onBlocked?: 'skip' | 'block' };
  /** Where it came from, for error messages. */
  source?: { file: string; line: number };
}

export function isResourceParameter(param: PlaybookParameter): boolean {
  return !(VALUE_TYPES as readonly string[]).includes(param.type);
}

/**
 * "the one in us-west-2", "in the staging account", "the prod one": narrowing resource candidates by
 * where the user said the resource is. Pure; used by the planner on what the resolver found.
 */
import type { Resolution, ResourceScope } from './ports';
import { describeResource, type Resource } from './resource';

const ENV_ALIASES: Record<string, string> = {
  prod: 'prod',
  production: 'prod',
  prd: 'prod',
  live: 'prod',
  staging: 'staging',
  stage: 'staging',
  stg: 'staging',
  dev: 'dev',
  development: 'dev',
  test: 'test',
  testing: 'test',
  qa: 'test',
  uat: 'test',
  sandbox: 'sandbox',
};

function env(word: string | undefined): string | undefined {
  if (!word) return undefined;
  const w = word.toLowerCase();
  return ENV_ALIASES[w] ?? w;
}

export function inScope(r: Resource, scope: ResourceScope): boolean {
  // "us east", "in europe": an area is every region of it (`us-east-*`).
  if (scope.region && (scope.region.endsWith('*') ? !r.region.startsWith(scope.region.slice(0, -1)) : r.region !== scope.region))
    return false;
  if (scope.account && r.account !== scope.account && env(r.accountAlias) !== env(scope.account)) return false;
  if (scope.environment) {
    const want = env(scope.environment);
    if (env(r.tags.environment ?? r.tags.Environment ?? r.tags.env) !== want && env(r.accountAlias) !== want) return false;
  }
  return true;
}

export function describeScope(scope: ResourceScope): string {
  return [
    scope.environment && `in ${scope.environment}`,
    scope.account && `in account ${scope.account}`,
    scope.region && `in ${scope.region}`,
  ]
    .filter(Boolean)
    .join(' ');
}

/** Keep what the resolver found only where the user said it is. A match elsewhere is not a match. */
export function narrowToScope(found: Resolution, scope: ResourceScope | undefined): Resolution {
  if (!scope || !(scope.region || scope.account || scope.environment)) return found;
  if (found.kind === 'match') return inScope(found.resource, scope) ? found : { kind: 'none', nearest: [describeResource(found.resource)] };
  if (found.kind === 'ambiguous') {
    const kept = found.candidates.filter((r) => inScope(r, scope));
    if (kept.length === 1) return { kind: 'match', resource: kept[0], score: 1 };
    if (kept.length > 1) return { ...found, candidates: kept };
    return { kind: 'none', nearest: found.candidates.slice(0, 3).map(describeResource) };
  }
  return found;
}

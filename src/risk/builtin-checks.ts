/**
 * Checks every playbook gets without writing a rule: a plan that cannot succeed, or would change
 * nothing, is blocked before anyone is asked to approve. A playbook rule that blocks on the same fact
 * takes precedence (its wording is kept and the built-in check steps aside).
 */
import type { Playbook, PlaybookParameter } from '../core';
import type { ParamValue } from '../core';
import type { Resource } from '../core';
import { factsRead } from './conditions';

export interface Target {
  param: PlaybookParameter;
  resource: Resource;
}

/** SSM actions that reach the agent on the instance (Run Command); Automation runs in AWS. */
const RUN_COMMAND = /^ssm\.(sendCommand|runCommand|runShellScript|restartService|diskCleanup|runScript)/i;

function blockedFacts(playbook: Playbook): Set<string> {
  return new Set(playbook.risk.rules.filter((r) => r.block).flatMap((r) => factsRead(r.when)));
}

function usesRunCommand(playbook: Playbook, param: PlaybookParameter): boolean {
  if (param.type === 'ssm-instance') return true;
  const first = playbook.parameters.find((p) => p.type === 'ec2-instance' || p.type === 'ssm-instance')?.name;
  return playbook.steps.some((s) => RUN_COMMAND.test(s.action) && (s.target ?? first) === param.name);
}

export function builtinChecks(playbook: Playbook, targets: Target[], params: Record<string, ParamValue>): string[] {
  const out: string[] = [];
  const covered = blockedFacts(playbook);
  for (const { param, resource: r } of targets) {
    if (param.states && !param.states.includes(r.state ?? '')) {
      out.push(
        `${r.name} is ${r.state ?? 'in an unknown state'}; ${playbook.id} needs it ${param.states.join(' or ')}, so it cannot run now`,
      );
    }
    if (!playbook.readOnly && !covered.has('ssmPingStatus') && usesRunCommand(playbook, param)) {
      const ping = r.facts.ssmPingStatus;
      if (ping !== 'Online') {
        out.push(
          ping
            ? `${r.name}'s SSM agent is ${ping}, not Online: Run Command cannot reach it (check the agent and the instance's IAM role)`
            : `${r.name} is not managed by SSM (no agent has registered): Run Command cannot reach it`,
        );
      }
    }
    if (!covered.has('instanceType')) {
      for (const p of playbook.parameters.filter((x) => x.type === 'instance-type')) {
        const wanted = params[p.name];
        if (
          typeof wanted === 'string' &&
          typeof r.facts.instanceType === 'string' &&
          wanted.toLowerCase() === r.facts.instanceType.toLowerCase()
        ) {
          out.push(`${r.name} already is ${r.facts.instanceType}; resizing it to the same type would change nothing`);
        }
      }
    }
  }
  return out;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseConfig } from '../../../src/config';

const EXAMPLE = readFileSync(join(__dirname, '../../../cloudops.example.yaml'), 'utf8');

/** The example with every commented-out option switched on (`# key:` / `#   - item` lines). */
function everythingOn(text: string): string {
  return text
    .split('\n')
    .map((line) => (/^# +([A-Za-z][\w-]*:|- )/.test(line) ? line.slice(2) : line))
    .join('\n');
}

describe('cloudops.example.yaml documents options that really exist', () => {
  it('is a valid config as shipped', () => {
    expect(() => parseConfig(parse(EXAMPLE))).not.toThrow();
  });

  it('is still valid with every commented-out section switched on', () => {
    const on = everythingOn(EXAMPLE);
    const config = parseConfig(parse(on));
    expect(config.aws?.accounts[0].roleArn).toBe('arn:aws:iam::111111111111:role/cloudops-bot');
    expect(config.digests.map((d) => d.kind)).toEqual(['cost', 'tags']);
    expect(config.slack?.mode).toBe('socket');
    expect(config.teams?.path).toBe('/api/messages');
    expect(config.risk.freezes[0].name).toBe('year-end freeze');
    expect(config.inventory.refresh).toBe('15m');
    expect(config.store.url).toBe('postgres://cloudops@db.internal:5432/cloudops?sslmode=require');
    expect(config.cost.payerAccount).toBe('111111111111');
    expect(config.tagging.resourceTypes).toEqual(['ec2-instance', 'rds-instance', 'ebs-volume']);
    expect(config.alerts?.rules.map((r) => r.name)).toEqual(['disk-space', 'status-check', 'rds-storage']);
  });
});

describe('sections left with their options commented out', () => {
  it('mean the section with its defaults, as in the example (`sandbox:` followed by comments)', () => {
    const config = parseConfig(
      parse('sandbox:\n  # estate: my-estate.yaml\nslack:\ndigests:\napproval:\n  approvers:\n    oncall:\n      # console: [bob]\n'),
    );
    expect(config.sandbox).toEqual({});
    expect(config.slack?.mode).toBe('socket');
    expect(config.digests).toEqual([]);
    expect(config.approval.approvers.oncall).toEqual({ console: [], slack: [], teams: [] });
  });

  it('the example names no path that only exists inside the repository', () => {
    const config = parseConfig(parse(EXAMPLE));
    expect(config.sandbox).toEqual({});
    expect(config.playbooks.dir).toBeUndefined();
  });
});

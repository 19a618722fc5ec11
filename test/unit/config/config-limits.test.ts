import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, parseConfig } from '../../../src/config';
import { tempDir } from '../../helpers/cli';

function load(yaml: string): string {
  const file = join(tempDir(), 'cloudops.yaml');
  writeFileSync(file, yaml);
  try {
    loadConfig(file, {});
    return 'loaded';
  } catch (e) {
    return (e as Error).message.replace(file, 'cloudops.yaml');
  }
}

function refusal(raw: unknown): string {
  try {
    parseConfig(raw);
    return 'accepted';
  } catch (e) {
    return (e as Error).message;
  }
}

const account = (extra: Record<string, unknown>) => ({
  aws: { accounts: [{ id: '222222222222', alias: 'staging', regions: ['us-west-2'], ...extra }] },
});

describe('aws.accounts: the role is in the account it is configured for', () => {
  it("a role ARN of another account is refused (it would show production's resources as staging's)", () => {
    expect(
      load(
        'aws:\n  accounts:\n    - id: "222222222222"\n      alias: staging\n      regions: ' +
          '[us-west-2]\n      roleArn: arn:aws:iam::111111111111:role/cloudops\n',
      ),
    ).toBe(
      'cloudops.yaml:6: `aws.accounts.0.roleArn`: the role is in account 111111111111, but ' +
        'this entry is account 222222222222 (staging): its resources would be shown as ' +
        "staging's with the wrong risk. Use a role in 222222222222 " +
        '(arn:aws:iam::222222222222:role/...), or fix `id`',
    );
    expect(refusal(account({ roleArn: 'arn:aws:iam::222222222222:role/cloudops' }))).toBe('accepted');
    expect(refusal(account({ roleArn: 'arn:aws-us-gov:iam::222222222222:role/path/cloudops' }))).toBe('accepted');
  });

  it('the same account (or alias) listed twice is refused', () => {
    const twice = {
      aws: {
        accounts: [
          { id: '111111111111', alias: 'production', regions: ['us-west-2'] },
          { id: '111111111111', alias: 'staging', regions: ['eu-west-1'] },
        ],
      },
    };
    expect(refusal(twice)).toBe(
      'config: `aws.accounts.1.id`: `111111111111` is already used by aws.accounts[0]; each account is listed once, with a name of its own',
    );
    const alias = {
      aws: {
        accounts: [
          { id: '111111111111', alias: 'prod', regions: ['us-west-2'] },
          { id: '222222222222', alias: 'prod', regions: ['us-west-2'] },
        ],
      },
    };
    expect(refusal(alias)).toMatch(/^config: `aws.accounts.1.alias`: `prod` is already used by aws.accounts\[0\]/);
  });

  it('a region listed twice for one account is refused (it would be scanned twice)', () => {
    expect(refusal(account({ regions: ['us-west-2', 'eu-west-1', 'us-west-2'] }))).toBe(
      'config: `aws.accounts.0.regions`: each region once (a region listed twice would be scanned twice)',
    );
  });

  it('an unknown region is refused, naming the key, the nearest region and the known ones', () => {
    const said = load('aws:\n  accounts:\n    - id: "222222222222"\n      regions: [us-west-2, us-wst-1]\n');
    expect(said).toMatch(
      new RegExp(
        String.raw`^cloudops\.yaml:4: \x60aws\.accounts\.0\.regions\.1\x60: "us-wst-1" is not an AWS ` +
          String.raw`region \(did you mean us-west-1\?\); regions look like us-west-2, and these are ` +
          String.raw`known: af-south-1, .*us-west-2, .*us-isof-south-1$`,
      ),
    );
    expect(refusal(account({ regions: ['mars-north-1'] }))).toMatch(
      /`aws.accounts.0.regions.0`: "mars-north-1" is not an AWS region; regions look like/,
    );
    expect(refusal({ intents: { bedrock: { region: 'us-east-9' } } })).toMatch(
      /`intents.bedrock.region`: "us-east-9" is not an AWS region \(did you mean us-east-1\?\)/,
    );
    expect(refusal(account({ regions: ['us-gov-west-1', 'cn-north-1', 'ap-southeast-7'] }))).toBe('accepted');
  });
});

describe('approval.ttl: between 1 minute and 30 days', () => {
  it.each(['0s', '59s', '31d', '999999999d', '721h'])('refuses %s', (ttl) => {
    expect(refusal({ approval: { ttl } })).toBe(
      'config: `approval.ttl`: must be between 1m and 30d (an approval request must stay ' +
        'open long enough to be approved, and not for months)',
    );
  });

  it.each(['60s', '1m', '1h', '30d', '720h'])('accepts %s', (ttl) => {
    expect(parseConfig({ approval: { ttl } }).approval.ttl).toBe(ttl);
  });

  it('per level too', () => {
    expect(refusal({ approval: { levels: { high: { ttl: '0m' } } } })).toMatch(
      /^config: `approval.levels.high.ttl`: must be between 1m and 30d/,
    );
  });

  it.each(['-5m', '1 h', '1w', 'soon', ''])('a ttl that is not a duration (%s) is one clear line, not a crash', (ttl) => {
    expect(refusal({ approval: { ttl } })).toBe('config: `approval.ttl`: a duration like 30s, 15m, 1h or 7d');
    expect(load(`approval:\n  levels:\n    high: { ttl: "${ttl}" }\n`)).toBe(
      'cloudops.yaml:3: `approval.levels.high.ttl`: a duration like 30s, 15m, 1h or 7d',
    );
  });
});

describe('ports: 1 to 65535', () => {
  it.each([
    [{ teams: { port: 0 } }, 'teams.port'],
    [{ slack: { mode: 'http', port: 0 } }, 'slack.port'],
  ])('refuses port 0 (%j): the bot would listen where nobody can reach it', (raw, key) => {
    expect(refusal(raw)).toBe(`config: \`${key}\`: a port from 1 to 65535 (0 would listen on a random port nobody can reach)`);
  });

  it('refuses ports above 65535 and accepts the usual ones', () => {
    expect(refusal({ teams: { port: 70000 } })).toBe('config: `teams.port`: a port from 1 to 65535');
    expect(parseConfig({ teams: { port: 3978 }, slack: { mode: 'http', port: 1 } }).teams?.port).toBe(3978);
  });
});

describe('YAML the config cannot be made of', () => {
  it('a cyclic alias is one line with its line number, not a stack overflow', () => {
    expect(load('sandbox: &s\n  estate: *s\n')).toBe(
      'cloudops.yaml:2: alias *s is inside the node &s it repeats (a cycle); write the value out instead',
    );
    expect(load('sandbox: {}\ntagging:\n  required: &r\n    - key: owner\n      values: *r\n')).toBe(
      'cloudops.yaml:5: alias *r is inside the node &r it repeats (a cycle); write the value out instead',
    );
  });

  it('an alias bomb (billion laughs) is one line, read in bounded time', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`),
      'sandbox: {}',
      '',
    ].join('\n');
    expect(load(bomb)).toMatch(
      new RegExp(
        String.raw`^cloudops\.yaml:8: aliases expand too much \(\*g stands for \d+ nodes\): at most ` +
          String.raw`100 alias expansions are read, to stop "billion laughs" documents; write the values ` +
          String.raw`out instead$`,
      ),
    );
  });

  it('an alias to an anchor that does not exist names it', () => {
    expect(load('sandbox: *nowhere\n')).toBe('cloudops.yaml:1: alias *nowhere names no anchor &nowhere defined before it');
  });

  it('YAML nested thousands deep is one line that says what to do, not "Maximum call stack size exceeded"', () => {
    expect(load(`sandbox: {}\nrisk: { rules: ${'['.repeat(20000)}${']'.repeat(20000)} }\n`)).toBe(
      'cloudops.yaml:2: not valid YAML: nested too deeply (brackets or blocks inside one another thousands of times); write it flatter',
    );
  });

  it('a role ARN that is not a role says what one looks like', () => {
    expect(refusal(account({ roleArn: 'arn:aws:iam::222222222222:user/bob' }))).toBe(
      'config: `aws.accounts.0.roleArn`: an IAM role ARN, like ' +
        'arn:aws:iam::111111111111:role/cloudops (a role, not a user or a wildcard; the ' +
        "account is the role's own)",
    );
  });

  it('ordinary aliases still work', () => {
    expect(load('sandbox: {}\napproval:\n  approvers:\n    ops: &ops { console: [bob] }\n    oncall: *ops\n')).toBe('loaded');
  });
});

describe('patterns in the config that could freeze the bot', () => {
  it('a tagging pattern or a risk rule `matches` that backtracks badly is refused', () => {
    expect(refusal({ tagging: { required: [{ key: 'cost-center', pattern: '(a|aa)+' }] } })).toMatch(
      /^config: `tagging.required.0.pattern`: pattern refused: `\(a\|aa\)\+` repeats alternatives that can start with the same character/,
    );
    expect(
      refusal({ risk: { rules: [{ when: { fact: { platform: { matches: '^(\\w+\\s?)*$' } } }, raise: 'high', reason: 'x' }] } }),
    ).toMatch(
      /`risk.rules.0.when.fact.platform.matches`: pattern refused: `\(\\w\+\\s\?\)\*` repeats a part that has a quantifier of its own/,
    );
    expect(refusal({ tagging: { required: [{ key: 'cost-center', pattern: 'CC-\\d{4}' }] } })).toBe('accepted');
  });

  it(
    'optional parts between quantifiers do not hide them: ' + '`[a-z]+-?[a-z]+-?[a-z]+-?[a-z]+` is refused (it took 35 s on 512 letters)',
    () => {
      expect(refusal({ tagging: { required: [{ key: 'owner', pattern: '[a-z]+-?[a-z]+-?[a-z]+-?[a-z]+' }] } })).toBe(
        'config: `tagging.required.0.pattern`: pattern refused: `[a-z]+`, `[a-z]+`, `[a-z]+`,' +
          ' `[a-z]+` follow one another and can take the same characters, so the ways to split ' +
          'a value between them multiply (as in `.*.*.*`; what lies between them can match ' +
          'nothing, or takes those characters too); put a character none of them matches ' +
          'between them, or use fewer quantifiers',
      );
      expect(refusal({ tagging: { required: [{ key: 'owner', pattern: '[a-z]+-[a-z]+-[a-z]+-[a-z]+' }] } })).toBe('accepted');
    },
  );
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseConfig } from '../../../src/config';
import { tempDir } from '../../helpers/cli';

describe('config', () => {
  it('has sandbox demo defaults when there is no file', () => {
    const dir = tempDir();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const { config, file } = loadConfig(undefined, {});
      expect(file).toBeNull();
      expect(config.sandbox).toEqual({});
      expect(config.approval.approvers.demo.console).toEqual(['bob', 'carol']);
      expect(config.store.path).toBe('.cloudops/cloudops.db');
    } finally {
      process.chdir(cwd);
    }
  });

  it('reads cloudops.yaml and lets CLOUDOPS_STORE override the store path', () => {
    const file = join(tempDir(), 'c.yaml');
    writeFileSync(file, 'console:\n  user: dave\n');
    const { config } = loadConfig(file, { CLOUDOPS_STORE: '/data/x.db' });
    expect(config.console.user).toBe('dave');
    expect(config.store.path).toBe('/data/x.db');
  });

  it('names the key, the line and what is allowed', () => {
    const file = join(tempDir(), 'c.yaml');
    writeFileSync(file, 'approval:\n  levels:\n    high:\n      approvers: 0\n');
    expect(() => loadConfig(file, {})).toThrow(
      new ConfigError(`${file}:4: \`approval.levels.high.approvers\`: Too small: expected number to be >=1`),
    );
  });

  it('rejects secrets-looking keys it does not know instead of ignoring them', () => {
    expect(() => parseConfig({ slackToken: 'xoxb-123' })).toThrow(/`slackToken`: unknown key/);
  });
});

describe('a secret written into the config file', () => {
  it.each([
    ['slack:\n  botToken: xoxb-1-not-real\n', 'slack.botToken', 2],
    ['teams:\n  appPassword: hunter2\n', 'teams.appPassword', 2],
    [
      'aws:\n  accounts:\n    - id: "111111111111"\n      regions: [us-west-2]\n      secretAccessKey: abc\n',
      'aws.accounts.0.secretAccessKey',
      5,
    ],
  ])('is refused with where secrets go instead, and the value is never echoed (%#)', (text, key, line) => {
    const file = join(tempDir(), 'c.yaml');
    writeFileSync(file, text);
    let message = '';
    try {
      loadConfig(file, {});
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`${file}:${line}: \`${key}\`: unknown key`);
    expect(message).toContain(
      'Secrets are never read from this file: remove it and set the environment variable ' +
        'instead (SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, ' +
        'MICROSOFT_APP_PASSWORD',
    );
    expect(message).not.toMatch(/xoxb-1-not-real|hunter2|: abc/);
  });

  it('other unknown keys get no such hint', () => {
    expect(() => parseConfig({ store: { colour: 'blue' } })).toThrow(/`store.colour`: unknown key \(allowed here: path, url\)$/);
  });
});

describe('a config file that cannot be read', () => {
  it('says which setting named it', () => {
    expect(() => loadConfig('/nonexistent/c.yaml', {})).toThrow(
      '/nonexistent/c.yaml: cannot read the config file (ENOENT); check the --config path',
    );
    expect(() => loadConfig(undefined, { CLOUDOPS_CONFIG: '/nonexistent/env.yaml' })).toThrow(
      '/nonexistent/env.yaml: cannot read the config file (ENOENT); check $CLOUDOPS_CONFIG,' +
        ' or unset it to use ./cloudops.yaml or the sandbox defaults',
    );
  });
});

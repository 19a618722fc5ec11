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
    expect(() => loadConfig(file, {})).toThrow(new ConfigError(`${file}:4: \`approval.levels.high.approvers\`: Too small: expected number to be >=1`));
  });

  it('rejects secrets-looking keys it does not know instead of ignoring them', () => {
    expect(() => parseConfig({ slackToken: 'xoxb-123' })).toThrow(/`slackToken`: unknown key/);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config';
import { tempDir } from '../../helpers/cli';

function configFile(text: string): string {
  const file = join(tempDir(), 'cloudops.yaml');
  writeFileSync(file, text);
  return file;
}

describe('choosing the store engine', () => {
  it('is the SQLite file unless a Postgres URL is given', () => {
    const { config } = loadConfig(configFile('console:\n  user: dave\n'), {});
    expect(config.store).toEqual({ path: '.cloudops/cloudops.db' });
  });

  it('takes store.url without a password from the file', () => {
    const { config } = loadConfig(configFile('store:\n  url: postgres://cloudops@db.internal:5432/cloudops?sslmode=require\n'), {});
    expect(config.store.url).toBe('postgres://cloudops@db.internal:5432/cloudops?sslmode=require');
  });

  it('refuses a password in the file, without repeating it, and says where it goes instead', () => {
    const file = configFile('store:\n  url: postgres://cloudops:hunter2@db.internal/cloudops\n');
    let error: unknown;
    try {
      loadConfig(file, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      `${file}:2: \`store.url\`: carries a password. Secrets are never read from this ` +
        `file: remove it from the URL and set PGPASSWORD, or put the whole URL in ` +
        `DATABASE_URL`,
    );
    expect((error as Error).message).not.toContain('hunter2');
    expect(() => loadConfig(configFile('store:\n  url: postgres://db/x?password=hunter2\n'), {})).toThrow(/carries a password/);
  });

  it('refuses a URL that is not Postgres', () => {
    const file = configFile('store:\n  url: mysql://db/cloudops\n');
    expect(() => loadConfig(file, {})).toThrow(
      new ConfigError(`${file}:2: \`store.url\`: must be a Postgres URL like postgres://USER@HOST:5432/DATABASE, not mysql://...`),
    );
  });

  it('lets DATABASE_URL (password included) override the file', () => {
    const file = configFile('store:\n  url: postgres://cloudops@db.internal/cloudops\n  path: /data/x.db\n');
    const { config } = loadConfig(file, { DATABASE_URL: 'postgresql://cloudops:s3cret@other:6432/bot' });
    expect(config.store).toEqual({ path: '/data/x.db', url: 'postgresql://cloudops:s3cret@other:6432/bot' });
  });

  it('says to percent-encode when a DATABASE_URL password breaks the URL, without printing it', () => {
    for (const pw of ['pa/ss99', 'pa#ss99']) {
      expect(() =>
        loadConfig(configFile('console:\n  user: dave\n'), { DATABASE_URL: `postgres://cloudops:${pw}@db.internal:5432/cloudops` }),
      ).toThrow(
        new ConfigError(
          'DATABASE_URL must be a Postgres URL like postgres://USER@HOST:5432/DATABASE (this ' +
            'is not a URL: a / # ? @ : or space in the user name or password must be ' +
            'percent-encoded, e.g. %2F for /, %23 for #); unset it to use the SQLite file ' +
            '(store.path)',
        ),
      );
    }
  });

  it('says so when DATABASE_URL is not a Postgres URL, without printing it', () => {
    expect(() => loadConfig(configFile('console:\n  user: dave\n'), { DATABASE_URL: 'mysql://root:s3cret@db/x' })).toThrow(
      new ConfigError(
        'DATABASE_URL must be a Postgres URL like postgres://USER@HOST:5432/DATABASE, not ' +
          'mysql://...; unset it to use the SQLite file (store.path)',
      ),
    );
  });
});

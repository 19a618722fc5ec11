import { cloudops } from '../helpers/cli';

/** README "Exit codes": 0 worked, 1 the command found a problem, 2 it cannot run as written or configured. */
describe('cloudops exit codes', () => {
  it('--help and --version are not errors', () => {
    expect(cloudops(['--help']).code).toBe(0);
    expect(cloudops(['plan', '--help']).code).toBe(0);
    expect(cloudops(['audit', 'verify', '--help']).code).toBe(0);
    const version = cloudops(['--version']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(version.code).toBe(0);
  });

  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['plan', '--bogus', 'x'], /unknown option '--bogus'/],
    [['find'], /missing required argument 'query'/],
    [['find', '--type', 'lambda', 'x'], /--type lambda is not a resource type/],
    [['find', '--limit', 'ten', 'x'], /--limit ten is not a number of matches/],
    [['digest', 'weather', '--print'], /unknown digest "weather"/],
    [['audit', '--store', '/nonexistent/x.db'], /no store at \/nonexistent\/x.db/],
    [
      ['validate', '/nonexistent/playbooks'],
      /validate: \/nonexistent\/playbooks is not a playbook folder \(ENOENT\); give the folder that holds the \*\.yaml playbooks/,
    ],
    [['validate', '/etc/hostname'], /validate: \/etc\/hostname is not a playbook folder \(not a folder\)/],
    [['console', '--user', ''], /--user "" is not a user name; give one word, e.g. --user bob/],
    [['console', '--user', 'bob carol'], /--user "bob carol" is not a user name/],
  ])('a command line that cannot run as written exits 2 and says why: %j', (args, message) => {
    const res = cloudops(args);
    expect(res.stderr).toMatch(message);
    expect(res.code).toBe(2);
  });

  it('no command at all shows the usage and exits 2', () => {
    // A process of its own: the exit code as the shell sees it (bin/cloudops.js sets it from main's answer).
    const res = cloudops([], { spawn: true });
    expect(res.stderr).toContain('Usage: cloudops [options] [command]');
    expect(res.code).toBe(2);
  });
});

/**
 * Issue 18, round 8: request clauses, options and verbs. The sentences are written here (none copied from a holdout);
 * the classifier's clock is Sunday 2026-11-22 (test/helpers/understanding.ts).
 */
import { localClassifier } from '../../helpers/understanding';

const classifier = localClassifier();
const understand = (text: string) => classifier.understand(text);

describe('understanding that generalises (round 8: options said as their own sentence)', () => {
  it.each([
    ['stop pg-billing-copy for the night, grab a snapshot first', 'rds-stop-instance', { db: 'pg-billing-copy', snapshot: 'true' }],
    ['stop pg-billing-copy for the rest of the day', 'rds-stop-instance', { db: 'pg-billing-copy' }],
  ])('how long it is stopped for is no name, and the snapshot is the stop\'s option: "%s"', (text, playbook, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toEqual(params);
  });

  it.each([
    'delete the scratch-vol-7 volume without a snapshot',
    'delete the scratch-vol-7 volume, no need for a snapshot, nothing on it matters',
    'delete the scratch-vol-7 volume and skip the backup',
    "delete the scratch-vol-7 volume, there's no need to take a snapshot",
    "delete the scratch-vol-7 volume, don't bother snapshotting it",
  ])('a snapshot said not to be wanted is skip_snapshot=true: "%s"', (text) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('ebs-delete-volume');
    expect(guess.params).toEqual({ volume: 'scratch-vol-7', skip_snapshot: 'true' });
  });

  it('"don\'t snapshot X" alone still asks for nothing (the option is only read after the action it belongs to)', () => {
    expect(understand("don't snapshot scratch-vol-7").playbook).toBeNull();
  });

  it('a snapshot asked for keeps the default (the volume is snapshotted first)', () => {
    const guess = understand('delete the scratch-vol-7 volume after taking a snapshot');
    expect(guess.playbook).toBe('ebs-delete-volume');
    expect(guess.params).toEqual({ volume: 'scratch-vol-7' });
  });
});

describe('understanding that generalises (round 8: a host, then the command typed on it)', () => {
  it.each([
    ['redis-cache-4: systemctl restart redis-server.service. evictions are spiking', 'redis-server.service'],
    ['root@redis-cache-4:~# systemctl restart redis-server', 'redis-server'],
    ['redis-cache-4 $ sudo service redis-server restart', 'redis-server'],
  ])('the unit after the host is the service restarted there, not a reboot of the host: "%s"', (text, service) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('ssm-restart-service');
    expect(guess.params).toEqual({ instance: 'redis-cache-4', service });
  });
});

describe('understanding that generalises (round 8: what a full disk does is its symptom)', () => {
  it.each([
    'reports-node-2 ran out of inodes, logrotate cant even write its state files',
    'reports-node-2 is out of inodes, nothing can write to /var/tmp',
  ])('"%s" is a disk cleanup', (text) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('ssm-disk-cleanup');
    expect(guess.params).toEqual({ instance: 'reports-node-2' });
  });
});

describe('understanding that generalises (round 8: the request after a story or a question)', () => {
  it('"… is slow. can we have more? set X to N": the explicit request wins over the question before it', () => {
    const guess = understand('the storefront is crawling since lunch. could we get a few more machines? set shop-asg to 9');
    expect(guess.playbook).toBe('asg-set-capacity');
    expect(guess.params).toEqual({ group: 'shop-asg', capacity: '9' });
  });

  it('"…, set it to N": the count for the group the story names', () => {
    const guess = understand('for the flash sale on monday shop-asg needs 10 machines, set it to 10');
    expect(guess.playbook).toBe('asg-set-capacity');
    expect(guess.params).toEqual({ group: 'shop-asg', capacity: '10' });
  });

  it.each([
    ['set shop-asg to 9', { group: 'shop-asg', capacity: '9' }],
    ['bump shop-asg capacity up to 12 please', { group: 'shop-asg', capacity: '12' }],
  ])('a bare count for a group named as names are is its capacity: "%s"', (text, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('asg-set-capacity');
    expect(guess.params).toEqual(params);
  });

  it.each([
    ['sonar needs to be up for the code freeze review at 2, start it', 'sonar'],
    ['confluence has to be back up before the standup at 11, can someone start it', 'confluence'],
  ])('what needs to be up, and by when, is the story; "start it" is the request on its subject: "%s"', (text, instance) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('ec2-start-instance');
    expect(guess.params).toEqual({ instance });
  });

  it.each([['throttle the thumbnail lambda its flooding the uploads queue', 'thumbnail']])(
    'what the function is doing, told after the request, is story: "%s"',
    (text, fn) => {
      const guess = understand(text);
      expect(guess.playbook).toBe('lambda-throttle-function');
      expect(guess.params.function).toBe(fn);
    },
  );
});

describe('no card (round 8: prices, hedged requests, a second request the catalog cannot do)', () => {
  it.each([
    'how much does an m6i.large cost per hour',
    "what's the monthly price of a c7g.xlarge",
    'how much is an r5.4xlarge a month on demand',
  ])('a list-price question plans nothing and says the bot does not know prices: "%s"', (text) => {
    const guess = understand(text);
    expect(guess.playbook).toBeNull();
    expect(guess.alternatives).toEqual([]);
    expect(guess.note).toMatch(/do not know AWS prices/);
  });

  it('what this estate spent on an instance type is still a cost report', () => {
    expect(understand('what did our m6i.large instances cost last month').playbook).toBe('cost-report');
  });

  it.each(['maybe restart build-agent-4? not sure', 'perhaps terminate build-agent-4?', "stop build-agent-4, i'm not 100% sure about it"])(
    'a request said unsure is asked back, with the action offered below and no card: "%s"',
    (text) => {
      const guess = understand(text);
      expect(guess.playbook).toBeNull();
      expect(guess.note).toMatch(/don't sound sure/);
      expect(guess.alternatives.length).toBeGreaterThan(0);
    },
  );

  it('"not sure why" is the story, not a doubt about the request', () => {
    expect(understand('build-agent-4 hangs again, not sure why, reboot it').playbook).toBe('ec2-reboot-instance');
  });

  it.each([
    ['reboot build-agent-4, page the on-call', 'page'],
    ['terminate build-agent-4; notify the owners', 'notify'],
  ])('a second request of telling people is never dropped silently: "%s"', (text, verb) => {
    const guess = understand(text);
    expect(guess.playbook).toBeNull();
    expect(guess.note).toContain(`"${verb}" is one of them, and telling people is not something I can do`);
  });
});

describe('understanding that generalises (round 8: old-school commands and counts decided)', () => {
  it.each([
    ['/etc/init.d/postfix restart on mail-relay-2 pls', 'postfix'],
    ['kill -HUP postfix on mail-relay-2, or just bounce it, whatever works', 'postfix'],
  ])('a SysV script or a reload signal is the service restarted on that host: "%s"', (text, service) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('ssm-restart-service');
    expect(guess.params).toEqual({ instance: 'mail-relay-2', service });
  });

  it('"ssh X && journalctl --vacuum… && apt-get clean" is a disk cleanup on X', () => {
    const guess = understand('ssh mail-relay-2 && sudo journalctl --vacuum-time=3d && sudo yum clean all');
    expect(guess.playbook).toBe('ssm-disk-cleanup');
    expect(guess.params).toEqual({ instance: 'mail-relay-2' });
  });

  it('"recycle the X containers" is a restart of that ECS service', () => {
    const guess = understand('recycle the ledger-api containers please');
    expect(guess.playbook).toBe('ecs-restart-service');
    expect(guess.params).toEqual({ service: 'ledger-api' });
  });

  it('"X can go to 0 overnight" is a count decided: the capacity', () => {
    const guess = understand('crawler-asg can go down to 0 overnight');
    expect(guess.playbook).toBe('asg-set-capacity');
    expect(guess.params).toEqual({ group: 'crawler-asg', capacity: '0' });
  });
});

describe('understanding that generalises (round 8: "snapshot first" said after the request)', () => {
  it.each([
    ['pg-ledger-copy is idle. stop it - snapshot first', 'rds-stop-instance', { db: 'pg-ledger-copy', snapshot: 'true' }],
    ['tmp-export-vol-3 is an orphaned disk, nuke it (snapshot first obv)', 'ebs-delete-volume', { volume: 'tmp-export-vol-3' }],
  ])(
    '"snapshot first" is the stop\'s option, or the delete\'s own snapshot; an orphaned disk is a volume: "%s"',
    (text, playbook, params) => {
      const guess = understand(text);
      expect(guess.playbook).toBe(playbook);
      expect(guess.params).toEqual(params);
    },
  );

  it('"…, snapshot first" after the request clause is its option, not a second request', () => {
    const guess = understand('what is pg-ledger-copy even for? if nobody uses it, stop it, snapshot first');
    expect(guess.playbook).toBe('rds-stop-instance');
    expect(guess.params).toEqual({ db: 'pg-ledger-copy', snapshot: 'true' });
  });
});

describe('understanding that generalises (round 8: the action said against the one it is not)', () => {
  it.each(['someone left build-agent-4 up all weekend, kill it (stop not delete)', 'nuke build-agent-4, i mean stop, not terminate'])(
    '"kill it (stop not delete)" is the stop: "%s"',
    (text) => {
      const guess = understand(text);
      expect(guess.playbook).toBe('ec2-stop-instance');
      expect(guess.params).toEqual({ instance: 'build-agent-4' });
    },
  );
});

describe('out of scope stays out (round 8)', () => {
  it.each(['terminate all in dev, we rebuild from scratch', 'stop all on production please'])(
    '"all" with only a place after it is everything there, never a plan: "%s"',
    (text) => {
      const guess = understand(text);
      expect(guess.playbook).toBeNull();
      expect(guess.note).toMatch(/everything in an account or environment/);
    },
  );
});

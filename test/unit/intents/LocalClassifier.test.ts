import { Catalog } from '../../../src/playbooks';
import { LocalClassifier } from '../../../src/intents';
import { fixedClock, localClassifier, repoCatalog } from '../../helpers/understanding';

const classifier = localClassifier();
const understand = (text: string) => classifier.understand(text);

describe('LocalClassifier: understanding with no network', () => {
  it('classifies every playbook example back to its playbook (training data is learnt)', () => {
    const wrong = repoCatalog()
      .list()
      .flatMap((p) => p.examples.map((e) => ({ e, want: p.id, got: understand(e).playbook })))
      .filter((x) => x.got !== x.want && !(x.want.startsWith('rds-') && x.got === x.want.replace('rds-', 'ec2-')))
      .map((x) => `${x.e}: got ${x.got}, want ${x.want}`);
    expect(wrong).toEqual([]);
  });

  it('reads parameters for the chosen playbook', () => {
    expect(understand('resize web-prod-1 to m6i.xlarge')).toMatchObject({
      playbook: 'ec2-resize-instance',
      params: { instance: 'web-prod-1', instance_type: 'm6i.xlarge' },
    });
    expect(understand('restart nginx on web-prod-2 please')).toMatchObject({
      playbook: 'ssm-restart-service',
      params: { instance: 'web-prod-2', service: 'nginx' },
    });
    expect(understand('tag etl-worker-1 owner=data team=etl')).toMatchObject({
      playbook: 'tag-resources',
      params: { resource: 'etl-worker-1', tags: 'owner=data team=etl' },
    });
    expect(understand('how much did we spend last week per account')).toMatchObject({
      playbook: 'cost-report',
      params: { period: '2026-11-09..2026-11-15', group_by: 'account' },
    });
    expect(understand('which resources are missing the owner tag')).toMatchObject({
      playbook: 'tag-compliance-report',
      params: { tag: 'owner' },
    });
    expect(understand('the disk on kafka-broker-2 is full, clean it up')).toMatchObject({
      playbook: 'ssm-disk-cleanup',
      params: { instance: 'kafka-broker-2' },
    });
    expect(understand('reboot orders-db with failover')).toMatchObject({ params: { db: 'orders-db', failover: 'true' } });
  });

  it('a search keeps its filters: "owned by payments" is the owner tag, a region never stands for the whole query', () => {
    expect(understand('list instances owned by payments')).toMatchObject({
      playbook: 'inventory-find',
      params: { query: 'instances owner=payments' },
    });
    expect(understand('which instances are running in eu-west-1')).toMatchObject({
      playbook: 'inventory-find',
      params: { query: 'instances running eu-west-1' },
    });
    expect(understand('where is web-prod-1 in us-east-1').params).toEqual({ query: 'web-prod-1 us-east-1' });
  });

  it('unsure about a question that names a resource, it offers to look it up first', () => {
    // Round 9: "is web-prod-1 running?" about one named resource is the look-up itself (see words-money-counts-round9).
    expect(understand('hey bot, is web-prod-1 running?')).toMatchObject({ playbook: 'inventory-find', params: { query: 'web-prod-1' } });
    for (const text of ['who owns grafana-prod?']) {
      const guess = understand(text);
      expect({ text, playbook: guess.playbook, first: guess.alternatives[0]?.playbook }).toEqual({
        text,
        playbook: null,
        first: 'inventory-find',
      });
      expect(guess.candidates?.find((c) => c.playbook === 'inventory-find')?.params.query).toMatch(/^(web-prod-1|grafana-prod)$/);
    }
  });

  it('an ARN is one reference: its region and account are not taken out of it', () => {
    const arn = 'arn:aws:ec2:us-west-2:111111111111:instance/i-0ee23f1888b4bf1cf';
    const guess = understand(`stop ${arn}`);
    expect(guess).toMatchObject({ playbook: 'ec2-stop-instance', params: { instance: arn } });
    expect(guess.scope).toBeUndefined();
  });

  it('an action a playbook does along the way is its option, not another request: "stop pg-staging and take a snapshot first"', () => {
    expect(understand('stop pg-staging and take a snapshot first')).toMatchObject({ params: { db: 'pg-staging', snapshot: 'true' } });
    expect(understand('stop pg-staging and take a snapshot first').candidates?.[0].playbook).toBe('rds-stop-instance');
    // A snapshot alone is still a snapshot.
    expect(understand('snapshot orders-db').candidates?.map((c) => c.playbook)).toContain('rds-create-snapshot');
    expect(understand('snapshot orders-db').candidates?.map((c) => c.playbook)).not.toContain('rds-stop-instance');
  });

  it('a how-to question about an action the catalog has is not "out of scope": it offers that playbook', () => {
    const guess = understand('how do I resize an instance?');
    expect(guess.playbook).toBeNull();
    expect(guess.note).not.toMatch(/can do here/);
    expect(guess.alternatives[0]?.playbook).toBe('ec2-resize-instance');
  });

  it('tells where the user said the resource is', () => {
    expect(understand('reboot the bastion in eu-west-1').scope).toEqual({ region: 'eu-west-1' });
    expect(understand('stop worker-a-1 in the staging account').scope).toEqual({ account: 'staging' });
  });

  it('copes with typos, abbreviations and politeness', () => {
    expect(understand('stpo the instance dev-scratch-1 pls').playbook).toBe('ec2-stop-instance');
    expect(understand('rebooooot kafka-broker-2 thx').playbook).toBe('ec2-reboot-instance');
    expect(understand('snaphsot web-prod-eu-1').playbook).toBe('ec2-create-snapshot');
    expect(understand('hey, could you please terminte batch-legacy-east for me?').playbook).toBe('ec2-terminate-instance');
  });

  it('reads names whose hyphens an editor turned into other dashes (web‑prod‑1, web–prod–1)', () => {
    for (const text of ['stop web\u2011prod\u20111', 'stop web\u2013prod\u20131', 'stop web\u2212prod\u22121']) {
      expect({ text, guess: understand(text) }).toMatchObject({
        text,
        guess: { playbook: 'ec2-stop-instance', params: { instance: 'web-prod-1' } },
      });
    }
    // Between words a dash is still a pause, not part of a name.
    expect(understand('stop web-prod-1 \u2014 it is broken').params).toEqual({ instance: 'web-prod-1' });
  });

  it('a service restarted on a host is not a reboot of the host', () => {
    expect(understand('restart the print spooler on win-report-prod-1')).toMatchObject({
      playbook: 'ssm-restart-service',
      params: { instance: 'win-report-prod-1', service: 'spooler' },
    });
    expect(understand('restart $(reboot) on web-prod-1')).toMatchObject({
      playbook: 'ssm-restart-service',
      params: { instance: 'web-prod-1', service: '$(reboot)' },
    });
  });

  it('says which kind of resource it is when the words say so', () => {
    expect(understand('stop the database orders-db').playbook).toBe('rds-stop-instance');
    expect(understand('stop the ec2 box orders-worker').playbook).toBe('ec2-stop-instance');
    // Only the name says it, on an estate the bot has not scanned: the database reading goes first.
    expect(understand('start qa-mysql-01').playbook).toBe('rds-start-instance');
  });

  it('leaves "stop pg-main" open between EC2 and RDS for the resolver, both with their parameters', () => {
    const guess = understand('stop pg-main');
    expect(guess.playbook).not.toBeNull();
    expect(guess.candidates?.map((c) => c.playbook).sort()).toEqual(['ec2-stop-instance', 'rds-stop-instance']);
    expect(guess.candidates?.find((c) => c.playbook === 'rds-stop-instance')?.params).toEqual({ db: 'pg-main' });
  });

  it('answers small talk with no playbook and no buttons', () => {
    for (const text of ["what's the weather in seattle", 'tell me a joke', 'thanks!', 'lol']) {
      expect(understand(text)).toMatchObject({ playbook: null, alternatives: [] });
    }
  });

  it('never maps a request the catalog cannot do onto another action', () => {
    for (const text of [
      'delete the production database',
      'drop the staging database',
      'restore pg-instance-main1 from a snapshot',
      'delete the s3 bucket logs-archive',
      'stop the lambda process-orders',
      'create a read replica of orders-db',
    ]) {
      const guess = understand(text);
      expect({ text, playbook: guess.playbook }).toEqual({ text, playbook: null });
      expect(guess.alternatives).toEqual([]);
      expect(guess.note).toMatch(/catalog|can do here/);
    }
  });

  it(
    'a request for many resources that does not say which is answered as such: no ' +
      'playbook, no buttons, no leftover words as a resource',
    () => {
      // Only a region or an account says which: that is everything there.
      for (const text of [
        'terminate every instance',
        'stop them all',
        'reboot all instances',
        'restart nginx on every server',
        'terminate all instances in us-east-1',
      ]) {
        const g = understand(text);
        expect({ text, playbook: g.playbook, many: g.manyResources, alternatives: g.alternatives, candidates: g.candidates }).toEqual({
          text,
          playbook: null,
          many: 'set',
          alternatives: [],
          candidates: undefined,
        });
        expect(g.note).toContain('does not say which. Name the set');
      }
      expect(understand('terminate every instance').note).toContain('(for example "terminate <name>")');
    },
  );

  it('a request that names a set becomes one playbook over a fleet selector (issue 18)', () => {
    const cases: [string, string, object][] = [
      // The kind word stays with the name: the set reader drops it when no name carries it (cache-node-01 does).
      ['reboot all the web servers', 'ec2-reboot-instance', { prefix: 'web servers' }],
      ['restart nginx on all web-prod servers', 'ssm-restart-service', { prefix: 'web-prod servers' }],
      ['reboot all the cache nodes in batches of 2', 'ec2-reboot-instance', { prefix: 'cache nodes', concurrency: 2 }],
      ['reboot every instance in staging', 'ec2-reboot-instance', { scope: { environment: 'staging' } }],
      ['stop every instance tagged owner=bob', 'ec2-stop-instance', { tags: { owner: 'bob' } }],
      ['snapshot every production database', 'rds-create-snapshot', { scope: { environment: 'production' } }],
      ['reboot the kafka brokers one at a time', 'ec2-reboot-instance', { prefix: 'kafka brokers', concurrency: 1 }],
      ['reboot web-prod-1 web-prod-2', 'ec2-reboot-instance', { names: ['web-prod-1', 'web-prod-2'] }],
      ['reboot web-prod-1 then web-prod-2', 'ec2-reboot-instance', { names: ['web-prod-1', 'web-prod-2'] }],
      [
        'reboot kafka-broker-1, kafka-broker-2 and kafka-broker-3, two at a time, wait 5 minutes between',
        'ec2-reboot-instance',
        { names: ['kafka-broker-1', 'kafka-broker-2', 'kafka-broker-3'], concurrency: 2, pauseSeconds: 300 },
      ],
    ];
    for (const [text, playbook, fleet] of cases) {
      const g = understand(text);
      expect({ text, playbook: g.playbook, fleet: g.fleet }).toEqual({ text, playbook, fleet });
    }
  });

  it('two listed names followed by a pace in words keep both names ("two at a time" dropped the first)', () => {
    for (const text of [
      'reboot web-staging-1 web-staging-2 two at a time',
      'reboot web-staging-1 and web-staging-2 two at a time',
      'reboot api-staging-1 web-staging-2 three at once',
    ]) {
      const g = understand(text);
      expect({ text, playbook: g.playbook, names: g.fleet?.names }).toEqual({
        text,
        playbook: 'ec2-reboot-instance',
        names: [text.split(' ')[1], 'web-staging-2'],
      });
    }
  });

  it(
    'the pace words are not the set ("tagged … 50 at a time" was "names starting time", ' +
      '"in staging two at a time" "names starting two")',
    () => {
      expect(understand('stop all instances tagged environment=staging 50 at a time')).toMatchObject({
        playbook: 'ec2-stop-instance',
        fleet: { tags: { environment: 'staging' }, concurrency: 50 },
      });
      expect(understand('stop all instances tagged environment=staging 50 at a time').fleet?.prefix).toBeUndefined();
      const g = understand('stop every instance in staging two at a time');
      expect({ prefix: g.fleet?.prefix, environment: g.fleet?.scope?.environment, concurrency: g.fleet?.concurrency }).toEqual({
        prefix: undefined,
        environment: 'staging',
        concurrency: 2,
      });
    },
  );

  it('a name typed with spaces counts as a name for disk complaints ("the disk on web prod 1 is full" got buttons)', () => {
    for (const [text, instance] of [
      ['the disk on web prod 1 is full', 'web prod 1'],
      ['free up space on web prod 1', 'web prod 1'],
      ['df says / is 98% on api prod 1', 'api prod 1'],
    ]) {
      const g = understand(text);
      expect({ text, playbook: g.playbook, params: g.params }).toEqual({ text, playbook: 'ssm-disk-cleanup', params: { instance } });
    }
    // Plain words ending in a number that are not a name stay what they were.
    expect(understand('how much did we spend in the last 30 days')).toMatchObject({ playbook: 'cost-report' });
  });

  it('a spaced name whose first word is also a verb, or that has a letter in it, stays one name (issue 18 round 2)', () => {
    for (const [text, playbook, instance] of [
      ['clean the disk on search prod 1', 'ssm-disk-cleanup', 'search prod 1'],
      ['take a snapshot of search staging 1', 'ec2-create-snapshot', 'search staging 1'],
      ['reboot shard c 3', 'ec2-reboot-instance', 'shard c 3'],
    ]) {
      const g = understand(text);
      expect({ text, playbook: g.playbook, params: g.params }).toEqual({ text, playbook, params: { instance } });
    }
    // "search" as the verb is still the verb.
    expect(understand('search for web-prod-1')).toMatchObject({ playbook: 'inventory-find' });
  });

  it('disk parts said "on" a server, and a percentage at the end of the sentence, are disk complaints', () => {
    for (const [text, instance] of [
      ['the log partition on etl-worker-1 is almost full', 'etl-worker-1'],
      ['root filesystem on jenkins-ci is completely full', 'jenkins-ci'],
      ['kafka-staging-1 storage is at 96%', 'kafka-staging-1'],
    ]) {
      const g = understand(text);
      expect({ text, playbook: g.playbook, params: g.params }).toEqual({ text, playbook: 'ssm-disk-cleanup', params: { instance } });
    }
  });

  it('disk complaints said as space gone, full errors from a server, or logs grown huge', () => {
    for (const [text, instance] of [
      ['no storage left on etl-worker-1', 'etl-worker-1'],
      ['disk space is used up on cache-node-01', 'cache-node-01'],
      ['disk-full alerts on kafka-broker-2 again', 'kafka-broker-2'],
      ['the logs on dev-scratch-1 are way too big, prune them', 'dev-scratch-1'],
    ]) {
      const g = understand(text);
      expect({ text, playbook: g.playbook, params: g.params }).toEqual({ text, playbook: 'ssm-disk-cleanup', params: { instance } });
    }
  });

  it('money said as what Amazon charges, a rate, or a spike is a cost question', () => {
    for (const text of [
      'what is amazon charging us for ec2',
      'what does production cost per day',
      'did the spend jump last week?',
      'how pricey is rds for us',
    ])
      expect({ text, playbook: understand(text).playbook }).toEqual({ text, playbook: 'cost-report' });
  });

  it('a new size for a volume is not a change of its type to gp3 (no playbook resizes volumes)', () => {
    for (const text of ['grow the ebs volume on etl-worker-1 to 800gb', 'resize volume kafka-broker-1-data to 2 tb']) {
      const g = understand(text);
      expect({ text, playbook: g.playbook }).toEqual({ text, playbook: null });
    }
    expect(understand('convert ebs volume kafka-broker-1-data to gp3')).toMatchObject({ playbook: 'ebs-change-to-gp3' });
  });

  it('an action the person says not to do is not planned ("don\'t stop web-prod-1" was a stop card for web-prod-1)', () => {
    for (const [text, verb] of [
      ["don't stop web-prod-1", 'stop'],
      ['do not reboot web-prod-1', 'reboot'],
      ['never terminate dev-scratch-2', 'terminate'],
      ['no need to stop web-prod-1', 'stop'],
    ]) {
      const g = understand(text);
      expect({ text, playbook: g.playbook, params: g.params, alternatives: g.alternatives }).toEqual({
        text,
        playbook: null,
        params: {},
        alternatives: [],
      });
      expect(g.note).toBe(
        `You asked me not to ${verb} ("${text}"), so there is nothing to plan. If you meant that I should, ask again without the "not".`,
      );
    }
    // What did not happen is not the request; what is asked next is.
    expect(understand("web-prod-1 didn't start after the deploy, reboot it")).toMatchObject({
      playbook: 'ec2-reboot-instance',
      params: { instance: 'web-prod-1' },
    });
    expect(understand("don't stop web-prod-1, reboot it")).toMatchObject({
      playbook: 'ec2-reboot-instance',
      params: { instance: 'web-prod-1' },
    });
    expect(understand('web-prod-1 never started')).not.toMatchObject({ note: expect.stringContaining('You asked me not to') });
    expect(understand('if all else fails reboot web-prod-1')).toMatchObject({
      playbook: 'ec2-reboot-instance',
      params: { instance: 'web-prod-1' },
    });
  });

  it(
    'a question about what happened is a look at the resource first, never a plan to do ' +
      'it ("why is web-prod-1 stopped" was a stop card)',
    () => {
      for (const text of [
        'why is web-prod-1 stopped',
        'is web-prod-1 stopped?',
        'was web-prod-1 rebooted?',
        'did someone stop web-prod-1?',
        'when did web-prod-1 stop',
      ]) {
        const g = understand(text);
        expect({ text, playbook: g.playbook, first: g.alternatives[0]?.playbook }).toEqual({
          text,
          playbook: null,
          first: 'inventory-find',
        });
      }
      // Asking the bot to do it is still a request ("we're" is not "were").
      for (const text of [
        'can you stop web-prod-1?',
        'could you reboot web-prod-1',
        'is web-prod-1 running? stop it',
        "we're done with web-prod-1, stop it",
      ])
        expect(understand(text).playbook).toMatch(/^ec2-(stop|reboot)-instance$/);
    },
  );

  it('a question about the state of a set is never a fleet plan ("any staging boxes still up?" planned 14 reboots)', () => {
    for (const text of [
      'any staging boxes still up?',
      'any staging boxes still up',
      'are all the web prod servers up?',
      'are there any kafka brokers running?',
      'anything in staging still running?',
    ]) {
      const g = understand(text);
      expect({ text, playbook: g.playbook, fleet: g.fleet }).toEqual({ text, playbook: null, fleet: undefined });
      if (!g.alternatives.length)
        expect({ text, note: g.note }).toMatchObject({
          text,
          note: expect.stringMatching(/reads as a question, so I changed nothing.*`find/),
        });
    }
    // A question followed by the request is still the request.
    expect(understand('are there any staging boxes running? stop them')).toMatchObject({
      playbook: 'ec2-stop-instance',
      fleet: { scope: { environment: 'staging' } },
    });
  });

  it(
    '"the kafka brokers" names a set, as the bot advises ("Name the set: a shared name ' + '("the kafka brokers")"); it asked which one',
    () => {
      for (const text of ['reboot the kafka brokers', 'restart nginx on the kafka brokers', 'snapshot the orders dbs'])
        expect({ text, many: understand(text).manyResources, prefix: understand(text).fleet?.prefix }).toEqual({
          text,
          many: 'set',
          prefix: text.replace(/^.*\bthe /, ''),
        });
      // One resource, or a single plain word that ends in s: not a set.
      for (const text of ['reboot the kafka broker', 'reboot the jenkins', 'reboot kafka-broker-1'])
        expect(understand(text).fleet).toBeUndefined();
    },
  );

  it('a name listed after "and the" is kept: "stop web-prod-1 and the web-prod-2 box" planned only web-prod-2', () => {
    for (const [text, names] of [
      ['stop web-prod-1 and the web-prod-2 box', ['web-prod-1', 'web-prod-2']],
      ['reboot web-prod-1 and the kafka-broker-1 instance', ['web-prod-1', 'kafka-broker-1']],
      ['stop web-prod-1 then the web-prod-3 server', ['web-prod-1', 'web-prod-3']],
    ] as const) {
      const g = understand(text);
      expect({ text, names: g.fleet?.names }).toEqual({ text, names });
    }
  });

  it('a name the request takes back is never the resource: "not X", "instead of X", a correction', () => {
    for (const text of [
      'not web-prod-1, stop web-prod-2',
      'stop web-prod-2 instead of web-prod-1',
      'stop web-prod-1? no wait, web-prod-2',
      'stop web-prod-1 i mean web-prod-2',
      'stop web-prod-2, not web-prod-1',
    ]) {
      const g = understand(text);
      expect({ text, playbook: g.playbook, params: g.params, also: g.alsoNamed }).toEqual({
        text,
        playbook: 'ec2-stop-instance',
        params: { instance: 'web-prod-2' },
        also: undefined,
      });
    }
    expect(understand('stop web-prod-1 and web-prod-2')).toMatchObject({
      params: { instance: 'web-prod-1' },
      fleet: { names: ['web-prod-1', 'web-prod-2'] },
    });
  });

  it('"A or B" asks which one (it planned both); "A then B" plans both (B was dropped)', () => {
    for (const text of ['stop web-prod-1 or web-prod-2', 'stop either web-prod-1 or web-prod-2']) {
      const g = understand(text);
      expect({ text, playbook: g.playbook, params: g.params, also: g.alsoNamed }).toEqual({
        text,
        playbook: null,
        params: {},
        also: undefined,
      });
      expect(g.note).toBe(
        'You named "web-prod-1" or "web-prod-2": which one? I act on the one you name, so ' +
          'ask again with it (for example "stop web-prod-1").',
      );
    }
    expect(understand('reboot web-prod-1 then web-prod-2')).toMatchObject({
      playbook: 'ec2-reboot-instance',
      params: { instance: 'web-prod-1' },
      fleet: { names: ['web-prod-1', 'web-prod-2'] },
    });
  });

  it('"everything but X" and "X and everything else" are everything, never a plan on X alone (the opposite of what was asked)', () => {
    for (const text of [
      'stop everything but web-prod-1',
      'stop everything except web-prod-1',
      'reboot web-prod-1 and everything else',
      'shut everything down',
      'restart nginx everywhere',
    ]) {
      const g = understand(text);
      expect({ text, playbook: g.playbook, many: g.manyResources, params: g.params }).toEqual({
        text,
        playbook: null,
        many: 'everything',
        params: {},
      });
    }
    for (const text of ['stop the fleet', 'reboot fleet-wide', 'stop all']) {
      const g = understand(text);
      expect({ text, playbook: g.playbook, many: g.manyResources }).toEqual({ text, playbook: null, many: 'set' });
    }
    // Said in passing, "everything" and "all" leave the named resource alone.
    expect(understand('everything is slow on web-prod-1, reboot it')).toMatchObject({
      playbook: 'ec2-reboot-instance',
      params: { instance: 'web-prod-1' },
    });
    expect(understand('stop web-prod-1, that is all')).toMatchObject({ playbook: 'ec2-stop-instance', params: { instance: 'web-prod-1' } });
  });

  it('an action on everything in an account or environment is refused, not deferred', () => {
    for (const text of [
      'stop all of production',
      'stop everything',
      'terminate everything in the staging account',
      'shut down the whole staging env',
      'tag everything owner=alice',
      'reboot all prod',
    ]) {
      const g = understand(text);
      expect({ text, playbook: g.playbook, many: g.manyResources, alternatives: g.alternatives }).toEqual({
        text,
        playbook: null,
        many: 'everything',
        alternatives: [],
      });
      expect(g.note).toContain('would act on everything in an account or environment, and I will not do that');
    }
  });

  it('many parts of one named resource, or "all" said in passing, are still one resource; reports over many are fine', () => {
    expect(understand('snapshot all disks on etl-worker-1')).toMatchObject({
      playbook: 'ec2-create-snapshot',
      params: { instance: 'etl-worker-1' },
    });
    expect(understand('snapshot every volume attached to gpu-notebook-1')).toMatchObject({
      playbook: 'ec2-create-snapshot',
      params: { instance: 'gpu-notebook-1' },
    });
    expect(understand('all good, stop web-prod-1')).toMatchObject({ playbook: 'ec2-stop-instance', params: { instance: 'web-prod-1' } });
    expect(understand('find all stopped instances').playbook).toBe('inventory-find');
    // One snapshot can be deleted now (ebs-delete-snapshot, issue 17); many at once is still not a plan.
    expect(understand('delete all snapshots older than 30 days')).toMatchObject({
      playbook: null,
      manyResources: 'set',
      note: expect.stringContaining('is about many resources at once'),
    });
  });

  it('does not guess below the threshold: it offers the nearest playbooks instead', () => {
    const guess = understand('do something about api-staging-2');
    expect(guess.playbook).toBeNull();
    const strict = new LocalClassifier(repoCatalog(), { threshold: 0.99, clock: fixedClock }).understand('bounce web-prod-1');
    expect(strict.playbook).toBeNull();
    expect(strict.alternatives.length).toBeGreaterThanOrEqual(1);
    expect(strict.alternatives.length).toBeLessThanOrEqual(3);
    expect(strict.alternatives[0].playbook).toBe('ec2-reboot-instance');
  });

  it('learns a playbook it has never seen from its examples alone', () => {
    const flush = {
      ...repoCatalog().get('ssm-disk-cleanup')!,
      id: 'redis-flush-cache',
      title: 'Flush the Redis cache',
      examples: [
        'flush the redis cache on cache-node-01',
        'flush redis on cache-staging-1',
        'empty the cache on cache-node-10',
        'wipe the redis cache of cache-node-01',
        'flushall on cache-staging-1',
        'please flush the cache',
        'can you flush redis',
        'clear out redis keys on cache-node-10',
      ],
    };
    const custom = new LocalClassifier(new Catalog([...repoCatalog().list(), flush]), { clock: fixedClock });
    expect(custom.understand('could you flush the redis cache on cache-node-07').playbook).toBe('redis-flush-cache');
    expect(custom.understand('stop cache-node-07').playbook).toBe('ec2-stop-instance');
  });
});

describe('follow-ups in a thread refer to the plan above', () => {
  const stopped = { playbook: 'ec2-stop-instance', params: { instance: 'i-0ee23f1888b4bf1cf' } };

  it('"and web-prod-2 too": same playbook, another resource', () => {
    expect(classifier.understand('and web-prod-2 too', stopped)).toMatchObject({
      playbook: 'ec2-stop-instance',
      params: { instance: 'web-prod-2' },
    });
  });

  it('"don\'t stop web-prod-2 too" and "don\'t reboot it" under a plan are not plans (the first was a stop of web-prod-2)', () => {
    expect(classifier.understand("don't stop web-prod-2 too", stopped)).toMatchObject({ playbook: null, params: {} });
    const it2 = classifier.understand("don't reboot it", stopped);
    expect(it2).toMatchObject({ playbook: null, params: {} });
    expect(it2.note).toBe(
      'You asked me not to reboot ("don\'t reboot it"), so there is nothing to plan. If ' +
        'you meant that I should, ask again without the "not".',
    );
  });

  it('"yes, the one in us-west-2": same request, narrowed', () => {
    const guess = classifier.understand('yes, the one in us-west-2', {
      playbook: 'ec2-reboot-instance',
      params: { instance: 'worker-a-1' },
    });
    expect(guess).toMatchObject({ playbook: 'ec2-reboot-instance', params: { instance: 'worker-a-1' }, scope: { region: 'us-west-2' } });
  });

  it('"actually make it m5.large": one value changed', () => {
    const guess = classifier.understand('actually make it m5.large', {
      playbook: 'ec2-resize-instance',
      params: { instance: 'i-0ee23f1888b4bf1cf', instance_type: 'm6i.xlarge' },
    });
    expect(guess).toMatchObject({
      playbook: 'ec2-resize-instance',
      params: { instance: 'i-0ee23f1888b4bf1cf', instance_type: 'm5.large' },
    });
  });

  it('a correction replaces the plan above; an addition does not', () => {
    const resize = { playbook: 'ec2-resize-instance', params: { instance: 'i-0ee23f1888b4bf1cf', instance_type: 'm6i.xlarge' } };
    expect(classifier.understand('actually make it m5.large', resize).replaces).toBe(true);
    expect(classifier.understand('use t3.large instead', resize).replaces).toBe(true);
    expect(classifier.understand('reboot it instead', stopped).replaces).toBe(true);
    expect(classifier.understand('and web-prod-2 too', stopped).replaces).toBeUndefined();
    expect(classifier.understand('now start it again', stopped).replaces).toBeUndefined();
  });

  it('"now start it again": another action on the same resource', () => {
    expect(classifier.understand('now start it again', stopped)).toMatchObject({
      playbook: 'ec2-start-instance',
      params: { instance: 'i-0ee23f1888b4bf1cf' },
    });
  });

  it('"reboot it instead": the verb changes, the resource stays', () => {
    expect(classifier.understand('reboot it instead', stopped)).toMatchObject({
      playbook: 'ec2-reboot-instance',
      params: { instance: 'i-0ee23f1888b4bf1cf' },
    });
  });

  it('"and all the others too" under a plan is many resources, never the plan above again', () => {
    const g = classifier.understand('and all the others too', { playbook: 'ec2-stop-instance', params: { instance: 'web-prod-1' } });
    expect(g).toMatchObject({ playbook: null, manyResources: 'set', alternatives: [] });
  });

  it('"ok do it" plans nothing again: approving is a button, not a message', () => {
    expect([null, 'help']).toContain(classifier.understand('ok do it', stopped).playbook);
  });

  it('a question that names a resource or a place is not a follow-up: "who owns grafana-prod?", "what\'s running in staging"', () => {
    const resize = { playbook: 'ec2-resize-instance', params: { instance: 'i-0ee23f1888b4bf1cf' } };
    const cost = { playbook: 'cost-report', params: { period: '2026-11-09..2026-11-15' } };
    expect(classifier.understand('who owns grafana-prod?', resize).playbook).not.toBe('ec2-resize-instance');
    expect(classifier.understand('is web-prod-2 ok?', stopped).playbook).not.toBe('ec2-stop-instance');
    expect(classifier.understand("what's running in staging", cost).playbook).not.toBe('cost-report');
    // A bare name or place still is one.
    expect(classifier.understand('web-prod-3?', stopped)).toMatchObject({
      playbook: 'ec2-stop-instance',
      params: { instance: 'web-prod-3' },
    });
  });

  it('a request of its own for the same playbook keeps none of the values chosen above', () => {
    const cost = { playbook: 'cost-report', params: { period: '2026-11-09..2026-11-15', account: 'qa', group_by: 'account' } };
    expect(classifier.understand('spend by region for the last 30 days', cost).params).toEqual({
      period: '2026-10-23..2026-11-21',
      group_by: 'region',
    });
    // A follow-up that only gives a value, or points back, still takes the rest from above.
    expect(classifier.understand('and by service?', cost).params).toMatchObject({
      period: '2026-11-09..2026-11-15',
      account: 'qa',
      group_by: 'service',
    });
    expect(classifier.understand('group it by region', cost).params).toMatchObject({
      period: '2026-11-09..2026-11-15',
      group_by: 'region',
    });
  });

  it('a new request in the thread is not forced onto the plan above', () => {
    expect(classifier.understand('how much did we spend last week', stopped).playbook).toBe('cost-report');
    expect(classifier.understand("what's the weather like", stopped).playbook).toBeNull();
  });
});

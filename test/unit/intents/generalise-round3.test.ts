/**
 * Issue 18, round 3: phrasing. Classes of request the development holdouts 4, 5 and 6 showed missed (the
 * sentences are written here, none copied from a holdout): a request with its story told after it, decisions
 * stated instead of ordered, money asked about as what was paid, questions about the bot itself, AWS CLI
 * commands not yet read, an ECS service named by its symptom, one name left out of a request.
 */
import { rephrase } from '../../../src/intents/phrasing';
import { localClassifier } from '../../helpers/understanding';

const classifier = localClassifier();
const understand = (text: string) => classifier.understand(text);

describe('understanding that generalises (round 3: phrasing)', () => {
  it.each([
    ['please start etl-1, i need it for the release build', 'ec2-start-instance', { instance: 'etl-1' }],
    ['can you start etl-1 back up? the pipeline has been down since yesterday', 'ec2-start-instance', { instance: 'etl-1' }],
    ['reboot web-prod-1 please, the deployment is stuck behind it', 'ec2-reboot-instance', { instance: 'web-prod-1' }],
  ])('the story told after a request does not make it foreign: "%s"', (text, playbook, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toMatchObject(params);
  });

  it('a thing no playbook acts on, asked for in a clause of its own, is still refused', () => {
    expect(understand('stop web-1 and delete the pipeline').playbook).toBeNull();
    expect(understand('create a pipeline for web-1').playbook).toBeNull();
  });

  it.each([
    ['pg-main can be stopped over the weekend, take a snapshot first please', 'rds-stop-instance', { db: 'pg-main', snapshot: 'true' }],
    ['stop reporting-mysql, grab a backup before', 'rds-stop-instance', { db: 'reporting-mysql', snapshot: 'true' }],
    ['old-box-3 can be terminated, nobody has touched it in months', 'ec2-terminate-instance', { instance: 'old-box-3' }],
    ['dev-scratch-2 is safe to terminate', 'ec2-terminate-instance', { instance: 'dev-scratch-2' }],
    ['web-staging-1 could be rebooted now, the deploy finished', 'ec2-reboot-instance', { instance: 'web-staging-1' }],
  ])('a decision stated is the order it states: "%s"', (text, playbook, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toMatchObject(params);
  });

  it('a decision stated as its opposite plans nothing: "web-1 can not be stopped" is not a stop', () => {
    expect(understand('web-1 cannot be stopped, it runs payroll').playbook).toBeNull();
  });

  it.each([
    'finance wants to know what we paid amazon in october',
    'what did we spend over the last 30 days? need the numbers',
    'are we on track with the cloud budget this month?',
    'billing summary for october by account',
  ])('money asked about as what was paid is a cost question: "%s"', (text) => {
    expect(understand(text).playbook).toBe('cost-report');
  });

  it.each([
    'hey, what kinds of things can you help with?',
    'new here - what sort of stuff can i ask you for?',
    'what are you for?',
    'how does this bot work',
    'how do we talk to the bot',
    'what commands do you understand',
  ])('a question about the bot itself is help: "%s"', (text) => {
    expect(understand(text).playbook).toBe('help');
  });

  it('a question about what the bot can do about something is that request, not help', () => {
    expect(rephrase('what can you do about the disk on etl-1')).toBe('what can you do about the disk on etl-1');
  });

  it.each([
    [
      'aws autoscaling set-desired-capacity --auto-scaling-group-name batch-workers-asg --desired-capacity 2',
      'asg-set-capacity',
      { group: 'batch-workers-asg', capacity: '2' },
    ],
    [
      'can you run the equivalent of aws lambda put-function-concurrency --function-name nightly-export --reserved-concurrent-executions 5',
      'lambda-set-concurrency',
      { function: 'nightly-export', concurrency: '5' },
    ],
    [
      'aws lambda delete-function-concurrency --function-name payments-webhook',
      'lambda-unthrottle-function',
      { function: 'payments-webhook' },
    ],
    [
      'aws eks update-nodegroup-config --cluster-name prod --nodegroup-name prod-batch --scaling-config minSize=1,maxSize=9,desiredSize=4',
      'eks-scale-nodegroup',
      { nodegroup: 'prod-batch', desired: '4' },
    ],
  ])('an AWS CLI command is the request it runs: "%s"', (text, playbook, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toMatchObject(params);
  });

  it('a throttled function turned back on is unthrottled; anything else turned back on is started', () => {
    const guess = understand('payments-webhook was throttled during the incident, can you turn it back on');
    expect(guess.playbook).toBe('lambda-unthrottle-function');
    expect(guess.params).toMatchObject({ function: 'payments-webhook' });
    expect(rephrase('web-1 is off, can you turn it back on')).toBe('web-1 is off, can you turn it back on');
  });

  it('an HTTP error says the service to restart is an ECS one; "force a new deployment" is its restart', () => {
    expect(understand('search-api keeps returning 503s in staging, restart the service').playbook).toBe('ecs-restart-service');
    const forced = understand('search-api tasks look stale, force a new deployment of it');
    expect(forced.playbook).toBe('ecs-restart-service');
    expect(forced.params).toMatchObject({ service: 'search-api' });
  });

  it.each([
    ['reboot web-prod-2, web-prod-1 is fine', 'web-prod-2'],
    ['restart web-prod-1 and leave web-prod-2 alone', 'web-prod-1'],
  ])('a name said to be fine is left out: "%s" plans one reboot', (text, instance) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('ec2-reboot-instance');
    expect(guess.params).toEqual({ instance });
    expect(guess.fleet).toBeUndefined();
  });

  it.each([
    ['roll the kafka brokers, wait for each to come back', 1],
    ['do a rolling restart of the kafka brokers', 1],
    ['reboot the kafka brokers two brokers at a time', 2],
  ])('a rolling reboot of a set is one plan over the set, at its pace: "%s"', (text, concurrency) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('ec2-reboot-instance');
    expect(guess.fleet).toMatchObject({ prefix: 'kafka brokers', concurrency });
  });

  it('a count that ends a name is no pace: "reboot web-prod-1 web-prod-3 two at a time" keeps web-prod-3', () => {
    expect(rephrase('reboot web-prod-1 web-prod-3 two at a time')).toBe('reboot web-prod-1 web-prod-3 two at a time');
  });

  it('"everything tagged k=v" is the set with that tag, not everything', () => {
    const guess = understand('please stop everything tagged team=ml, that project is over');
    expect(guess.playbook).toBe('ec2-stop-instance');
    expect(guess.fleet).toMatchObject({ tags: { team: 'ml' } });
  });

  it.each([
    ['could you snapshot pg-main before the upgrade', 'rds-create-snapshot', { db: 'pg-main' }],
    ['before we upgrade postgres, could you take a manual snapshot of pg-main', 'rds-create-snapshot', { db: 'pg-main' }],
    ['reboot web-1 after the resize', 'ec2-reboot-instance', { instance: 'web-1' }],
  ])('an action named as the event ("before the upgrade") is when, not a second request: "%s"', (text, playbook, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toMatchObject(params);
  });

  it('an action alone after "before" is still the request: "resize web-1 before the weekend" stays a resize', () => {
    expect(understand('resize web-1 to t3.large before the weekend').playbook).toBe('ec2-resize-instance');
  });

  it.each([
    'which servers belong to the search team?',
    'what do we have running in us-east-1?',
    'what dbs does the data team have',
    'are there any boxes called legacy?',
    'which instances are stopped at the moment',
  ])('a question about what there is is an inventory search: "%s"', (text) => {
    expect(understand(text).playbook).toBe('inventory-find');
  });

  it('only a place makes "what is in" an inventory question; "we" is never an owner', () => {
    expect(rephrase('what is in the news')).toBe('what is in the news');
    expect(rephrase('what ec2 instances do we have in us-east-1')).toBe('what ec2 instances do we have in us-east-1');
    expect(understand('what is in the news').playbook).toBeNull();
  });

  it.each([
    'legal is asking what we paid aws in october, can you put that together for me?',
    'my boss keeps asking about what we spent this quarter, got numbers?',
    'the cfo wants to know how much rds cost us in october',
  ])('a question reported ("X is asking what ...") is that question: "%s"', (text) => {
    expect(understand(text).playbook).toBe('cost-report');
  });

  it('"come back up" is up again, not a backup: a start, not a snapshot', () => {
    const guess = understand('etl-1 needs to come back up for the nightly job, can you turn it on');
    expect(guess.playbook).toBe('ec2-start-instance');
    expect(guess.params).toMatchObject({ instance: 'etl-1' });
  });

  it('an HTTP error is the symptom, never the name: "search-api in staging is throwing 503s, restart the service"', () => {
    const guess = understand('search-api in staging is throwing 503s, please restart the service');
    expect(guess.playbook).toBe('ecs-restart-service');
    expect(guess.params).toMatchObject({ service: 'search-api' });
  });

  it.each([
    [
      'sorry if this is the wrong place, but etl-1 reports its disk is full and i cannot ship to it. is that something you can fix?',
      'etl-1',
    ],
    ['apologies for the noise - the disk on api-2 is full, could you sort it out?', 'api-2'],
  ])('an apology, what the host says and "can you fix it" around a full disk ask for its cleanup: "%s"', (text, instance) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('ssm-disk-cleanup');
    expect(guess.params).toMatchObject({ instance });
  });

  it('"fix it" is a cleanup only about a full disk: "web-1 is slow, can you fix it" is not rewritten', () => {
    expect(rephrase('web-1 is slow, can you fix it')).toBe('web-1 is slow, can you fix it');
  });

  it('a greeting before a question about the bot is no request: "hey, first day here - what kinds of things can you do?"', () => {
    expect(understand('hey, first day here - what kinds of things can you do?').playbook).toBe('help');
  });

  it('"before the release tonight": a time after the event is still when; "ahead of" is "before"', () => {
    const guess = understand('can we snapshot every staging database before the release tonight?');
    expect(guess.playbook).toBe('rds-create-snapshot');
    expect(guess.fleet).toMatchObject({ scope: { environment: 'staging' } });
    expect(rephrase('grow prod-batch to 4 nodes ahead of the sale')).toContain('before the sale');
  });

  it.each([
    ['put owner=data on etl-1 so the audit stops complaining', 'tag-resources'],
    ['vol-0abc12345678 is still gp2, can we move it to gp3? it was flagged in the savings report', 'ebs-change-to-gp3'],
  ])('why a request is asked ("so X stops …", "it came up in the review") is the story: "%s"', (text, playbook) => {
    expect(understand(text).playbook).toBe(playbook);
  });

  it('how long a thing is not needed ("over the break") is no name: the stop and its snapshot option stand', () => {
    const guess = understand("we won't need reporting-mysql over the break, can we stop it and take a snapshot first");
    expect(guess.playbook).toBe('rds-stop-instance');
    expect(guess.params).toMatchObject({ db: 'reporting-mysql', snapshot: 'true' });
  });

  it('a rewritten request keeps a tag value as typed: "put cost-center=CC-9000 on etl-1 so the audit stops complaining"', () => {
    const guess = understand('put cost-center=CC-9000 on etl-1 so the audit stops complaining');
    expect(guess.playbook).toBe('tag-resources');
    expect(guess.params).toMatchObject({ resource: 'etl-1', tags: 'cost-center=CC-9000' });
  });

  it.each([
    ['restart every checkout task', 'checkout'],
    ['restart all the search-api tasks', 'search-api'],
    ['bounce all tasks of the search-api service in prod', 'search-api'],
  ])('every task of one service is that ECS service restarted, not a fleet of instances: "%s"', (text, service) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('ecs-restart-service');
    expect(guess.params).toEqual({ service });
    expect(guess.fleet).toBeUndefined();
  });

  it.each([
    "let's roll the dice",
    'my laptop can be restarted later',
    'the old wiki can be terminated',
    'which stuff belongs to the marketing folder',
  ])('chatter that looks like these phrasings is left as it is: "%s"', (text) => {
    expect(rephrase(text)).toBe(text);
    expect(understand(text).playbook).toBeNull();
  });

  it('"what we spent" is rewritten as a cost only about a time or the cloud', () => {
    expect(rephrase('what did we spend on the team dinner')).toBe('what did we spend on the team dinner');
    expect(rephrase('what did we spend last month?')).toBe('how much did we spend last month');
  });
});

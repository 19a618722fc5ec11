/**
 * What the classifier knows about ops English before it reads a single playbook: which words say the
 * same thing ("shut down", "halt", "power off" all say stop), which words name a kind of resource,
 * which are filler, and which name things no playbook here can act on. The playbooks' examples teach
 * it which of these go with which playbook; this file never names a playbook.
 */
import { resourceKinds } from '../inventory';

/** Multi-word phrases, matched before single words, rewritten to one concept token. Longest first. */
export const PHRASES: [RegExp, string][] = [
  [/\bshut(?:ting)? (?:it |this |that |them )?(?:down|off)\b/g, 'stop'],
  [/\bpower(?:ed)? (?:it |this |them )?(?:off|down)\b/g, 'stop'],
  [/\bturn(?:ed)? (?:it |this |them )?off\b/g, 'stop'],
  [/\bswitch (?:it |this |them )?off\b/g, 'stop'],
  [/\bspin (?:it |this |them )?down\b/g, 'stop'],
  [/\bput (?:it |this |them )?to sleep\b/g, 'stop'],
  [/\bpower(?:ed)? (?:it |this |them )?(?:on|up)\b/g, 'start'],
  [/\bturn(?:ed)? (?:it |this |them )?(?:back )?on\b/g, 'start'],
  [/\bswitch (?:it |this |them )?on\b/g, 'start'],
  [/\bbring (?:it |this |them )?(?:back )?(?:up|online)\b/g, 'start'],
  [/\bbring back\b/g, 'start'],
  [/\bback on\b/g, 'start'],
  [/\bfire (?:it |this |them )?up\b/g, 'start'],
  [/\bwake (?:it |this |them )?up\b/g, 'start'],
  [/\bspin (?:it |this |them )?up\b/g, 'start'],
  [/\bboot(?:ed)? (?:it |this |them )?up\b/g, 'start'],
  [/\bstart (?:it |this |them )?up\b/g, 'start'],
  [/\bpower[- ]cycle\b/g, 'reboot'],
  [/\bhard reboot\b/g, 'reboot'],
  [/\bget rid of\b/g, 'terminate'],
  [/\btear (?:it |this |them )?down\b/g, 'terminate'],
  [/\bblow (?:it |this |them )?away\b/g, 'terminate'],
  [/\bkill (?:it |this |them )?off\b/g, 'terminate'],
  [/\bfor good\b/g, 'permanently'],
  [/\bscale (?:it |this |them )?(?:up|down)\b/g, 'resize'],
  [/\bbump (?:it |this |them )?(?:up|down)\b/g, 'resize'],
  [/\binstance (?:type|size|class)\b/g, 'type'],
  [/\bauto ?scaling groups?\b/g, 'asg'],
  [/\bdesired (?:count|capacity)\b/g, 'desired'],
  [/\bnew deployment\b/g, 'redeploy'],
  [/\bback(?:ing)? (?:it |this |them )?up\b/g, 'backup'],
  [/\bpoint[- ]in[- ]time (?:copy|copies)\b/g, 'snapshot'],
  [/\bclean(?:ing)? (?:it |this |them )?up\b/g, 'clean'],
  [/\bfree(?:ing)? (?:it |this |them |some )?up\b/g, 'clean'],
  [/\btidy (?:it |this |them )?up\b/g, 'clean'],
  [/\bmake (?:some )?room\b/g, 'clean'],
  [/\b(?:running|run|ran) out of (?:disk )?space\b/g, 'full'],
  [/\bout of (?:disk )?space\b/g, 'full'],
  [/\bno (?:disk )?space left\b/g, 'full'],
  [/\blook(?:ing)? up\b/g, 'find'],
  [/\bwhere (?:is|are|does|do)\b/g, 'find'],
  [/\bhow much\b/g, 'cost'],
  [/\bsecurity group\b/g, 'securitygroup'],
  [/\bread replica\b/g, 'replica'],
  [/\bload balancer\b/g, 'loadbalancer'],
  [/\broll ?back\b/g, 'rollback'],
  [/\blog ?in(?:to)?\b/g, 'ssh'],
  [/\bset up\b/g, 'setup'],
  [/\bif all else fails\b/g, 'anyway'],
  [/\bon[- ]call\b/g, 'oncall'],
];

/**
 * Phrasal verbs split around their object: "turn web-staging-1 off", "bring reporting-mysql back up".
 * The verb and the particle become the concept; the words between stay where they are.
 */
export const SPLIT_PHRASES: [RegExp, (particle: string) => string][] = [
  [/\b(?:turn|switch)\s+((?:(?!(?:on|off|up|down|back|online)\b)[^\s,.;!?]+\s+){1,4}?)(?:back\s+)?(on|off)\b/g, (p) => (p === 'on' ? 'start' : 'stop')],
  [/\bpower\s+((?:(?!(?:on|off|up|down|back|online)\b)[^\s,.;!?]+\s+){1,4}?)(on|up|off|down)\b/g, (p) => (p === 'on' || p === 'up' ? 'start' : 'stop')],
  [/\bshut\s+((?:(?!(?:on|off|up|down|back|online)\b)[^\s,.;!?]+\s+){1,4}?)(down|off)\b/g, () => 'stop'],
  [/\bbring\s+((?:(?!(?:on|off|up|down|back|online)\b)[^\s,.;!?]+\s+){1,4}?)(?:back\s+)?(up|online|back)\b/g, () => 'start'],
  [/\b(?:spin|fire|boot|start|wake|get)\s+((?:(?!(?:on|off|up|down|back|online)\b)[^\s,.;!?]+\s+){1,3}?)(?:back\s+)?(up|online)\b/g, () => 'start'],
  [/\bspin\s+((?:(?!(?:on|off|up|down|back|online)\b)[^\s,.;!?]+\s+){1,3}?)(down)\b/g, () => 'stop'],
  [/\b(?:clean|free|tidy)\s+((?:(?!(?:on|off|up|down|back|online)\b)[^\s,.;!?]+\s+){1,3}?)(up)\b/g, () => 'clean'],
  [/\bback\s+((?:(?!(?:on|off|up|down|back|online)\b)[^\s,.;!?]+\s+){1,3}?)(up)\b/g, () => 'backup'],
];

/** Single words rewritten to the concept they say. Words not listed stay themselves. */
export const SYNONYMS: ReadonlyMap<string, string> = new Map(Object.entries({
  // stop
  stop: 'stop', shut: 'stop', poweroff: 'stop', stopped: 'stop', stopping: 'stop', halt: 'stop', shutdown: 'stop', pause: 'stop', suspend: 'stop', sleep: 'stop',
  // start
  start: 'start', started: 'start', starting: 'start', boot: 'start', resume: 'start', unpause: 'start', startup: 'start',
  // reboot / restart
  reboot: 'reboot', rebooted: 'reboot', restart: 'reboot', restarted: 'reboot', bounce: 'reboot', cycle: 'reboot', kick: 'reboot', recycle: 'reboot', reload: 'reboot',
  // terminate
  terminate: 'terminate', terminated: 'terminate', termination: 'terminate', kill: 'terminate', destroy: 'terminate', delete: 'terminate', nuke: 'terminate', remove: 'terminate',
  decommission: 'terminate', deprovision: 'terminate', trash: 'terminate', drop: 'terminate', teardown: 'terminate', scrap: 'terminate',
  // resize
  resize: 'resize', resized: 'resize', upgrade: 'resize', downgrade: 'resize', upsize: 'resize', downsize: 'resize', rightsize: 'resize', bigger: 'resize', smaller: 'resize', larger: 'resize',
  // change (an instance type, a tag)
  change: 'change', modify: 'change', switch: 'change', convert: 'change', alter: 'change', size: 'type',
  // snapshot / backup
  snapshot: 'snapshot', snapshots: 'snapshot', snap: 'snapshot', backup: 'backup', backups: 'backup',
  // clean up
  clean: 'clean', cleanup: 'clean', clear: 'clean', free: 'clean', vacuum: 'clean', purge: 'clean', tidy: 'clean', reclaim: 'clean', prune: 'clean',
  // tagging
  tag: 'tag', tags: 'tag', tagged: 'tag', tagging: 'tag', label: 'tag', labels: 'tag', labelled: 'tag', labeled: 'tag', retag: 'tag',
  untagged: 'untagged', unlabelled: 'untagged', unlabeled: 'untagged',
  // Lambda concurrency, scaling, public access
  throttle: 'throttle', throttled: 'throttle', throttling: 'throttle', unthrottle: 'unthrottle', unthrottled: 'unthrottle', unthrottling: 'unthrottle',
  scale: 'scale', scaled: 'scale', scaling: 'scale', block: 'block', blocked: 'block', blocking: 'block', lock: 'block',
  // finding
  find: 'find', describe: 'find', details: 'find', info: 'find', information: 'find', search: 'find', lookup: 'find', locate: 'find', list: 'find', show: 'find', display: 'find', shows: 'find',
  // money
  cost: 'cost', costs: 'cost', costing: 'cost', spend: 'cost', spent: 'cost', spending: 'cost', bill: 'cost', billed: 'cost', invoice: 'cost',
  expenses: 'cost', expense: 'cost', paying: 'cost', pay: 'cost', charges: 'cost', charged: 'cost', money: 'cost', burn: 'cost', burned: 'cost', burnt: 'cost',
  // compliance
  compliance: 'compliance', compliant: 'compliance', noncompliant: 'compliance', audit: 'compliance', missing: 'missing', without: 'missing', lack: 'missing', lacking: 'missing', lacks: 'missing',
  // reports
  report: 'report', reports: 'report', summary: 'report', overview: 'report', breakdown: 'report', status: 'report', rundown: 'report',
  // help
  help: 'help', halp: 'help', commands: 'command', command: 'command', usage: 'command', playbooks: 'command', playbook: 'command', capabilities: 'command', features: 'command', actions: 'command', options: 'command',
  // disk words
  disk: 'disk', disks: 'disk', drive: 'disk', storage: 'disk', space: 'space', full: 'full', logs: 'logs', log: 'logs', journal: 'journal',
  volume: 'volume', volumes: 'volume',
}));

/**
 * A family of resource kinds as requests name it (`rds`, `ec2`, `volume`, `lambda`, ...): each registered
 * ResourceKind's `hint` (src/inventory/kinds) says its family and the nouns that name it.
 */
export type Kind = string;

interface KindWords {
  version: number;
  nouns: Map<string, Kind>;
  plurals: Set<string>;
  exclusive: Set<Kind>;
  families: Map<string, Kind>;
}
let kindWords: KindWords | undefined;

function currentKindWords(): KindWords {
  if (kindWords && kindWords.version === resourceKinds.version) return kindWords;
  const nouns = new Map<string, Kind>();
  const exclusive = new Set<Kind>();
  const families = new Map<string, Kind>();
  for (const k of resourceKinds.all()) {
    if (!k.hint) continue;
    families.set(k.type, k.hint.family);
    if (k.hint.exclusive) exclusive.add(k.hint.family);
    for (const n of k.hint.nouns ?? []) if (!nouns.has(n)) nouns.set(n, k.hint.family);
  }
  const plurals = new Set([...nouns.keys()].filter((k) => /s$/.test(k) && k !== 'rds' && k !== 'ebs' && k !== 's3' && k !== 'ecs' && k !== 'eks'));
  return (kindWords = { version: resourceKinds.version, nouns, plurals, exclusive, families });
}

/** Words that name a kind of resource. They break a resource reference at its ends ("the jenkins box"). */
export function kindNouns(): ReadonlyMap<string, Kind> {
  return currentKindWords().nouns;
}

/** Kind nouns in the plural ("servers", "buckets"): many of a kind. */
export function pluralKindNouns(): ReadonlySet<string> {
  return currentKindWords().plurals;
}

/** The family a resource type belongs to, for the classifier (undefined when its kind gives none). */
export function kindFamily(type: string | undefined): Kind | undefined {
  return type === undefined ? undefined : currentKindWords().families.get(type);
}

/** A kind people call "the X service" (an ECS service): "restart the checkout service" names one, not a systemd unit. */
export function isServiceKind(type: string | undefined): boolean {
  return !!type && !!resourceKinds.get(type)?.words.includes('service');
}

/** Families whose words rule the others' playbooks out, and are ruled out by the others' words. */
export function isExclusiveFamily(family: Kind | undefined): boolean {
  return !!family && currentKindWords().exclusive.has(family);
}

/** Database engines: a kind cue for RDS, but part of the name people use ("the staging mysql db"). */
export const ENGINE_WORDS = new Set(['mysql', 'postgres', 'postgresql', 'pg', 'psql', 'mariadb', 'aurora', 'sqlserver', 'sql', 'mssql', 'oracle']);

/** Environment words stay in references ("the staging mysql") and become a scope after "in". */
export const ENVIRONMENTS = new Set(['prod', 'production', 'prd', 'staging', 'stage', 'stg', 'dev', 'development', 'test', 'testing', 'qa', 'uat', 'sandbox']);

/**
 * AWS things and operations no built-in playbook acts on. A request that names one of them only fits a
 * playbook whose own examples use that word too, so "delete the s3 bucket" never becomes a terminate.
 */
export const FOREIGN_VERBS = new Set([
  'deploy', 'redeploy', 'rollback', 'revert', 'restore', 'recover', 'migrate', 'rotate', 'launch', 'provision', 'invoke', 'trigger', 'execute', 'exec',
  'ssh', 'attach', 'detach', 'mount', 'unmount', 'enable', 'disable', 'open', 'allow', 'deny', 'grant', 'revoke', 'encrypt', 'decrypt', 'copy', 'clone',
  'replicate', 'promote', 'merge', 'review', 'approve', 'order', 'book', 'send', 'email', 'remind', 'translate', 'install', 'uninstall', 'invalidate', 'buy',
  'purchase', 'reserve', 'import', 'export', 'explain', 'write', 'sing', 'setup', 'rename', 'schedule', 'subscribe', 'publish', 'upload', 'download',
]);

export const FOREIGN_OBJECTS = new Set([
  's3', 'bucket', 'buckets', 'lambda', 'lambdas', 'function', 'functions', 'eks', 'ecs', 'fargate', 'kubernetes', 'k8s', 'pod', 'pods', 'cluster', 'clusters',
  'dynamodb', 'table', 'tables', 'iam', 'user', 'users', 'role', 'roles', 'policy', 'policies', 'password', 'passwords', 'secret', 'secrets', 'key', 'keys',
  'securitygroup', 'sg', 'port', 'firewall', 'vpc', 'subnet', 'subnets', 'dns', 'route53', 'record', 'domain', 'certificate', 'cert', 'ssl', 'tls', 'ami', 'image', 'images',
  'replica', 'replicas', 'sqs', 'queue', 'queues', 'sns', 'topic', 'kinesis', 'stream', 'cloudfront', 'cdn', 'elb', 'alb', 'nlb', 'loadbalancer', 'redshift', 'elasticache',
  'cloudwatch', 'dashboard', 'alarm', 'alarms', 'budget', 'budgets', 'cloudtrail', 'multi-az', 'multiaz', 'container', 'containers', 'permission',
  'permissions', 'ticket', 'jira', 'pr', 'repo', 'branch', 'pipeline', 'deployment', 'release',
]);

/** Filler: never a feature, never part of a resource reference. */
export const STOP_WORDS = new Set([
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'it', 'its', 'it\'s', 'them', 'they', 'their', 'theirs', 'there', 'here', 'one', 'ones',
  'i', 'me', 'my', 'mine', 'we', 'us', 'our', 'ours', 'you', 'your', 'u', 'ur', 'ya', 'he', 'she', 'him', 'her', 'his', 'someone', 'somebody', 'anyone', 'everyone',
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'im', 'do', 'does', 'did', 'done', 'doing', 'have', 'has', 'had', 'having', 'get', 'got', 'gets', 'getting', 'go', 'going', 'gone', 'goes',
  'can', 'could', 'would', 'should', 'will', 'shall', 'may', 'might', 'must', 'need', 'needs', 'needed', 'want', 'wants', 'wanna', 'gonna', 'let', 'lets', 'let\'s', 'make', 'makes', 'give', 'put', 'take', 'takes', 'set',
  'please', 'pls', 'plz', 'plse', 'thanks', 'thank', 'thx', 'ty', 'cheers', 'kindly', 'hey', 'hi', 'hello', 'yo', 'ok', 'okay', 'k', 'sure', 'yes', 'yeah', 'yep', 'no', 'nope', 'oh', 'ah', 'hmm', 'um', 'uh',
  'cloudops', 'asap', 'now', 'right', 'quickly', 'quick', 'real', 'just', 'again', 'also', 'too', 'as', 'well', 'still', 'already', 'actually', 'really', 'maybe', 'perhaps', 'anyway',
  'to', 'of', 'on', 'in', 'at', 'by', 'for', 'from', 'with', 'into', 'onto', 'off', 'up', 'down', 'out', 'over', 'under', 'about', 'after', 'before', 'until', 'till', 'til', 'since', 'during', 'while', 'per', 'via',
  'and', 'or', 'but', 'so', 'if', 'then', 'than', 'because', 'cause', 'cuz', 'since', 'when', 'all', 'every', 'each', 'any', 'some', 'both', 'other', 'another', 'more', 'most', 'much', 'many', 'few', 'lot', 'lots',
  'not', 'dont', 'don\'t', 'doesnt', 'didnt', 'isnt', 'arent', 'cant', 'wont', 'nobody', 'nothing', 'anything', 'everything', 'something', 'stuff', 'thing', 'things',
  'very', 'bit', 'little', 'way', 'what', 'whats', 'which', 'who', 'whos', 'whom', 'whose', 'why', 'how', 'where', 'whats', 'hows', 'like', 'same', 'instead',
  'ready', 'able', 'sure', 'wait', 'back', 'run', 'check', 'perform', 'last', 'far', 'daily', 'weekly', 'monthly', 'yearly', 'currently', 'next', 'turn', 'bring', 'spin', 'fire', 'wake', 'keep', 'see', 'look', 'tell', 'know', 'think', 'said', 'say', 'currently', 'named', 'called', 'using', 'used', 'use', 'anymore', 'soon', 'later', 'first', 'new', 'old', 'existing',
]);

/** Question and request words kept as features: they tell "what can you do" from "how much did we spend". */
export const SIGNAL_WORDS = new Set(['what', 'how', 'which', 'where', 'who', 'why', 'can', 'you', 'use', 'do', 'named', 'called', 'much', 'new', 'old', 'running', 'bot', 'available', 'support']);

/** Words that mark a message as a follow-up to the plan above it. */
export const FOLLOW_UP = /^(?:and|also|plus|same|yes|yeah|yep|yup|ok|okay|no|nope|nah|actually|instead|oh|oops|sorry|then|now|what about|how about|make it|do the same|the one|the other)\b|\b(?:too|as well|also|instead|same for|same with|same on|the one|that one|the other one|one in|one on)\b/;

/** Well-known systemd units; any other name works when phrased "the X service" or "restart X on host". */
export const KNOWN_SERVICES = new Set([
  'nginx', 'httpd', 'apache', 'apache2', 'docker', 'containerd', 'sshd', 'ssh', 'cron', 'crond', 'kafka', 'zookeeper', 'redis', 'redis-server', 'memcached', 'postgresql', 'mysql', 'mysqld',
  'mariadb', 'mongod', 'tomcat', 'tomcat9', 'jenkins', 'grafana-server', 'haproxy', 'elasticsearch', 'opensearch', 'kibana', 'logstash', 'node_exporter', 'prometheus', 'alertmanager',
  'amazon-ssm-agent', 'amazon-cloudwatch-agent', 'php-fpm', 'php8.1-fpm', 'php7.4-fpm', 'datadog-agent', 'rabbitmq-server', 'supervisor', 'supervisord', 'gunicorn', 'uwsgi', 'celery',
  'td-agent', 'fluentd', 'fluent-bit', 'filebeat', 'chronyd', 'ntpd', 'kubelet', 'varnish', 'squid', 'postfix', 'consul', 'nomad', 'vault', 'etcd', 'systemd-journald', 'rsyslog', 'telegraf',
]);

/** Cities people use for regions ("the one in oregon"). */
export const REGION_NICKNAMES: Record<string, string> = {
  oregon: 'us-west-2', california: 'us-west-1', virginia: 'us-east-1', ohio: 'us-east-2', ireland: 'eu-west-1', dublin: 'eu-west-1', london: 'eu-west-2', paris: 'eu-west-3',
  frankfurt: 'eu-central-1', stockholm: 'eu-north-1', milan: 'eu-south-1', tokyo: 'ap-northeast-1', seoul: 'ap-northeast-2', osaka: 'ap-northeast-3', singapore: 'ap-southeast-1',
  sydney: 'ap-southeast-2', mumbai: 'ap-south-1', canada: 'ca-central-1', 'sao paulo': 'sa-east-1',
};

/** Words for the tag keys people mean ("without an owner" -> owner). */
export const TAG_KEY_WORDS = new Set(['owner', 'environment', 'env', 'cost-center', 'costcenter', 'cost_center', 'team', 'project', 'application', 'app', 'name', 'service', 'department', 'backup']);

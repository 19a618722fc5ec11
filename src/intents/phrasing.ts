/**
 * The way people talk on a bad night, read as what they mean before the classifier sees it (issue 18):
 * the shell command they would have typed on the host ("sudo systemctl restart nginx", "aws ec2
 * reboot-instances", "journalctl --vacuum-size=500M"), disk and filesystem complaints ("no space left on
 * device", "/var/log is filling up", "ENOSPC"), and money ("what's the damage", "how much is amazon
 * charging us"). Also the instructions aimed at the bot itself, which are refused whatever else they ask.
 * Names are never rewritten: every pattern is words and shell syntax around them.
 */

import { ENVIRONMENTS } from './lexicon';
import { moneyQuestion } from './money';
import { CARDINALS } from './number-words';

/** [pattern, replacement]: applied in order to the lower-cased request. */
const SHELL: [RegExp, string][] = [
  // Round 10. "aws s3api put-public-access-block --bucket X --public-access-block-configuration …": the bucket's public
  // access blocked (its options are the block's own, not tags).
  [/\baws\s+s3api\s+put-public-access-block\b[^\n]*?--bucket[\s=]+([a-z0-9][\w.-]*)[^\n]*/g, 'block public access on bucket $1'],
  // "the equivalent of aws …", "what you'd get from running aws …": the command is the request.
  [/\b(?:the\s+)?(?:equivalent|same\s+thing\s+as|same\s+as)\s+(?:of\s+)?(?:running\s+)?(?=aws\s)/g, ' '],
  // "run `systemctl restart kafka` on X": the command in backticks is the request, not a name.
  [
    /`\s*((?:sudo\s+)?(?:systemctl|service|rc-service|journalctl|reboot|shutdown|apt(?:-get)?|yum|dnf|docker|logrotate|rm|aws)\b[^`\n]*)`/g,
    ' $1 ',
  ],
  // 'run on host X the command "systemctl restart td-agent"': the command, on that host.
  [
    new RegExp(
      String.raw`\b(?:execute|run)\s+on\s+(?:the\s+)?(?:host|server|box|instance|machine|node)\s+([\w.-]+)\s+(?:the\s+)?` +
        String.raw`(?:command\s+)?["\x60]\s*((?:sudo\s+)?(?:systemctl|service|rc-service|journalctl|reboot|shutdown|apt(?:-get)?|yum|dnf|` +
        String.raw`docker|logrotate)\b[^"\x60\n]*?)\s*["\x60]`,
      'g',
    ),
    ' $2 on $1 ',
  ],
  // 'the command "sudo systemctl restart td-agent" on X': a command in double quotes, as in backticks.
  [
    /"\s*((?:sudo\s+)?(?:systemctl|service|rc-service|journalctl|reboot|shutdown|apt(?:-get)?|yum|dnf|docker|logrotate)\b[^"\n]*)"/g,
    ' $1 ',
  ],
  // "ssh etl-1 && systemctl restart docker", "ssh admin@etl-1 'sudo service nginx restart'": the command, on that host.
  [
    new RegExp(
      String.raw`\bssh\s+(?:-\S+\s+)*(?:[\w.-]+@)?([\w.-]+)\s*(?:&&|;|\band\b|\bthen\b)?\s*['"]?\s*(?:sudo\s+)?` +
        String.raw`((?:systemctl|rc-service)\s+(?:try-)?restart\s+[\w@.:-]+|service\s+[\w@.:-]+\s+restart)['"]?`,
      'g',
    ),
    '$2 on $1',
  ],
  // "kafka-broker-2: systemctl restart kafka.service", "root@web-3:~# service nginx restart": a host, then the command
  // typed on it (a prompt or a label), is the command on that host: the unit restarted, not the host rebooted.
  [
    new RegExp(
      // Round 10: "on kafka-2: sudo service kafka restart" (the host said with "on").
      String.raw`(?:^|(?<=[.;!?]\s))\s*(?:on\s+)?(?:[\w.-]+@)?([a-z0-9][\w.-]*[-\d][\w.-]*)\s*(?::~?\s*[#$]?|\s[#$>])\s+(?:sudo\s+)?` +
        String.raw`((?:systemctl|rc-service)\s+(?:try-)?restart\s+[\w@.:-]+|service\s+[\w@.:-]+\s+restart)\b`,
      'g',
    ),
    '$2 on $1',
  ],
  // "ssh etl-1 && sudo reboot", "ssh ops@etl-1 'sudo shutdown -r now'", "ssh etl-1; sudo poweroff": that host, rebooted or stopped.
  [
    new RegExp(
      String.raw`\bssh\s+(?:-\S+\s+(?:[\w./~-]+\s+)?)*(?:[\w.-]+@)?([\w.-]+)\s*(?:&&|;|\band\b|\bthen\b)?\s*['"]?\s*(?:(?:sudo|doas)\s+)?` +
        String.raw`(?:reboot(?:\s+-f)?(?:\s+now)?|shutdown\s+-r(?:\s+(?:now|\+?\d+))?|init\s+6|systemctl\s+reboot)\b['"]?`,
      'g',
    ),
    'reboot $1',
  ],
  [
    new RegExp(
      String.raw`\bssh\s+(?:-\S+\s+(?:[\w./~-]+\s+)?)*(?:[\w.-]+@)?([\w.-]+)\s*(?:&&|;|\band\b|\bthen\b)?\s*['"]?\s*(?:(?:sudo|doas)\s+)?` +
        String.raw`(?:poweroff|halt(?:\s+-p)?|shutdown\s+-h(?:\s+now)?|shutdown\s+now|systemctl\s+poweroff)\b['"]?`,
      'g',
    ),
    'stop $1',
  ],
  [/(?:^|\s)(?:sudo|doas)(?:\s+-\w+)*\s+/g, ' '],
  // Round 8: init scripts and reloads ("/etc/init.d/kafka restart", "service nginx reload", "systemctl reload haproxy").
  [/(?:^|\s)\/?(?:etc\/)?(?:init\.d|rc\.d)\/([\w@.:-]+)\s+(?:restart|reload|force-reload)\b/g, ' restart $1'],
  [/\b(?:systemctl|rc-service)\s+(?:reload|reload-or-restart|force-reload)\s+([\w@.:-]+)/g, 'restart $1'],
  [/\bservice\s+([\w@.:-]+)\s+(?:reload|force-reload)\b/g, 'restart $1'],
  // "send SIGHUP to haproxy", "send a HUP signal to nginx": the same reload said in words.
  [/\bsend(?:ing)?\s+(?:a\s+)?(?:sig)?(?:hup|usr[12])(?:\s+signal)?\s+to\s+(?:the\s+)?([a-z][\w@.:-]*)/g, 'restart $1'],
  // Signals that make a daemon reload or start over: "kill -HUP squid", "pkill -f gunicorn", "killall -USR2 unicorn".
  [/\b(?:kill|killall|pkill)\s+(?:-(?:s\s+)?(?:sig)?(?:hup|usr[12]|1)\s+)(?:-\w+\s+)*([a-z][\w@.:-]*)/g, 'restart $1'],
  // Not "pkill -9 x" / "pkill -STOP x": a process killed or paused for good is no restart.
  [/\bpkill\s+(?!(?:-\w+\s+)*-(?:9|kill|sigkill|stop|sigstop)\b)(?:-\w+\s+)*([a-z][\w@.:-]*)/g, 'restart $1'],
  // "kill -9 4411 on X", "pkill -9 stuck-job on X", "killall java": a process killed, which no playbook does (and which is
  // never the instance terminated).
  [/\b(?:pkill|killall)\s+(?:-\w+\s+)*(?=[\w@.:-])|\bkill\s+(?:(?:-\w+\s+)+|(?=\d+\b))/g, 'signal process '],
  // "docker restart search-api", "kubectl rollout restart deploy/checkout", "recycle the checkout containers": an ECS service.
  // "docker restart checkout on web-1": that container on that host, not the docker daemon and not an ECS service.
  [/(?<!\bservice\s+)\bdocker(?:\s+container)?\s+restart\s+(?!(?:on|in|at|@)\b)([a-z][\w.-]*)(?=\s+(?:on|@)\s)/g, 'restart $1'],
  [
    /(?<!\bservice\s+)\bdocker(?:\s+(?:container|compose|service))?\s+restart\s+(?!(?:on|in|at)\b)([a-z][\w.-]*)(?![\w.-]|\s+(?:on|@)\s)/g,
    'restart ecs service $1 ',
  ],
  [
    new RegExp(
      String.raw`\bkubectl\s+(?:-\S+\s+(?:\S+\s+)?)*rollout\s+restart\s+` +
        String.raw`(?:(?:deploy(?:ment)?s?|sts|statefulsets?|ds|daemonsets?)[\s/])?([a-z][\w.-]*)`,
      'g',
    ),
    'restart ecs service $1 ',
  ],
  [
    new RegExp(
      String.raw`\b(?:restart|recycle|bounce|cycle|redeploy|kick)\s+(?:all\s+)?(?:of\s+)?(?:the\s+)?([a-z][\w.]*-[\w.-]+)\s+` +
        String.raw`(?:containers|tasks|pods)\b(?!\s+(?:on|@)\s)`,
      'g',
    ),
    'restart ecs service $1 ',
  ],
  // "service kafka restart (on kafka-broker-1)", "systemctl restart nginx [on web-1]": the host in brackets is where.
  [/[([]\s*(?:on|@|host:?)\s+([\w.-]+)\s*[)\]]/g, ' on $1 '],
  [/\s*&&\s*/g, ' and '],
  [/\b(?:systemctl|rc-service)\s+(?:try-)?restart\s+([\w@.:-]+)/g, 'restart $1'],
  [/\bservice\s+([\w@.:-]+)\s+restart\b/g, 'restart $1'],
  // "/etc/init.d/kafka restart", "invoke-rc.d nginx restart": the SysV script is the service.
  [/(?:\/?\betc\/(?:rc\.d\/)?)?\binit\.d\/([\w@.-]+)\s+(?:re)?start\b/g, 'restart $1'],
  [/\binvoke-rc\.d\s+([\w@.-]+)\s+restart\b/g, 'restart $1'],
  // "kill -HUP squid", "pkill -SIGHUP haproxy", "killall -1 nginx": a reload signal to a daemon is its restart.
  [/\b(?:kill|pkill|killall)\s+-(?:hup|sighup|1|s\s+hup)\s+(?:-\S+\s+)*([a-z][\w@.-]*)/g, 'restart $1'],
  [/\bservice\s+restart\s+([\w@.:-]+)/g, 'restart $1'],
  // "kafka-broker-2: systemctl restart kafka", "web-1$ service nginx restart": a prompt's host, then its command.
  [/^\s*([a-z0-9][\w.-]*[-\d][\w.-]*)\s*[:>$#]+\s+restart\s+([\w@.:-]*[\w@:-])(?!\s+(?:on|@)\s)/g, 'restart $2 on $1'],
  // "restart kafka @ kafka-staging-1": the host after an at sign.
  [/\b(restart\s+[\w@.:-]+)\s+@\s*(?=[a-z0-9])/g, '$1 on '],
  [/\/?\b(?:s?bin\/)?(?:shutdown\s+-r(?:\s+(?:now|\+?\d+))?|reboot(?:\s+-f)?\s+now|init\s+6)\b/g, 'reboot'],
  [/\/(?:s?bin)\/reboot\b/g, 'reboot'],
  [/\/?\b(?:s?bin\/)?(?:poweroff|halt\s+-p|shutdown\s+-h(?:\s+now)?|shutdown\s+now)\b/g, 'stop'],
  [/\baws\s+ec2\s+stop-instances?\b/g, 'stop instance'],
  [/\baws\s+ec2\s+start-instances?\b/g, 'start instance'],
  [/\baws\s+ec2\s+reboot-instances?\b/g, 'reboot instance'],
  [/\baws\s+ec2\s+terminate-instances?\b/g, 'terminate instance'],
  [/\baws\s+ec2\s+create-snapshots?\b/g, 'snapshot instance'],
  [/\baws\s+ec2\s+modify-instance-attribute\b/g, 'change instance type'],
  [/\s--instance-type[\s=]+(?:"?value=)?/g, ' '],
  // "aws ecs update-service --cluster prod-web --service checkout --force-new-deployment": a restart of the service.
  [/\baws\s+ecs\s+update-service\b(?=.*--force-new-deployment)/g, 'restart ecs service'],
  [/\baws\s+ecs\s+update-service\b(?=.*--desired-count)/g, 'scale ecs service'],
  [/\s--desired-count[\s=]+/g, ' to '],
  [/\s--cluster[\s=]+\S+/g, ' '],
  [/\s--service[\s=]+/g, ' '],
  [/\s--force-new-deployment\b/g, ' '],
  // "aws autoscaling set-desired-capacity --auto-scaling-group-name web-asg --desired-capacity 6".
  [/\baws\s+autoscaling\s+set-desired-capacity\b/g, 'scale asg'],
  [/\s--auto-scaling-group-name[\s=]+/g, ' '],
  [/\s--desired-capacity[\s=]+/g, ' to '],
  [/\s--(?:no-)?honor-cooldown\b/g, ' '],
  // "aws lambda put-function-concurrency --function-name x --reserved-concurrent-executions 20", and its undo.
  [/\baws\s+lambda\s+put-function-concurrency\b/g, 'set reserved concurrency of function'],
  [/\baws\s+lambda\s+delete-function-concurrency\b/g, 'unthrottle function'],
  [/\s--function-name[\s=]+/g, ' '],
  [/\s--reserved-concurrent-executions[\s=]+/g, ' to '],
  // "aws eks update-nodegroup-config --cluster-name prod --nodegroup-name web --scaling-config desiredSize=6".
  [/\baws\s+eks\s+update-nodegroup-config\b/g, 'scale nodegroup'],
  [/\s--cluster-name[\s=]+\S+/g, ' '],
  [/\s--nodegroup-name[\s=]+/g, ' '],
  [/\s--scaling-config[\s=]+(?:\S*,)?desiredsize=(\d+)\S*/g, ' to $1 nodes'],
  // "aws ec2 modify-volume --volume-id vol-… --volume-type gp3": the volume converted to gp3.
  [/\baws\s+ec2\s+modify-volume\b(?=.*--volume-type[\s=]+gp3)/g, 'convert volume'],
  [/\s--volume-type[\s=]+/g, ' to '],
  [/\baws\s+rds\s+reboot-db-instance\b/g, 'reboot db'],
  [/\baws\s+rds\s+stop-db-instance\b/g, 'stop db'],
  [/\baws\s+rds\s+start-db-instance\b/g, 'start db'],
  [/\baws\s+rds\s+create-db-snapshot\b/g, 'snapshot db'],
  [/\s--(?:instance-ids?|db-instance-identifier|volume-id)[\s=]+/g, ' '],
  // Commands that free disk space.
  [/\bjournalctl\s+--vacuum[\w=.-]*(?:\s+\d\S*)?/g, 'clean up disk'],
  [/\b(?:apt(?:-get)?|yum|dnf)\s+(?:clean(?:\s+all)?|autoclean|autoremove)\b/g, 'clean up disk'],
  [/\bdocker\s+(?:system|image|volume|container)\s+prune(?:\s+-\w+)*/g, 'clean up disk'],
  [/\blogrotate(?:\s+-f)?(?:\s+\/\S+)?/g, 'clean up disk'],
  [/\brm\s+(?:-\w+\s+)*\/(?:var\/log|tmp|var\/tmp|var\/cache)\S*/g, 'clean up disk'],
  [/\bfind\s+\/(?:var\/log|tmp|var\/tmp|var\/cache)\S*(?:\s+-[\w]+(?:\s+[^\s-]\S*)?)*/g, 'clean up disk'],
  // "du says /var/log is 40G", "du -sh /var/log shows 38G": a directory grown big is a disk to clean.
  [
    /\bdu(?:\s+-\w+)*(?:\s+\/\S*)?\s+(?:says|shows|reports|gives)\s+(?:that\s+)?\/\S*\s+(?:is\s+)?(?:at\s+)?\d+(?:\.\d+)?\s*[gt]i?b?\b/g,
    'disk full',
  ],
  [/\bdu\s+-\w+(?:\s+\/\S*)?/g, 'disk'],
  // "df -h on etl-1 shows 100% on /var", "df says /data is at 97%": the disk is full, there.
  [
    new RegExp(
      String.raw`\bdf(?:\s+-\w+)*(?:\s+\/\S*)?\s+(?:on|@)\s+([\w.-]+)\s+(?:shows|says|reports|gives)\s+(?:that\s+)?` +
        String.raw`(?:\/\S*\s+(?:is\s+)?(?:at\s+)?)?(?:9\d|100)\s*%(?:\s+(?:on|for)\s+\/\S*)?`,
      'g',
    ),
    'disk full on $1',
  ],
  [
    new RegExp(
      String.raw`\bdf(?:\s+-\w+)*(?:\s+\/\S*)?\s+(?:shows|says|reports|gives)\s+(?:that\s+)?(?:\/\S*\s+(?:is\s+)?(?:at\s+)?)?` +
        String.raw`(?:9\d|100)\s*%(?:\s+(?:on|for)\s+\/\S*)?`,
      'g',
    ),
    'disk full',
  ],
  [/\bdf(?:\s+-\w+)*(?:\s+\/\S*)?\s+(?:shows|says|reports|is|at)\b/g, 'disk is'],
  // "ssh etl-1 && journalctl --vacuum-size=200M && apt-get clean": the cleanup commands, on that host.
  [
    new RegExp(
      String.raw`\bssh\s+(?:-\S+\s+)*(?:[\w.-]+@)?([\w.-]+)\s*(?:and|;|then)?\s*['"]?\s*clean\s+up\s+disk` +
        String.raw`(?:\s*(?:and|;|then)\s*clean\s+up\s+disk)*['"]?`,
      'g',
    ),
    'clean up disk on $1',
  ],
  [/\bclean\s+up\s+disk(?:\s*(?:and|;|then)\s*clean\s+up\s+disk)+/g, 'clean up disk'],
];

/** Disk and filesystem complaints, said as the one thing the cleanup playbook answers: a full disk. */
const DISK: [RegExp, string | ((...m: string[]) => string)][] = [
  // Round 10. "web-2 out of disk", "etl-1 out of space": a named host out of disk (said with no verb) is out of disk space.
  [
    /(?<![\w-])([a-z0-9][\w.]*-[\w.-]*)\s+(?:now\s+|totally\s+|completely\s+)?out\s+of\s+(?:disk|storage|space)(?:\s+space)?\b/g,
    '$1 is out of disk space',
  ],
  // Round 9 (names on a phone): "root vol on worker-1" is its root volume; "has filled right up" has filled up.
  [/\b(root|data|boot|os)\s+vols?\b/g, '$1 volume'],
  [/\b(filled|filling|fills)\s+right\s+up\b/g, '$1 up'],
  // "the root volume filled up with logs", "the data partition has filled up": a part of a disk that filled up.
  [
    new RegExp(
      String.raw`\b(?:(?:root|data|tmp|var|log|logs|home|boot|system|os)\s+)?(?:partition|volume|vol|mount|fs|filesystem|disk|drive)\s+` +
        // Round 9: "has filled right up", "filled all the way up".
        String.raw`(?:has\s+|have\s+|had\s+|got\s+|is\s+|just\s+)*(?:filled|filling|fills)\s+` +
        String.raw`(?:right\s+|all\s+the\s+way\s+|completely\s+)?up\b`,
      'g',
    ),
    'disk full',
  ],
  // "can't even create tmp files", "unable to write to disk", "cannot save files": what a full disk does to a program.
  [
    new RegExp(
      String.raw`\b(?:can'?t|cannot|can\s+not|unable\s+to|failing\s+to|fails\s+to|failed\s+to|won'?t)\s+(?:to\s+)?(?:even\s+)?` +
        String.raw`(?:create|write|make|save|open)\s+(?:any\s+)?(?:new\s+)?(?:(?:tmp|temp|temporary)\s+files?|files?|` +
        String.raw`to\s+(?:the\s+)?(?:disk|\/tmp|\/var\S*))(?:\s+anymore)?`,
      'g',
    ),
    'disk full',
  ],
  // "/tmp on X is full of junk", "the logs dir is full of core dumps": full of what fills disks.
  [
    new RegExp(
      String.raw`\b(?:is|are|'s|got)\s+(?:completely\s+|totally\s+)?full\s+of\s+(?:old\s+|stale\s+)?(?:junk|garbage|crap|cruft|` +
        String.raw`logs?|log\s+files|core\s*dumps?|dumps|heap\s+dumps|temp\s+files|tmp\s+files|files|backups|artifacts|images)\b`,
      'g',
    ),
    ' disk full',
  ],
  [/\b(?:write\s+failed:?\s+)?no\s+space\s+left\s+on\s+(?:the\s+)?device\b/g, 'disk full'],
  [/\benospc\b/g, 'disk full'],
  // Round 8. "DISK FULL ALARM X", "disk full alert on X": the alarm's name, then the host.
  [/\bdisk[- ]full\s+(?:alarm|alert|warning|page)s?\s+(?:(?:on|for|from)\s+)?(?=[a-z0-9][\w.-]*[-\d])/g, 'disk full on '],
  // "X keeps dying because the drive is full", "the disk's full": a full disk, and what it does to X is no name.
  [
    new RegExp(
      String.raw`(?:\b(?:keeps?|kept|is|are)\s+(?:on\s+)?(?:dying|crashing|falling\s+over|failing|restarting|erroring)\s+` +
        String.raw`(?:b\/c|bc|because|cause|'cause|cuz|coz|cos|since|as)\s+)?(?:the\s+|its\s+|their\s+|our\s+)?` +
        String.raw`(?:hard\s+)?(?:drive|disk|hdd|ssd|storage)\s*(?:is|'s|got|was)\s+(?:completely\s+|totally\s+)?full\b`,
      'g',
    ),
    ' disk full',
  ],
  [/\b(?:ran|running|run|runs)\s+out\s+of\s+(?:disk\s+)?space\b/g, 'disk full'],
  // "logs everywhere", "junk all over the place": where the files are is no set of resources.
  [/\b(logs?|log\s+files|junk|files|dumps)\s+(?:everywhere|all\s+over(?:\s+the\s+place)?)\b/g, '$1'],
  // "delete old logs on X to free space", "clean up old logs on X", "free up space on X": a cleanup of X's disk.
  [
    new RegExp(
      String.raw`\b(?:delete|remove|purge|clear|clean(?:\s+up)?|wipe|trim|prune|rotate|get\s+rid\s+of|nuke|rm)\s+` +
        String.raw`(?:out\s+)?(?:the\s+|some\s+|all\s+(?:the\s+)?)?(?:old\s+|stale\s+|rotated\s+|ancient\s+|big\s+)*` +
        String.raw`(?:logs?|log\s*files|journals?|journal\s+logs|core\s*dumps|tmp\s+files|temp\s+files)\b` +
        String.raw`(?!\s+(?:group|groups|stream|streams|bucket|buckets|from\s+s3|in\s+s3|in\s+cloudwatch))` +
        // "purge old logs older than 30 days from the x bucket": logs kept in S3 or CloudWatch are no host's disk.
        String.raw`(?![^.,;!?]*\b(?:bucket|buckets|s3|cloudwatch|log\s+groups?)\b)` +
        String.raw`(?:\s+(?:to|so\s+we\s+can|and)\s+free\s+(?:up\s+)?(?:some\s+)?(?:disk\s+)?space)?`,
      'g',
    ),
    'clean up disk',
  ],
  [/\bfree\s+(?:up\s+)?(?:some\s+)?(?:disk\s+)?space\b/g, 'clean up disk'],
  // "logrotate broke on X", "log rotation stopped working": logs that no longer rotate fill the disk.
  [
    new RegExp(
      String.raw`\b(?:logrotate|log\s*rotation|log\s+rotate)\s+(?:is\s+|has\s+|got\s+)?(?:broke|broken|stopped(?:\s+working)?|` +
        String.raw`failing|failed|died|not\s+running|isn'?t\s+running)\b`,
      'g',
    ),
    'disk full',
  ],
  [/\bno\s+(?:more\s+)?(?:free\s+)?(?:space|room)\s+(?:left\s+)?(?:on|in)\s+(?:the\s+)?(?:disk|drive|volume|partition)\b/g, 'disk full'],
  // "filesystem /var on X exceeded 95% utilisation", "disk usage above 92%": an alert's threshold crossed is a full disk.
  [
    new RegExp(
      String.raw`\b(?:(?:file\s?system|fs|disk|partition|volume|mount)\s+(?:\/\S*\s+)?(?:usage\s+|utili[sz]ation\s+|space\s+)?` +
        String.raw`(?:on\s+(\S+)\s+)?(\([^)]*\)\s+)?` +
        String.raw`(?:usage\s+|utili[sz]ation\s+)?(?:has\s+|is\s+|'s\s+)?(?:now\s+)?(?:exceeded|exceeds|exceeding|crossed|above|over|hit|` +
        String.raw`reached|at)\s+` +
        String.raw`(?:9\d|100)(?:\.\d+)?\s*(?:%|percent\b)(?:\s+(?:utili[sz]ation|usage|used|full|capacity|disk\s+usage))?)`,
      'g',
    ),
    (_m: string, on?: string, aside?: string) => (on ? `disk full on ${on} ${aside ?? ''}` : 'disk full'),
  ],
  // "the root volume is almost full": a volume that fills up wants cleaning, not a cheaper volume type.
  [
    new RegExp(
      String.raw`\b(?:root|data|tmp|var|log|logs|home|boot|system|os)\s+(?:partition|volume|mount|fs|` +
        String.raw`filesystem|disk|drive)\s+(?:is\s+)?(?:almost\s+|nearly\s+|completely\s+|totally\s+)` +
        String.raw`?full\b`,
      'g',
    ),
    'disk full',
  ],
  [
    new RegExp(
      String.raw`\b(?:(?:(?:has|have|'ve|had)\s+)?(?:ran|run|running|runs)\s+)?(?:out\s+of|no(?:\s+free)?)\s+inodes?\b|` +
        String.raw`\binodes?\s+(?:exhausted|exhaustion|starvation|full|used\s+up|maxed(?:\s+out)?)\b`,
      'g',
    ),
    'disk full',
  ],
  [/\bfile\s?system\s+(?:is\s+)?(?:full|filling\s+up|at\s+\d+\s*(?:%|percent))/g, 'disk full'],
  [
    new RegExp(
      String.raw`(?:\/[\w/.-]*|\b(?:root|data|tmp|var|log|home|boot)(?:\s+(?:partition|volume|mount|` +
        String.raw`fs|dir|directory))?|\bpartition|\bmount)\s+(?:is\s+)?(?:at\s+)?(?:9\d|100)\s*(?:%|` +
        String.raw`percent)(?:\s+(?:full|used))?`,
      'g',
    ),
    'disk full',
  ],
  [/(?:\/[\w/.-]*|\b(?:tmp|logs?|var)\b)\s+(?:is\s+|has\s+)?(?:filling|filled|fills)\s+up\b/g, 'disk full'],
  [/\b(?:is\s+)?(?:filling|filled)\s+(?:right\s+|all\s+the\s+way\s+|completely\s+)?up\b/g, 'disk full'],
  [/\bdisk\s+(?:usage|space|utili[sz]ation)\s+(?:alert|alarm|warning|warn)(?:\s+(?:is\s+)?firing)?\b/g, 'disk full'],
  [/\blow\s+(?:on\s+)?disk(?:\s+space)?(?:\s+(?:warning|alert|alarm))?\b/g, 'disk full'],
  [/\b(?:ran|running|run)\s+out\s+of\s+(?:storage|room|disk)\b/g, 'disk full'],
  // "etl-1 is out of disk", "we're out of space on x"; Kubernetes' DiskPressure said in words.
  [
    new RegExp(
      String.raw`(?:\b(?:is|are|was|were|got|getting)|'s|'re)\s+(?:completely\s+|totally\s+|` +
        String.raw`almost\s+|nearly\s+)?out\s+of\s+(?:disk(?:\s+space)?|space|storage|room)\b`,
      'g',
    ),
    ' disk full',
  ],
  [
    /\bdisk\s*pressure(?:\s+(?:alert|alarm|warning|condition))?(?:\s+(?:is\s+)?(?:firing|fired|raised|on))?\s+(?=(?:on|for|from|in)\b)/g,
    'disk full ',
  ],
  [/\bdisk\s*pressure\b/g, 'disk full'],
  [/\b(?:almost|nearly|basically|completely)\s+full\b/g, 'disk full'],
  [/\b(?:9\d|100)\s*(?:%|percent)\s+(?:used|full|utili[sz]ed)\b/g, 'disk full'],
  [/\b(?:disk|storage|drive|volume)\s+(?:is\s+)?(?:at\s+)?(?:9\d|100)\s*(?:%|percent\b)/g, 'disk full'],
  [
    new RegExp(
      String.raw`\b(?:ate|eat|eaten|eating|eats|filled|took|taking|chewed|chewing|swallowed|consumed|consuming|used)\s+(?:up\s+)?` +
        String.raw`(?:all\s+(?:of\s+)?)?(?:the\s+|its\s+|our\s+)?(?:whole\s+|entire\s+)?(?:root\s+|data\s+)?` +
        String.raw`(?:disk|harddisk|hard\s+disk|hard\s+drive|space|storage|file\s?system|fs|partition|drive|volume)\b`,
      'g',
    ),
    'disk full',
  ],
  [/\b(?:storage|disk)\s+is\s+maxed(?:\s+out)?\b|\bmaxed\s+out\s+(?:storage|disk)\b/g, 'disk full'],
  [/\b(?:zero|0)\s+(?:bytes|kb|mb)\s+(?:free|left)\b/g, 'disk full'],
  [/\bis\s+at\s+(?:9\d|100)\s*(?:%|percent\b)/g, 'disk full'],
  // "storage almost gone", "disk space is used up", "the disk is exhausted".
  [
    new RegExp(
      String.raw`\b(?:disk|storage|drive|space|disk\s+space|free\s+space)\s+(?:is\s+|has\s+|'?s\s+)` +
        String.raw`?(?:almost\s+|nearly\s+|all\s+|completely\s+)?(?:gone|used\s+up|exhausted|eaten|` +
        String.raw`depleted)\b`,
      'g',
    ),
    'disk full',
  ],
  // "/var/lib/mysql filled the disk on X": the directory that grew is no name; the host is where.
  [/(?:^|\s)\/[\w/.*-]*\s+(?=disk\s+full\s+(?:on|of|in)\s)/g, ' '],
  // "disk full errors from X", "disk-full alerts on X": the complaint, then where.
  [/\bdisk[- ]full\s+(?:errors?|alerts?|alarms?|warnings?|messages?)\s+(?:from|on|in|for)\b/g, 'disk full on'],
  // "/var/log on X is huge", "the logs on X are massive": logs grown too big want trimming.
  [
    new RegExp(
      String.raw`(\/var\/log\S*|\b(?:the\s+)?logs?)\s+(on|of)\s+(\S+)\s+(?:is|are|got|has\s+gotten|` +
        String.raw`have\s+gotten)\s+(?:so\s+|really\s+|way\s+too\s+|too\s+)?(?:huge|massive|enormous|` +
        String.raw`bloated|giant|big|large)\b`,
      'g',
    ),
    'disk full $2 $3',
  ],
  // "the data partition on etl-1 is nearly full", "the root fs on X is filling": a part of a disk, then where.
  [
    new RegExp(
      String.raw`\b(?:(?:root|data|tmp|var|log|logs|home|boot|system|os)\s+)?(?:partition|volume|` +
        // "the root volume on web staging 1 is full": a name said in words, with its number, is where.
        String.raw`mount|fs|filesystem|disk|drive)(?:\s+\/\S*)?\s+(on|of)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s+\d{1,3}|\S+)\s+` +
        String.raw`(?:is\s+)?(?:almost\s+|` +
        String.raw`nearly\s+|completely\s+|totally\s+|getting\s+)?(?:full|disk\s+full|` +
        String.raw`(?:at\s+)?(?:9\d|100)\s*(?:%|percent\b)(?:\s+(?:full|used))?)`,
      'g',
    ),
    'disk full $1 $2',
  ],
];

/** "fix it", "sort that out", "wipe it": about a full disk, its cleanup. */
const FIX_IT = new RegExp(
  String.raw`\b(?:fix|sort\s+out|sort|deal\s+with|handle|take\s+care\s+of|look\s+at|help\s+with|wipe|clear|purge|empty|flush|` +
    // Round 8: "the old logs on X ate the disk, remove them": what fills a full disk, removed, is its cleanup.
    String.raw`remove|delete|rm|get\s+rid\s+of|trash|bin)\s+(it|that|this|them|those|these)(?:\s+out)?\b`,
  'g',
);
/** What a full disk does to the programs on it; dropped once the full disk is said. */
const DISK_SYMPTOMS = new RegExp(
  // "when it write tmp files", "while the app tries to save logs": when the full disk shows, no request of its own.
  String.raw`\b(?:when|while|whenever|if)\s+(?:it|they|we|i|the\s+\w+)\s+(?:tries\s+to\s+|try\s+to\s+|trying\s+to\s+)?` +
    String.raw`(?:write|writes|writing|save|saves|saving|create|creates|log|logs)\b(?:\s+(?:tmp|temp|new|the|any)?\s*` +
    String.raw`(?:files?|logs?|data))?|` +
    // Round 8: "ack the alert" next to a full disk (it clears once the disk is freed).
    String.raw`\back(?:nowledge)?\s+(?:the\s+)?(?:alerts?|alarms?|pages?)\b|` +
    // "cron cant even write its tmp files", "logrotate can't write to /var/log": whatever it is, it cannot write.
    String.raw`\b(?:nothing|no\s+(?:process|app|service|one)|nobody|the\s+apps?|apps?|services?|processes|it|they|we|i|you|` +
    String.raw`(?:the\s+)?(?:builds?|jobs?|pipelines?|programs?|containers?|pods?)|(?:the\s+)?[a-z][\w-]*)\s+` +
    String.raw`(?:(?:can|could)(?:'?t|not|\s+not)?|(?:are\s+|is\s+)?not\s+able\s+to|unable\s+to)\s+(?:to\s+)?` +
    String.raw`(?:even\s+)?(?:write|log|save|create)(?:\s+(?:anything|(?:the\s+|any\s+|new\s+|its\s+|their\s+)?` +
    String.raw`(?:(?:tmp|temp|lock|pid|cache|state|log)\s+)?(?:logs?|files?|data|artifacts))|` +
    String.raw`\s+to\s+(?:it|disk|\/[\w/.-]*))?(?![\w/-])|\bwrites?\s+(?:are\s+|is\s+|keep\s+|keeps\s+)?(?:failing|failed|fail|` +
    String.raw`erroring)\b|\bwrite\s+(?:errors?|failures?)\b|\b(?:the\s+|our\s+|all\s+the\s+)?(?:jobs?|builds?|uploads?|deploys?|` +
    String.raw`deployments?|backups?|cron\s*jobs?|pipelines?|tasks?|apps?|services?|requests?|containers?|pods?)\s+(?:are|is|keep|keeps|` +
    String.raw`have\s+been|started|all)\s+(?:failing|failed|erroring|crashing|dying|breaking)\b`,
  'g',
);

const UNIT = String.raw`(?:tasks?|nodes?|instances?|replicas?|containers?|workers?)`;
const TO_A_COUNT = String.raw`(?:set|make|put|bring|get|take|grow|raise|lower|increase|decrease|change|update)`;
/** A resource's name as typed (lower-cased). */
const NAME = String.raw`([a-z0-9][\w.:-]*)`;
/** A name that looks like one (a hyphen or a digit in it): "web-prod-1", not "it". */
const A_NAME = String.raw`([a-z0-9][\w.:]*[-\d][\w.:-]*)`;

/**
 * Questions about the bot itself ("what kinds of things can you do?", "what are you for", "how does this bot
 * work", "what commands do you understand"): asked as the help the catalog answers. Anchored at the end of
 * the request, so "what can you do about the disk on etl-1" stays a request about the disk.
 */
/** "I am new in the team", "i just joined the on call", "we're new here": who asks, not what. */
const NEWCOMER = String.raw`(?:i'?m|i\s+am|im|i\s+just|we\s+are|we'?re)\s+(?:new|just|joined|started|joining|starting)\b`;
const HELP: [RegExp, string][] = [
  // "what you can do for me, I am new in the team": the question in the order a second language puts it, and the
  // newcomer's note after it, are the same question about the bot.
  [
    new RegExp(
      String.raw`\bwhat\s+(?:you|u)\s+(?:can|could)\s+(?:do|help(?:\s+(?:me|us))?(?:\s+with)?)\s*(?:for\s+(?:me|us)\s*)?` +
        String.raw`(?=[?.!]*\s*$|[?.!,;:-]+\s*${NEWCOMER})`,
    ),
    'what can you do',
  ],
  [
    new RegExp(
      // "hi, first week here - what kinds of things can you do?": the greeting before it is no request.
      String.raw`(?:^[^?]{0,60}?[,.!:;-]\s*)?\bwhat\s+(?:(?:kinds?|sorts?|types?)\s+of\s+)?` +
        String.raw`(?:things|stuff|requests|tasks|commands|jobs)?\s*` +
        String.raw`(?:can|could|do|should|may)\s+(?:you|i|we)\s+(?:actually\s+|really\s+|even\s+)?(?:do|handle|help(?:\s+(?:me|us))?` +
        String.raw`(?:\s+with)?|ask(?:\s+you)?(?:\s+(?:for|to\s+do))?|use\s+you\s+for|get\s+you\s+to\s+do)\s*` +
        String.raw`(?:here|for\s+(?:me|us))?\s*[?.!]*\s*$`,
    ),
    'what can you do',
  ],
  [/\bwhat\s+(?:are|r)\s+(?:you|u)\s+(?:for|good\s+for|able\s+to\s+do|capable\s+of)\s*[?.!]*\s*$/, 'what can you do'],
  [
    new RegExp(
      String.raw`\bwhat\s+(?:you|u)\s+(?:are|r)\s+(?:able\s+to\s+do|capable\s+of|good\s+for)\s*(?=[?.!]*\s*$|[?.!,;:-]+\s*${NEWCOMER})`,
    ),
    'what can you do',
  ],
  [
    new RegExp(
      String.raw`\bhow\s+(?:does|do)\s+(?:this|the|you(?:r)?)\s*(?:bot|thing|tool)?\s*work\s*[?.!]*\s*$|` +
        String.raw`\bhow\s+do\s+(?:i|we)\s+(?:talk|speak|chat)\s+(?:to|with)\s+(?:you|the\s+bot|this\s+bot)\s*[?.!]*\s*$`,
    ),
    'how do i use this bot',
  ],
  [
    new RegExp(
      String.raw`\bwhat\s+(?:commands|requests|phrases|words)\s+(?:do|can|will)\s+(?:you|u)\s+` +
        String.raw`(?:understand|know|take|support|accept|handle)\s*[?.!]*\s*$`,
    ),
    'what can you do',
  ],
  // Last: the newcomer's note after the question, once the question is said as the catalog says it.
  [new RegExp(String.raw`^([^?]*\bwhat\s+can\s+(?:you|u)\s+do)\s*[?.!,;:-]+\s*${NEWCOMER}[^?]*$`), '$1'],
];

/**
 * Questions about what there is ("which boxes belong to payments", "what do we have running in eu-west-1?", "is
 * there an instance called jenkins?"): asked as the inventory search the catalog has, in its own words ("list
 * the instances owned by payments", "find resources named jenkins").
 */
const KINDS =
  String.raw`(boxes|instances|servers|machines|hosts|vms|ec2s?|ec2\s+instances|dbs|databases|rds\s+instances|` +
  String.raw`resources|buckets|volumes|functions|lambdas|clusters|services)`;
/** An environment, a region or an account: "what do we have in staging" asks about a place, "what is in the news" not. */
const PLACE =
  String.raw`(?:the\s+)?(?:prod|production|staging|stage|stg|dev|development|test|testing|qa|uat|sandbox|demo|` +
  String.raw`[a-z]{2}-[a-z]+-\d|(?:us|eu|ap|sa|ca)[\s-](?:east|west|north|south|central)|[\w-]+\s+account|oregon|virginia|` +
  String.raw`ohio|ireland|frankfurt|london|paris|tokyo|sydney|singapore|europe)\b`;
const WHAT_THERE_IS: [RegExp, string][] = [
  [
    new RegExp(
      String.raw`^(?:\W*(?:so|hey|hi|ok|quick\s+one)\W+)?(?:which|what)\s+${KINDS}\s+` +
        String.raw`(?:belongs?\s+to|are\s+owned\s+by|are\s+(?:run|used)\s+by)\s+`,
    ),
    'list the $1 owned by ',
  ],
  [
    new RegExp(
      String.raw`^(?:\W*(?:so|hey|hi|ok)\W+)?(?:what|which)\s+${KINDS}\s+(?:does|do)\s+(?:the\s+)?(?!(?:we|you|i|they|us)\b)([\w.-]+)` +
        String.raw`(?:\s+team)?\s+(?:have|own|run)\b`,
    ),
    'list the $1 owned by $2',
  ],
  [
    new RegExp(
      String.raw`^(?:\W*(?:so|hey|hi|ok)\W+)?what(?:'?s|\s+is|\s+do\s+we\s+have|\s+have\s+we\s+got|\s+we\s+got)\s+` +
        String.raw`(?:got\s+)?(?:(running|up|deployed)\s+in\s+|in\s+(?=${PLACE}))`,
    ),
    'list the resources $1 in ',
  ],
  [new RegExp(String.raw`^(?:\W*(?:so|hey|hi|ok)\W+)?which\s+${KINDS}\s+are\s+(stopped|running|up|down|off)\b`), 'list the $1 $2'],
  // "what databases do we even have in staging": the question without the word that doubts it, as it is asked plainly.
  // (Not said as "list the …": that rewrites a playbook example, and the model trained on it reads other sets worse.)
  [
    new RegExp(
      String.raw`^((?:\W*(?:so|hey|hi|ok)\W+)?(?:what|which)\s+${KINDS}\s+(?:do|did|have)\s+(?:we|you|i)\s+)` +
        String.raw`(?:even|actually|currently|still|really|honestly)\s+(?=(?:have|run|got|own)\b)`,
    ),
    '$1',
  ],
  // "list everything the payments team owns", "show me all the stuff the data team runs", "what does the ml team own",
  // "what does team search own", "everything owned by the web team?": what a team owns is the search by its owner tag.
  [
    new RegExp(
      String.raw`\b(?:list|show|find|give|get|pull|see)\s+(?:me\s+|us\s+)?(?:up\s+)?` +
        String.raw`(?:everything|all(?:\s+(?:of\s+)?the\s+(?:stuff|things|resources))?|` +
        String.raw`all\s+(?:the\s+)?(?:stuff|things|resources))\s+(?:that\s+)?(?:the\s+)?(?!(?:we|you|i|they|us)\b)([a-z][\w.-]*)` +
        String.raw`(?:\s+(?:team|squad|folks|group))?\s+(?:owns|own|has|have|runs|run|looks\s+after|is\s+responsible\s+for)\b`,
      'g',
    ),
    'list the resources owned by $1',
  ],
  [
    new RegExp(
      String.raw`^(?:\W*(?:so|hey|hi|ok)\W+)?(?:what|which\s+things|which\s+stuff)\s+(?:does|do)\s+(?:the\s+)?(?:team\s+)?` +
        String.raw`(?!(?:we|you|i|they|us|it|that|this)\b)([a-z][\w.-]*)(?:\s+(?:team|squad|folks|group))?\s+(?:own|have|run)\b`,
    ),
    'list the resources owned by $1',
  ],
  [
    new RegExp(
      String.raw`^(?:\W*(?:so|hey|hi|ok)\W+)?(?:(?:list|show|find)\s+(?:me\s+)?)?` +
        String.raw`(?:everything|all\s+(?:the\s+)?(?:stuff|things|resources))\s+` +
        String.raw`(?:owned\s+by|belonging\s+to|that\s+belongs\s+to)\s+(?:the\s+)?(?:team\s+)?([a-z][\w.-]*)` +
        String.raw`(?:\s+(?:team|squad|folks|group))?`,
    ),
    'list the resources owned by $1',
  ],
  [
    new RegExp(
      String.raw`^(?:\W*(?:so|hey|hi|ok)\W+)?(?:is\s+there|are\s+there|do\s+we\s+have|have\s+we\s+got|we\s+got)\s+(?:an?\s+|any\s+)?` +
        String.raw`(?:${KINDS}|instance|server|box|db|database|bucket|anything|something)\s+(?:named|called)\s+`,
    ),
    'find resources named ',
  ],
];

/**
 * Decisions stated rather than ordered ("web-1 can be stopped till monday", "old-box is safe to terminate",
 * "nightly-export got throttled, could you turn it back on?"), and the option said as its own sentence
 * ("stop it, take a snapshot first"): read as the order the catalog knows.
 */
const DECIDED: Record<string, string> = {
  stopped: 'stop',
  'shut down': 'shut down',
  'turned off': 'turn off',
  terminated: 'terminate',
  rebooted: 'reboot',
  restarted: 'restart',
  bounced: 'reboot',
  started: 'start',
  snapshotted: 'snapshot',
};
/** What a decision is stated about: a name that looks like one ("sandbox-box", "web-2"), or "it". */
const DECIDED_NAME =
  String.raw`([a-z0-9][\w.:]*[-\d][\w.:-]*|it|that|this|they|them|` +
  String.raw`the\s+(?:[\w-]+\s+){0,3}?(?:box|machine|server|instance|host|vm|db|database))`;
const ASKED: [RegExp, string | ((...m: string[]) => string)][] = [
  // Round 10. "whats tagged team=data", "what is tagged env=dev?": a search by tag.
  [/^(?:what'?s|what\s+is|anything)\s+tagged\s+(?=[\w.:/-]+=)/, 'find resources tagged '],
  // Round 10. "how do i bounce api-staging-2? it stopped answering", "how can we clean up the disk on etl-1? it's full":
  // how to do a catalog action to one named resource, with the trouble told after it, is that action asked for ("how do
  // I resize an instance?" with no name, and "how do i restart nginx on web-1?" with no trouble, stay questions).
  [
    new RegExp(
      String.raw`^how\s+(?:do|can|should|would|could)\s+(?:i|we)\s+((?:restart|reboot|bounce|stop|start|clean|clear|free\s+up|` +
        String.raw`unthrottle|scale|resize|snapshot|terminate|delete|tidy\s+up)\b[^?]*?` +
        String.raw`(?:(?<![\w-])[a-z0-9][\w.:]*-[\w.:-]*\d[\w.:-]*|` +
        String.raw`the\s+(?:[\w-]+\s+){1,3}(?:service|box|server|instance|db|database))[^?]*?)\s*\?+(?=\s*\S)`,
    ),
    '$1,',
  ],
  // Round 9. "where's api-staging-2", "what's the private ip of grafana-prod": where one named resource is, or what it
  // is, is a look-up.
  [new RegExp(String.raw`^where'?s\s+(?:the\s+)?${A_NAME}(?:\s+at)?(?=\s*[?!.]*\s*$)`), 'where is $1'],
  [
    new RegExp(
      String.raw`^(?:what(?:'?s|\s+is|\s+are)\s+)?the\s+(?:instance[\s-]?id|id|arn|(?:private\s+|public\s+)?ip(?:\s+address)?|` +
        String.raw`instance\s+type|availability\s+zone|az|vpc|subnet)\s+(?:of|for|on)\s+(?:the\s+)?${A_NAME}(?=\s*[?!.]*\s*$)`,
    ),
    'where is $1',
  ],
  // Round 9. "is web-prod-1 even running rn?": a question about one named resource's state is a look it up (the bot
  // answers it from the inventory before planning); a set ("are the kafka brokers up?") stays a question.
  [
    new RegExp(
      String.raw`^(?:is|isn'?t)\s+(?:the\s+)?${A_NAME}\s+(?:(?:even|still|actually|currently|really)\s+)?(?:running|up|alive|online|live)` +
        String.raw`(?:\s+(?:(?:right\s+)?now|rn|atm|at\s+the\s+moment|or\s+not))?\s*[?!.]*\s*$`,
    ),
    'where is $1',
  ],
  // "x can be stopped", "x can safely be terminated now", "x could get rebooted".
  [
    new RegExp(
      String.raw`\b${DECIDED_NAME}\s+(?:can|could|may|should|is\s+(?:ok|okay|fine|safe)\s+to)\s+` +
        String.raw`(?:now\s+|safely\s+|just\s+|probably\s+|definitely\s+)?` +
        String.raw`(?:be|get)\s+(stopped|shut\s+down|turned\s+off|terminated|rebooted|restarted|bounced|started|snapshotted)\b`,
      'g',
    ),
    (_m, name, done) => `${DECIDED[done.replace(/\s+/g, ' ')]} ${name}`,
  ],
  // "x is safe to terminate", "x is fine to stop".
  [
    new RegExp(
      String.raw`\b${DECIDED_NAME}\s+(?:is|'s)\s+(?:now\s+)?(?:ok|okay|fine|safe|good)\s+to\s+` +
        String.raw`(stop|terminate|reboot|restart|shut\s+down|turn\s+off)\b`,
      'g',
    ),
    '$2 $1',
  ],
  // "stop x, take a snapshot first", "stop it but grab a backup before": the stop's own snapshot option.
  [
    new RegExp(
      String.raw`(\b(?:stop|shut\s+down|turn\s+off)\b[^.?!]*?)[\s,;.-]*(?:and\s+|but\s+|then\s+)?(?:please\s+|pls\s+|just\s+)?` +
        String.raw`(?:take|make|grab|do|get)\s+(?:a\s+|an\s+)?(?:manual\s+|final\s+)?(?:snapshot|snap|backup)(?:\s+of\s+it)?\s+` +
        String.raw`(?:first|beforehand|before(?:\s+(?:that|you\s+do|you\s+stop\s+it|stopping(?:\s+it)?))?)\b`,
      'g',
    ),
    '$1 with a snapshot first',
  ],
  // "kill it (stop not delete)", "nuke web-9, i mean stop, not terminate": the action said after, against the one it is
  // not, is the one asked; the vague verb before it goes.
  [
    new RegExp(
      String.raw`\b(?:kill|nuke|take\s+down|get\s+rid\s+of|kill\s+off|shut)\s+(it|them|that|[a-z0-9][\w.:-]*)(.*?)\s*[,(-]\s*` +
        String.raw`(?:i\s+mean\s+|as\s+in\s+|=\s*|just\s+)?(stop|reboot|restart|terminate|delete)\s*,?\s*` +
        String.raw`(?:(?:it\s+)?(?:but\s+)?(?:not|dont|don't)\s+)` +
        String.raw`(?:delete|terminate|stop|reboot|kill|destroy)(?:\s+it)?\s*\)?`,
      'g',
    ),
    '$3 $1$2',
  ],
  // "…, nuke it (snapshot first obv)", "stop it, snapshot first pls": the stop's or the delete's own snapshot option,
  // said as two words after it.
  [
    new RegExp(
      String.raw`(?<=\b(stop|shut\s+down|turn\s+off|delete|remove|nuke|drop|destroy|get\s+rid\s+of)\b.*?)` +
        String.raw`(?:\s*[,;(]\s*|\s+-\s+)(?:but\s+|and\s+)?(?:snapshot|snap|backup|back\s+it\s+up)\s+(?:it\s+)?(?:first|beforehand)` +
        String.raw`(?:\s+(?:obv|obvs|obviously|ofc|of\s+course|pls|please|plz|thx|thanks))*\s*\)?`,
      'g',
    ),
    // A stop takes its snapshot "first"; a delete snapshots the volume before it as the catalog says ("after a snapshot").
    (_m, verb) => (/^(?:stop|shut|turn)/.test(verb) ? ' with a snapshot first' : ' after a snapshot'),
  ],
  // "delete it and skip the backup", "no need for a snapshot", "don't bother snapshotting it": the snapshot is left out,
  // said as the catalog says it (a "skip" is no second request).
  [
    new RegExp(
      // Only after the action it is an option of: "don't snapshot web-1" alone asks for nothing.
      String.raw`(?<=\b(?:delete|remove|stop|terminate|nuke|kill|drop|destroy|shut\s+down|turn\s+off)\b.*)` +
        String.raw`(?:\band\s+|\bbut\s+)?(?:\b(?:skip|skipping|forget|forget\s+about)\s+(?:the\s+|a\s+|any\s+)?|` +
        String.raw`\b(?:there'?s\s+)?no\s+(?:need|point)\s+(?:for|in|to)\s+(?:(?:take|make|do|grab|keep)\s+)?` +
        String.raw`(?:a\s+|an\s+|any\s+|the\s+)?|` +
        String.raw`\b(?:don'?t|do\s+not|dont)\s+(?:bother\s+(?:with\s+)?|need\s+|take\s+)?(?:a\s+|an\s+|any\s+|the\s+)?)` +
        String.raw`(?:snap-?shot(?:ting|s)?|backups?|backing\s+(?:it\s+)?up)(?:\s+(?:of\s+)?(?:it|this|that))?` +
        String.raw`(?:\s+(?:first|beforehand))?\b`,
      'g',
    ),
    ' without a snapshot',
  ],
  // "restart every checkout task", "bounce all the tasks of the search-api service": every task of one ECS service is
  // replaced by its restart (a new deployment), not a reboot of instances named like it.
  [
    new RegExp(
      String.raw`\b(?:restart|bounce|recycle|reboot|cycle|kill|replace)\s+(?:all|every|each)\s+(?:(?:of\s+)?the\s+)?` +
        String.raw`(?:(?:ecs\s+)?(?:tasks?|containers?)\s+(?:of|in|for|from)\s+(?:the\s+)?${NAME}(?:\s+(?:ecs\s+)?service)?|` +
        String.raw`${NAME}\s+(?:ecs\s+)?(?:tasks?|containers?))\b`,
      'g',
    ),
    (_m, a, b) => `restart the ${a ?? b} ecs service`,
  ],
  // "recycle the search-api containers", "bounce the checkout tasks": the tasks of one ECS service, replaced by its restart.
  [
    new RegExp(
      String.raw`\b(?:restart|bounce|recycle|cycle|kill|replace|respawn)\s+(?:the\s+)?${NAME}\s+(?:ecs\s+)?(?:tasks|containers)\b`,
      'g',
    ),
    'restart the $1 ecs service',
  ],
  // "checkout is throwing 502s, restart the service": an ECS service; "force a new deployment of it": its restart.
  [/\bforce\s+(?:a\s+)?(?:new\s+)?(?:deploy(?:ment)?|redeploy(?:ment)?|roll-?out)\b/g, 'restart ecs service'],
  // "sorry if this is the wrong channel, but …", "apologies for the noise -": the apology is no part of the request.
  [/^\W*(?:sorry|apologies|apologize|apologise)\b(?:\s+(?:if|for|to|in\s+advance)\b[^,.;!?-]{0,60})?[,.;!?-]+\s*(?:but\s+)?/, ''],
  // "escalating ticket 4412:", "per the support ticket,", "re case #881 -": where the request came from, not a ticket to make.
  [
    new RegExp(
      String.raw`\b(?:(?:escalating|re:?|per|from|regarding|following\s+up\s+on|see)\s+(?:the\s+|our\s+|a\s+|this\s+|customer\s+)?` +
        String.raw`(?:support\s+|customer\s+|zendesk\s+|jira\s+|incident\s+)?(?:ticket|case)(?:\s*#?\s*[\w-]*\d[\w-]*)?|` +
        String.raw`(?:support\s+|zendesk\s+|customer\s+)?(?:ticket|case)\s*#?\s*\d+)\s*[:,.;-]*`,
      'g',
    ),
    ' ',
  ],
  // "is that something you can fix?", "is this something you could look at": asked of the bot, a request.
  [
    new RegExp(
      String.raw`\bis\s+(?:that|this|it)\s+something\s+(?:you|the\s+bot|u)\s+(?:can|could|would\s+be\s+able\s+to)\s+` +
        String.raw`(fix|do|handle|sort(?:\s+out)?|clean\s+up)\b`,
      'g',
    ),
    'can you $1 it',
  ],
  // "web-2 says the disk is full", "etl-1 reports its root volume is full": what the host says is the complaint.
  [
    new RegExp(
      String.raw`\b(?:says|said|reports|reported|shows|showed|complains|complained|claims)\s+(?:that\s+)?` +
        String.raw`(?=(?:the|its|their|a|his|her)\s+(?:disk|drive|volume|root|data|filesystem|partition)\b)`,
      'g',
    ),
    '',
  ],
  // "it came up in the savings review", "this was flagged in the last audit": where the request came from.
  [
    new RegExp(
      String.raw`[,.;?!]*\s*(?:it|this|that|they)\s+(?:came\s+up|was\s+flagged|got\s+flagged|were\s+flagged|showed\s+up|turned\s+up)` +
        String.raw`\s+(?:in|during|at)\s+(?:the|our|a|last\s+week'?s)\s+(?:[\w-]+\s+){0,3}?(?:review|report|audit|meeting|scan|retro)\b`,
      'g',
    ),
    '',
  ],
  // "the windows box the data team owns", "the db that the payments folks use": the owner said before what it owns.
  [
    new RegExp(
      String.raw`\bthe\s+((?:[\w-]+\s+){0,2}?(?:box|server|machine|instance|vm|host|db|database|lambda|function|volume|disk|bucket))\s+` +
        String.raw`(?:that\s+|which\s+)?(?:the\s+)?([a-z][\w-]*)\s+(?:team|squad|folks|people|guys)\s+` +
        String.raw`(?:owns?|uses?|runs?|looks?\s+after)\b`,
      'g',
    ),
    'the $2 team $1',
  ],
  // "the windows server of the data team", "the box of team ml": the owner after "of".
  [
    new RegExp(
      String.raw`\bthe\s+((?:[\w-]+\s+){0,2}?(?:box|server|machine|instance|vm|host|db|database|lambda|function|volume|disk|bucket))\s+` +
        String.raw`(?:of|from|for)\s+(?:the\s+)?(?:(?:team|squad)\s+([a-z][\w-]*)|([a-z][\w-]*)\s+(?:team|squad|folks))\b`,
      'g',
    ),
    (_m: string, what: string, a?: string, b?: string) => `the ${a ?? b} team ${what}`,
  ],
  // "the prod postgres that has the read replica", "the db with a replica": the primary, which the resolver reads.
  [
    /\b(?:that|which)\s+(?:has|have|had)\s+(?:a|the|its|some)?\s*(?:read\s+)?replicas?\b|\bwith\s+(?:a|the|its)\s+(?:read\s+)?replicas?\b/g,
    'primary',
  ],
  // "add owner=ml to X, it shows up as unowned on my report": where the need was seen is why, not a search.
  [
    new RegExp(
      String.raw`[,;.-]+\s*(?:(?:it|that|this|they|which)\s+)?(?:shows|show|showed|is\s+showing|are\s+showing|comes|came|pops|popped)` +
        String.raw`\s+up\s+(?:as|in|on)\b[^,;.!?]*`,
      'g',
    ),
    '',
  ],
  // "put owner=data on etl-1 so the audit stops complaining": why, not a second request.
  [/\bso\s+(?:that\s+)?(?:[\w-]+\s+){1,3}?(?:stops?|quits?|can\s+stop)\s+\w+ing\b/g, ''],
  // "we won't need it over the holidays", "stop it for the break", "stop X for the night": how long it is not needed,
  // not a name.
  [
    new RegExp(
      String.raw`\b(?:over|during|for|through|until\s+after)\s+(?:the\s+)?(?:break|holidays?|christmas|xmas|new\s+year|` +
        String.raw`vacation|summer|long\s+weekend|night|nite|evening|rest\s+of\s+the\s+(?:day|week|night|evening))\b`,
      'g',
    ),
    '',
  ],
  // "ahead of the launch", "in advance of the sale": when, as "before" says it.
  [/\b(?:ahead|in\s+advance)\s+of\b/g, 'before'],
  // "roll the kafka brokers", "do a rolling bounce of the web fleet": a reboot of the set, one at a time.
  [
    new RegExp(
      String.raw`\b(?:do\s+a\s+)?(?:rolling\s+(?:restart|reboot|bounce)\s+(?:of\s+|through\s+|across\s+)?` +
        String.raw`(?=(?:the|all|every|each|our)\b)|` +
        String.raw`roll\s+(?:through\s+|across\s+)?(?=(?:the|all|every|each|our)\s+(?:[\w-]+\s+){0,3}?(?:brokers|nodes|servers|` +
        String.raw`instances|boxes|hosts|workers|machines|vms|fleet|replicas|dbs|databases)\b))`,
      'g',
    ),
    'reboot one by one ',
  ],
  // "one broker at a time", "two nodes at once": the pace, whatever the set is called.
  [/(?<![\w.-])(one|two|three|four|five|\d{1,2})\s+(?!at\b)[a-z]+\s+(at\s+a\s+time|at\s+once)\b/g, '$1 $2'],
  // "stop everything tagged owner=ml", "snapshot anything with the tag team=data": a set named by its tag.
  [
    new RegExp(
      String.raw`\b(?:everything|anything|all\s+(?:the\s+)?(?:stuff|things|resources))\s+(?:that(?:'s|\s+is|\s+are)\s+)?` +
        String.raw`(tagged|with\s+(?:the\s+)?tags?)\b`,
      'g',
    ),
    'all instances $1',
  ],
  // "finance is asking what we spent", "my lead wants to know how much staging costs": the question reported is
  // the question; "got numbers?", "can you pull that together for me?" after it ask for its answer.
  [
    new RegExp(
      String.raw`^.{0,80}?\b(?:is|are|keeps?|kept|was|were|been)\s+(?:asking|pinging\s+me|bugging\s+me|on\s+me|nagging\s+me)\s+` +
        String.raw`(?:(?:me\s+)?about\s+|for\s+)?(?=(?:what|how|which|why)\b)|^.{0,80}?\b(?:wants?|wanted|would\s+like|needs?)\s+to\s+` +
        String.raw`know\s+(?=(?:what|how|which|why)\b)`,
    ),
    '',
  ],
  [
    new RegExp(
      String.raw`[,;.?!]*\s*(?:got\s+(?:any\s+)?(?:numbers|figures|data)|(?:can|could|would)\s+you\s+(?:pull|put|get)\s+` +
        String.raw`(?:that|it|those)\s+together(?:\s+for\s+(?:me|us))?)\s*[?.!]*\s*$`,
    ),
    '',
  ],
  // "it needs to come back up", "has to be back up by noon": up again, not a backup.
  [/\b(come|comes|coming|came|be|been|is|are|get|gets)\s+back\s+up\b/g, '$1 back online'],
  // "need etl-1 started back up", "want it booted back up before standup": started again, not a backup.
  [/\b(started|starting|booted|spun|fired|brought|bringing|powered)\s+back\s+up\b/g, '$1 back online'],
  // "checkout is throwing 502s", "returning 503 errors": an HTTP error, said once as such (no name of its own).
  [
    new RegExp(
      String.raw`\b(?:throwing|returning|serving|giving|spitting\s+out|spewing|getting)\s+(?:(?:lots\s+of|a\s+lot\s+of|tons\s+of)\s+)?` +
        String.raw`(?:http\s+)?(?:5\d\d|5xx|4\d\d)s?(?:\s+errors?)?\b`,
      'g',
    ),
    'down',
  ],
  // "reboot web-prod-2, web-prod-1 is fine", "web-prod-1 is fine; reboot web-prod-2", "leave web-prod-1 alone": the
  // other one is left out, said as the correction the planner trusts ("not web-prod-1, reboot web-prod-2").
  [
    new RegExp(
      String.raw`(^|[,;.]\s*)(?:but\s+|and\s+)?${A_NAME}\s+(?:is|'s|seems|looks|was)\s+(?:totally\s+|perfectly\s+|still\s+)?` +
        String.raw`(?:fine|ok|okay|healthy|good|alright|all\s+right|unaffected|not\s+affected)\b`,
      'g',
    ),
    (_m, _before, name, at) => (Number(at) === 0 ? `not ${name}` : ` but not ${name}`),
  ],
  [
    new RegExp(String.raw`(^|[,;.]?\s+)(?:but\s+|and\s+)?leave\s+${A_NAME}\s+(?:alone|be|out\s+of\s+it)\b`, 'g'),
    (_m, _before, name, at) => (Number(at) === 0 ? `not ${name},` : ` but not ${name}`),
  ],
];

/**
 * Counts said with their units or as a target ("set web-asg desired to 6", "scale checkout to 6 tasks", "i need 3
 * instances in the batch asg", "make the prod-batch nodegroup 5", "cap the export function at 20 concurrent
 * executions"): a request to scale the named thing to that count, said the way the catalog says it.
 */
/** Kubernetes words: where they are said, a deployment's replicas are no ECS service's tasks. */
const KUBERNETES = String.raw`(?:deployments?|k8s|kubernetes|statefulsets?|daemonsets?|pods?|helm)`;
const COUNTS: [RegExp, string][] = [
  // Round 9, counts said in API and Kubernetes words. "set the desired capacity of web-asg to 4 for the sale",
  // "desired capacity of X -> 4" (the arrow is read as "set … to 4" first): the group's count.
  [
    new RegExp(
      String.raw`\b(?:set|change|update|bump|raise|lower|put|make|move|chuck|crank|whack|take|bring|drop)\s+` +
        String.raw`(?:the\s+)?(?:desired|desried)` +
        String.raw`(?:\s+(?:count|capacity|size))?\s+(?:of|for|on)\s+(?:the\s+)?${NAME}(?:\s+(?:asg|auto\s*scaling\s+group|group))?` +
        String.raw`\s+(?:(?:up|down|back)\s+)?(?:to|at|=)\s*(\d{1,5})\b`,
      'g',
    ),
    'scale $1 to $2',
  ],
  // "set the web staging asg desired capacity to 2" (a name said in words, then its kind): the group's count.
  [
    new RegExp(
      String.raw`\b(?:set|change|update|put|make|move)\s+(?:the\s+)?((?:[a-z0-9][\w-]*\s+){1,3}?)` +
        String.raw`(asg|auto\s*scaling\s+group|nodegroup|node\s+group)` +
        String.raw`(?:'s)?\s+(?:desired|desried)(?:\s+(?:count|capacity|size))?\s+(?:to|at|=)\s*(\d{1,5})\b`,
      'g',
    ),
    'scale the $1$2 to $3',
  ],
  // "scale the deployment search-api to 5 replicas (the ECS service)": a deployment's replicas are an ECS service's
  // tasks only where ECS is said; a Kubernetes deployment ("scale the checkout deployment to 5 replicas") is no
  // playbook's and stays out of scope.
  [
    new RegExp(
      String.raw`\b(?:scale|set|resize|bump|take|bring)\s+(?:the\s+)?(?:k8s\s+|kubernetes\s+)?deployment\s+${NAME}\s+` +
        String.raw`(?:up\s+|down\s+)?to\s+(\d{1,5})\s+(?:replicas?|tasks?)\b(?=.*\b(?:ecs|fargate)\b)`,
      'g',
    ),
    'scale $1 to $2 tasks',
  ],
  [
    new RegExp(
      String.raw`\b(?:scale|set|resize|bump|take|bring)\s+(?:the\s+)?${NAME}\s+(?:k8s\s+|kubernetes\s+)?deployment\s+` +
        String.raw`(?:up\s+|down\s+)?to\s+(\d{1,5})\s+(?:replicas?|tasks?)\b(?=.*\b(?:ecs|fargate)\b)`,
      'g',
    ),
    'scale $1 to $2 tasks',
  ],
  // "scale search-api to 5 replicas": an ECS service's tasks, unless Kubernetes is what is spoken of.
  [new RegExp(String.raw`(?<!\b${KUBERNETES}\b.*)\bto\s+(\d{1,5})\s+replicas\b(?!.*\b${KUBERNETES}\b)`, 'g'), 'to $1 tasks'],
  // "add a node to the prod-web node group, make it 4": the count said after the change is the one asked for.
  [
    new RegExp(
      String.raw`\b(?:add|remove|drop|take|put)\s+(?:a|one|two|three|four|five|another|an\s+extra|a\s+couple\s+of|\d{1,3})\s+` +
        String.raw`(?:more\s+|extra\s+)?nodes?\s+` +
        String.raw`(?:to|from|on|in|into|off)\s+(?:the\s+)?${NAME}\s+(nodegroup|node\s+group|asg)\s*[,;.-]*\s*` +
        String.raw`(?:so\s+|and\s+|i\.?e\.?\s+)?` +
        String.raw`(?:make\s+it|making\s+it|to|so\s+it'?s|so\s+it\s+has|for\s+a\s+total\s+of)\s+(\d{1,5})\b`,
      'g',
    ),
    'scale $1 $2 to $3',
  ],
  // "big sale tonight, run 10 tasks on search-api", "run 3 instances in web-asg": the count asked of a named group or
  // service (a place is no name: "run 3 instances in staging" stays as said).
  [
    new RegExp(
      String.raw`\brun\s+(\d{1,5})\s+(${UNIT})\s+(?:on|in|for)\s+(?:the\s+)?` +
        String.raw`(?!(?:${[...ENVIRONMENTS].join('|')}|[a-z]{2}-[a-z]+-\d)(?![\w-]))${NAME}`,
      'g',
    ),
    'scale $3 to $1 $2',
  ],
  // "make batch-workers-asg run 2 instances", "have checkout run 6 tasks".
  [
    new RegExp(
      String.raw`\b(?:make|have|let|get)\s+(?:the\s+)?${NAME}\s+(?:(asg|service|nodegroup|node\s+group)\s+)?` +
        String.raw`(?:run|have)\s+(\d{1,5})\s+(${UNIT})\b`,
      'g',
    ),
    'scale $1 $2 to $3 $4',
  ],
  // "cap nightly-export at 20 concurrent executions", "limit the resizer to 5 concurrent invocations".
  [
    new RegExp(
      String.raw`\b(?:cap|limit|restrict|hold|set|keep)\s+(?:the\s+)?${NAME}(?:\s+(?:lambda|function))?\s+(?:at|to)\s+(\d{1,5})` +
        String.raw`\s+(?:concurrent\s+)?(?:executions|invocations|concurrency|concurrent\s+runs)\b`,
      'g',
    ),
    'set reserved concurrency of $1 to $2',
  ],
  // "set web-asg desired to 6", "set the web asg's desired capacity at 4".
  [
    new RegExp(
      String.raw`\b${TO_A_COUNT}\s+(?:the\s+)?${NAME}(?:'s)?\s+(?:desired|desried|desird|desire)(?:\s+(?:count|capacity|size))?` +
        String.raw`\s+(?:to\s+|at\s+|=\s*)?(\d{1,5})\b`,
      'g',
    ),
    'scale $1 to $2',
  ],
  // "batch-asg can go to 0 overnight", "web-asg could drop down to 2 after the sale": a count decided, not ordered.
  [
    new RegExp(
      String.raw`\b([a-z0-9][\w.:]*-[\w.:-]*)\s+(?:can|could|should|may)\s+(?:now\s+|safely\s+|just\s+)?` +
        String.raw`(?:go|drop|come|be\s+scaled|be\s+set|scale)\s+(?:down\s+|up\s+|back\s+)?to\s+(\d{1,5})\b(?!\s*(?:gb|gib|tb|%|percent))`,
      'g',
    ),
    'scale $1 to $2',
  ],
  // "set web-asg to 6", "bump api-workers capacity to 8": a bare count for a typed name, the clause ending there.
  [
    new RegExp(
      String.raw`\b(?:set|bump|bring|take|change|update|put)\s+(?:the\s+)?([a-z0-9][\w.:]*-[\w.:-]*)(?:'s)?` +
        String.raw`(?:\s+(?:capacity|count|size|instance\s+count))?\s+(?:up\s+|down\s+)?(?:to|at)\s+(\d{1,5})` +
        String.raw`(?=\s*(?:$|[,.;!?]|(?:please|pls|plz|now|asap|today|tonight|for|until|till|thanks|thx)\b))`,
      'g',
    ),
    'scale $1 to $2',
  ],
  // "make the prod-batch nodegroup 5", "bring the checkout service to 3".
  [
    new RegExp(
      String.raw`\b${TO_A_COUNT}\s+(?:the\s+)?${NAME}\s+(nodegroup|node\s+group|asg|auto\s*scaling\s+group|ecs\s+service|service)` +
        String.raw`\s+(?:to\s+|at\s+)?(\d{1,5})\b(?!\s*(?:gb|gib|tb|%|percent))`,
      'g',
    ),
    'scale $1 $2 to $3',
  ],
  // "take checkout to 6 tasks", "get checkout-staging down to 0 tasks", "checkout-staging down to 0 tasks pls".
  [
    new RegExp(
      String.raw`(?:\b(?:${TO_A_COUNT}|scale|resize)\s+)?(?:the\s+)?\b${NAME}\s+(?:(service|asg|nodegroup)\s+)?` +
        String.raw`(?:down\s+|up\s+|back\s+)?(?:to|at)\s+(\d{1,5})\s+(${UNIT})\b`,
      'g',
    ),
    'scale $1 $2 to $3 $4',
  ],
  // "i need 3 instances in batch-workers-asg", "we want 4 tasks on checkout".
  [
    new RegExp(String.raw`\b(?:need|want|give\s+me|get\s+me|like)\s+(\d{1,5})\s+(${UNIT})\s+(?:in|on|for)\s+(?:the\s+)?${NAME}`, 'g'),
    'scale $3 to $1 $2',
  ],
  // "can the search-api service run 6 tasks", "have checkout run 8 tasks".
  [
    new RegExp(String.raw`\b${NAME}\s+(?:(service)\s+)?(?:run|runs|running)\s+(\d{1,5})\s+(tasks?)\b`, 'g'),
    'scale ecs service $1 to $3 $4',
  ],
  // "prod-batch nodegroup needs more nodes, make it 5": the count the need is settled with.
  [
    new RegExp(
      String.raw`\b${NAME}\s+(nodegroup|node\s+group|asg|service)\s+(?:needs?|wants?|could\s+use)\s+(?:more|fewer|less)\s+` +
        String.raw`${UNIT}\s*[,;.-]*\s*` +
        String.raw`(?:so\s+|just\s+|please\s+|pls\s+)?(?:make|set|take|bring|scale)\s+it\s+(?:to\s+)?(\d{1,5})\b`,
      'g',
    ),
    'scale $1 $2 to $3',
  ],
  // "the prod-batch node group needs more room for the batch jobs, 6 nodes please", "X nodegroup needs 6 nodes": the
  // count said as its own clause, or as what is needed, after the need.
  [
    new RegExp(
      String.raw`\b${NAME}\s+(nodegroup|node\s+group|asg|service)\s+(?:needs?|wants?|could\s+use|should\s+have)\s+` +
        String.raw`(?:[^\d,;.!?\n]{0,60}?[,;.-]+\s*(?:so\s+|just\s+|maybe\s+|say\s+)?(?:make\s+it\s+|to\s+|like\s+)?)?` +
        String.raw`(\d{1,5})\s+${UNIT}\b(?!\s*(?:of|more|extra|fewer|less)\b)`,
      'g',
    ),
    'scale $1 $2 to $3',
  ],
  // "prod-web nodegroup to 5 please, traffic spike", "web-asg to 6 pls": the count said with no verb, opening the clause.
  [
    new RegExp(
      String.raw`(?:^|(?<=[,;.!?]\s*))(?:the\s+)?${NAME}\s+(nodegroup|node\s+group|asg|service)\s+(?:to|at)\s+(\d{1,5})\b` +
        String.raw`(?!\s*(?:gb|gib|tb|%|percent|am|pm|:|[a-z]+\.))`,
      'g',
    ),
    'scale $1 $2 to $3',
  ],
  [
    new RegExp(String.raw`(?:^|(?<=[,;.!?]\s*))(?:the\s+)?([a-z0-9][\w.-]*-asg)\s+(?:to|at)\s+(\d{1,5})\b(?!\s*(?:gb|%|am|pm|:))`, 'g'),
    'scale $1 to $2',
  ],
];

/** Rewrite what the request says into the words the catalog knows. Idempotent on ordinary requests. */
/**
 * Pasted alert text around a request ("[FIRING:1] HostOutOfDiskSpace instance=etl-1 mountpoint=/ -- clean it up",
 * "Opsgenie [P2] ... restart it"): the alert's markers are no names, its CamelCase name says in words what is
 * wrong, and its `instance=` / `host=` label is the resource. On the text as typed (CamelCase needs the case);
 * only where the text carries an alert's marks.
 */
const ALERT_MARK = new RegExp(
  String.raw`\[(?:firing|resolved|alert|alarm|triggered|p[0-5]|sev[0-5]?|critical|warning)(?::\s*\d+)?\]|` +
    String.raw`\b(?:pagerduty|opsgenie|alertmanager)\b|\bcloudwatch\s+alarm\b|^\s*alarm:`,
  'i',
);
/**
 * An error message pasted before the request ("ERROR 2013 (HY000): Lost connection … from every api pod. orders-db
 * needs a reboot"): the error's words (its pods, its workers, "every") are what is wrong, not what to act on.
 * Dropped up to the end of its sentence or line, when a request follows.
 */
const ERROR_LINE =
  /^\s*(?:[\w.-]+:\s*)?(?:error|fatal|err|exception|panic|traceback|critical)\b(?:\s+\d+)?[^\n]*?(?:[.!]\s+|\n+)(?=\S[^\n]{8,})/i;
function unalert(pasted: string): string {
  // "ERROR: connection refused on web-1. reboot it": the error names what "it" is, so it stays.
  const error = ERROR_LINE.exec(pasted)?.[0];
  const rest = error ? pasted.slice(error.length) : pasted;
  const refersBack = /\b(?:it|that|this|them|the\s+(?:box|host|server|instance|db|database))\b/i.test(rest);
  const text = error && !(refersBack && /[a-z0-9]-[\w-]/i.test(error)) ? rest : pasted;
  if (!ALERT_MARK.test(text)) return text;
  return (
    text
      .replace(/\[[^\]\n]{1,24}\]/g, ' ')
      .replace(/\b(?:pagerduty|opsgenie|alertmanager|victorops)\b:?|\b(?:cloudwatch\s+)?alarm\s*:/gi, ' ')
      // "NodeFilesystemAlmostOutOfSpace" -> "node filesystem almost out of space".
      .replace(/\b[A-Z][a-z]+(?:[A-Z][a-z0-9]*){2,}\b/g, (w) => w.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase())
      // The resource an alert is about; its other labels (mountpoint=/, avail=3%, severity=page) are no request.
      .replace(/\b(?:instance|host|hostname|node|nodename|server|target)=([\w.-]+?)(?::\d+)?(?=[\s,;)]|$)/gi, ' on $1 ')
      .replace(/\b[a-z_]{2,20}=\S+/gi, ' ')
      .replace(/\s--+\s/g, ', ')
  );
}

/**
 * Needs and states said instead of orders: "orders-api needs more tasks. take it to 6", "web-asg is sitting at
 * 0, give it 4 instances". A count given after the state is the capacity asked for.
 */
const NEEDS: [RegExp, string][] = [
  [/\b(?:is\s+)?(?:sitting|stuck|sat|parked|idling)\s+at\s+(\d{1,5})\b/g, 'is at $1'],
  // "web-asg needs 6 instances", "orders-api should have 4 tasks", "web-asg needs to be at 6": the count asked for.
  [
    new RegExp(
      String.raw`(?<![\w-])([a-z0-9][\w.-]*-[\w.-]*|[a-z0-9][\w.-]*\s+(?:nodegroup|node\s+group|asg|service))\s+` +
        String.raw`(?:needs|should\s+have|should\s+run|wants|needs\s+to\s+run|needs\s+to\s+have)\s+(\d{1,5})\s+` +
        String.raw`(instances|tasks|nodes|replicas|containers|hosts)\b`,
      'g',
    ),
    'scale $1 to $2 $3',
  ],
  [/(?<![\w-])([a-z0-9][\w.-]*-[\w.-]*)\s+(?:should\s+be|needs\s+to\s+be|has\s+to\s+be)\s+at\s+(\d{1,5})\b/g, 'scale $1 to $2'],
  // Round 10. "we need web-asg running 8 instances for the sale", "i need prod-web at 5 nodes": the count asked for.
  [
    new RegExp(
      String.raw`\b(?:i|we)\s+(?:really\s+)?(?:need|want)\s+(?:the\s+)?([a-z0-9][\w.-]*-[\w.-]*)\s+(?:running|at|on|with|to\s+have)\s+` +
        String.raw`(\d{1,5})\s+(instances|tasks|nodes|replicas|containers|hosts)\b`,
      'g',
    ),
    'scale $1 to $2 $3',
  ],
  [
    /\b(?:give|get|put)\s+(it|them|that|this)\s+(\d{1,5})\s+(instances?|tasks?|nodes?|replicas?|hosts?|boxes|servers?|containers?)\b/g,
    'scale $1 to $2 $3',
  ],
  [
    new RegExp(
      String.raw`(?<![\w-])([a-z0-9][\w.-]*)\s+(?:needs?|wants?)\s+more\s+` +
        String.raw`(tasks|instances|nodes|replicas|capacity|containers)\s*[.,;!-]*\s*` +
        String.raw`(?:go|take\s+it|bump\s+it|bring\s+it|set\s+it|make\s+it)\s+(?:up\s+)?to\s+(\d{1,5})\b`,
      'g',
    ),
    'scale $1 to $3 $2',
  ],
];

/**
 * A cluster's state before the upgrade asked for: "prod-eks is on 1.29 and out of standard support, upgrade it".
 * The version it is on and the support it left are why; only where an upgrade is asked for.
 */
const UPGRADE_STATE: [RegExp, string][] = [
  [/\b(?:is\s+)?(?:still\s+)?(?:on|at|running)\s+(?:v|version\s+|k8s\s+|kubernetes\s+|eks\s+)?1\.\d{1,2}\b/g, ' '],
  [
    /\b(?:and\s+)?(?:is\s+)?(?:now\s+)?(?:out\s+of|past|off|leaving|falling\s+out\s+of)\s+(?:standard\s+|extended\s+|aws\s+)?support\b/g,
    ' ',
  ],
];

/**
 * The story told about a thing: "… because someone shut the server off, turn it back on" (the request is a
 * start, the story's stop is what happened); "delete snap-…, nobody knows what it is" (the clause is why).
 */
const STORY: [RegExp, string][] = [
  [
    new RegExp(
      String.raw`\b(?:because|cause|cuz|coz|since|as)\s+(?:someone|somebody|some\s+one|they|he|she|we|i|ops|` +
        String.raw`a\s+script|the\s+\w+\s+team)\s+[^,;.!?]*[,;.!?]+`,
      'g',
    ),
    ', ',
  ],
  // "etl-1 was shut down by mistake, turn it back on": what was done to it is its state, not the request.
  [
    new RegExp(
      String.raw`\b(?:was|were|got|has\s+been|had\s+been|have\s+been)\s+(?:accidentally\s+|mistakenly\s+)?` +
        String.raw`(?:shut\s+down|shut\s+off|stopped|turned\s+off|powered\s+off|powered\s+down|switched\s+off)\b` +
        String.raw`(?=[^,;.!?]*[,;.!?]\s*\S)`,
      'g',
    ),
    'was down',
  ],
  [
    /[,;.-]\s*(?:nobody|no\s*one|noone|no\s+idea|not\s+sure|dunno|idk)\s+(?:knows|remembers|recalls)?\s*(?:what|who|why|where)\b[^,;.!?]*/g,
    '',
  ],
];

/**
 * A formal request (round 7): "I would like every payments server in production snapshotted" is a snapshot of them;
 * "every resource that does not carry our mandatory tags" is the resources missing tags.
 */
const PARTICIPLES: Record<string, string> = {
  snapshotted: 'snapshot',
  'backed up': 'snapshot',
  rebooted: 'reboot',
  restarted: 'restart',
  stopped: 'stop',
  started: 'start',
};
const FORMAL: [RegExp, string | ((...m: string[]) => string)][] = [
  [
    new RegExp(
      String.raw`(?<!\b(?:do|does|did|if|whether|not|never)\s+)\b(?:i\s+would\s+like|i'?d\s+like|we\s+would\s+like|` +
        String.raw`we'?d\s+like|i\s+want|we\s+want|i\s+need|we\s+need)\s+((?:every|all|each|the)\s+[^,;.!?]{1,80}?)\s+` +
        String.raw`(snapshotted|backed\s+up|rebooted|restarted|stopped|started)\b`,
      'g',
    ),
    (_m: string, what: string, done: string) => `${PARTICIPLES[done.replace(/\s+/g, ' ')]} ${what}`,
  ],
  [
    new RegExp(
      String.raw`\b(?:does|do|did)\s+not\s+(?:carry|have|bear|include|contain)\s+(?:our|the|all\s+(?:of\s+)?(?:our|the))\s+` +
        String.raw`(?:mandatory|required|standard)\s+(tags|labels)\b`,
      'g',
    ),
    'missing $1',
  ],
];

const NUMBER_WORDS: readonly string[] = CARDINALS.slice(0, 12);
/** An EC2 instance type ("t3.micro", "m6i.4xlarge"); an RDS class ("db.r6g.large") is none. */
const ITYPE = String.raw`[a-z]\d[a-z0-9]*\.(?:nano|micro|small|medium|large|\d*xlarge|metal)`;
/** What a machine is called when it is not named: "it", "the box", "the grafana server". */
const MACHINE = String.raw`(?:it|that|this|them|the\s+(?:[\w-]+\s+){0,3}?(?:box|machine|server|instance|host|vm|db|database|node))`;
/**
 * The catalog's actions said in other verbs (round 6): "turn it off and on again" is a reboot, not a stop;
 * "re boot", "re-start" split by a voice keyboard; "kick off a manual snapshot"; "make it a t3.micro" (a resize
 * wherever the sentence starts); "spin up 3 instances" (a capacity, not a start); "run 8 of them instead of 4";
 * "bounce the primary on X" (the database, not a service called "primary" on a host).
 */
const VERBS: [RegExp, string | ((...m: string[]) => string)][] = [
  // "customers are saying checkout is crawling", "users report that …": who noticed is no part of the request.
  [
    new RegExp(
      String.raw`(^|[.!?]\s+)(?:(?:our|the|some|a\s+few|many|lots\s+of)\s+)?(?:users|customers|clients|people|folks|support|` +
        String.raw`the\s+team|my\s+(?:boss|manager|lead))\s+(?:say|says|said|are\s+saying|is\s+saying|keep\s+saying|report|reported|` +
        String.raw`are\s+reporting|complain|complained|are\s+complaining|tell\s+me|told\s+me)\s+(?:that\s+)?`,
      'g',
    ),
    '$1',
  ],
  // "idk what that means but can you fix it": not knowing what the complaint means is no part of the request.
  [/[,.;!?]*\s*\b(?:idk|i\s+don'?t\s+know|i\s+dunno|dunno|no\s+(?:clue|idea)|not\s+sure)\s+what\s+(?:that|this|it)\s+(?:means|is)\b/g, ','],
  // "before the reindex kicks off": when an event begins is when; "kick" alone is a reboot.
  [/\b(before|after|until|when|once|while)\s+(the\s+(?:[\w-]+\s+){1,2}?)(?:kicks|kicked)\s+off\b/g, '$1 $2'],
  // "the queue is backing up": work piling up, not a backup (one is asked as "backing up the db").
  [/\b(is|are|keeps|kept|been|started|starting)\s+backing\s+up\b(?!\s+(?:the|it|this|that|[a-z0-9][\w.-]*-))/g, '$1 piling up'],
  // Letters said one by one by a voice keyboard: "the web a s g", "an e c 2 box".
  [/\ba\s+s\s+g(s?)\b/g, 'asg$1'],
  [/\be\s+c\s+2\b/g, 'ec2'],
  [/\br\s+d\s+s\b/g, 'rds'],
  [/\be\s+([bkc])\s+s\b/g, 'e$1s'],
  // "set the web asg to six instances": a count of machines spelled out.
  [
    new RegExp(
      String.raw`\b(to|at)\s+(${NUMBER_WORDS.join('|')})\s+` +
        String.raw`(instances?|tasks?|nodes?|replicas?|containers?|servers?|hosts?|workers?)\b`,
      'g',
    ),
    (_m, to, n, unit) => `${to} ${NUMBER_WORDS.indexOf(n) + 1} ${unit}`,
  ],

  [/\bremediate\s+(?=it\b|this\b|that\b|the\b)/g, 'fix '],
  [/\bremediate\b/g, 'fix it'],
  // "please action", "can someone action this": the ticket English for doing what the message asks.
  [/\b(please|pls|someone|somebody|you)\s+action(?:\s+(?:this|it|that))?\b/g, '$1 fix it'],
  [/\bre[\s-]+(boot|start)(s|ed|ing)?\b/g, 're$1$2'],
  // "turn it off and on again", "switch web-1 off and back on", "power cycle it": off then on is a reboot.
  [
    new RegExp(
      String.raw`\b(?:turn(?:ed|ing)?|switch(?:ed|ing)?|power(?:ed|ing)?)\s+((?:[^\s,.;!?]+\s+){0,4}?)(?:off|down)\s+` +
        String.raw`(?:and|then|&)\s+(?:back\s+)?(?:on|up)(?:\s+again)?\b`,
      'g',
    ),
    'reboot $1',
  ],
  // "give it the old off-and-on treatment", "an off and on again": a reboot said as a noun.
  [
    new RegExp(
      String.raw`\b(?:the\s+|an?\s+)?(?:good\s+)?(?:old\s+|classic\s+)?off[\s-]+and[\s-]+(?:back[\s-]+)?on(?:[\s-]+again)?` +
        String.raw`(?:\s+(?:treatment|trick|routine))?\b`,
      'g',
    ),
    'a reboot',
  ],
  [
    new RegExp(
      String.raw`\b(?:stop|shut\s+down)\s+(it|them|that|[a-z0-9][\w.:]*[-\d][\w.:-]*)\s+and\s+(?:then\s+)?start\s+` +
        String.raw`(?:it|them|that)\s+(?:back\s+up|up\s+again|again)\b`,
      'g',
    ),
    'reboot $1',
  ],
  // "cache-node-10 needs a restart of redis", "please do a restart of nginx on web-1": the service restarted, on the host.
  [
    new RegExp(
      String.raw`(^|[,.;:!?]\s*)((?:[a-z0-9][\w.-]*\s+){0,2}?[a-z0-9][\w.-]*)\s+(?:needs?|wants?|requires?)\s+(?:a\s+)?` +
        String.raw`(?:restart|bounce)\s+of\s+(?:the\s+)?([\w@.-]+)(?:\s+service)?\b`,
      'g',
    ),
    '$1restart $3 on $2',
  ],
  [/\b(?:do|need|needs|want|get)\s+(?:a\s+)?(?:quick\s+)?restart\s+of\s+(?:the\s+)?(?=[\w@.-]+\s+(?:service\s+)?on\b)/g, 'restart '],
  // "kick off a manual snapshot of X", "trigger a fresh backup", "fire off an ad hoc snapshot": the snapshot is taken.
  [
    new RegExp(
      String.raw`\b(?:kick(?:ing)?\s+off|trigger|fire\s+off|launch|run|cut|initiate)\s+(?:a|an|one|the)\s+` +
        String.raw`(?:(?:new|manual|fresh|one-?off|ad[\s-]?hoc|quick|extra|on-?demand|final)\s+)*(snapshot|backup|snap)\b`,
      'g',
    ),
    'take a $1',
  ],
  // "make it a t3.micro", "move the grafana box to an m6i.large": a new instance type for the machine the story names.
  [
    new RegExp(
      String.raw`\b(?:make|move|put|switch|turn|change|bump|upgrade|downgrade|take|bring|drop|shrink|grow|migrate)\s+` +
        String.raw`(${MACHINE})\s+(?:over\s+)?(?:to|into|onto|on|up\s+to|down\s+to)?\s*(?:an?\s+)?` +
        String.raw`(${ITYPE})(?![\w.-])`,
      'g',
    ),
    'resize $1 to $2',
  ],
  // "spin up 3 instances in batch-workers-asg", "fire up 6 nodes": a count of machines is a capacity, not a start.
  [
    new RegExp(
      String.raw`(?:(?<![\w.-])([a-z0-9][\w.]*-[\w.-]*[\w])\s*[:,-]?\s+(?:please\s+|pls\s+|just\s+)?)?` +
        String.raw`\b(?:spin|fire|bring|boot|stand)\s+up\s+` +
        String.raw`(\d{1,5})\s+(?!more\b)(instances?|nodes?|servers?|boxes|hosts?|workers?|machines?|vms?)\b` +
        // The group named after it ("… in batch-workers-asg") leaves an empty capture (an alternation: a quantified empty
        // group never captures).
        String.raw`(?:(?=\s+(?:in|on|into|to)\s+(?:the\s+)?[a-z0-9][\w.:]*[-\d][\w.:-]*)()|)`,
      'g',
    ),
    (_m, name, n, said, target) => {
      // "servers", "boxes", "machines" are instances to the catalog; "nodes" and "workers" stay as said.
      const unit = /^(?:servers?|boxes|machines?|vms?|hosts?)$/.test(said) ? 'instances' : said;
      // With no group named before or after ("spin up 2 servers for the demo"), it is new machines: a launch, refused.
      if (!name && target === undefined) return `launch ${n} new ${unit}`;
      return name ? `scale ${name} to ${n} ${unit}` : `scale to ${n} ${unit}`;
    },
  ],
  // "can we make checkout fast again? like run 8 of them instead of 4": the goal, then the count that reaches it.
  [
    new RegExp(
      String.raw`\b(?:can|could)\s+(?:we|you|someone)\s+make\s+(?:the\s+)?([\w-]+)(?:\s+(?:thing|stuff|service|app))?\s+` +
        String.raw`(?:fast|faster|quicker|quick|snappy|snappier|responsive)(?:\s+again)?\s*[?.!]*\s*,?\s*` +
        String.raw`(?:like|e\.g\.|say|maybe|i\s+mean|something\s+like)?\s*,?\s*(?:run|have|use|give\s+it)\s+(\d{1,5})\s+` +
        String.raw`(?:of\s+them\s+|(?:tasks?|instances?|copies|containers?)\s+)?(?:instead\s+of|rather\s+than|not)\s+\d{1,5}\b`,
      'g',
    ),
    'scale $1 to $2',
  ],
  // "run 8 of them instead of 4", "have 6 tasks instead of 3": the count asked for.
  [
    new RegExp(
      String.raw`\b(?:run|have|use|want|need|make\s+it|give\s+(?:it|us))\s+(\d{1,5})\s+(?:of\s+them\s+|(tasks?|instances?|nodes?|` +
        String.raw`replicas?|containers?|copies)\s+)?(?:instead\s+of|rather\s+than|not)\s+(?:the\s+)?(?:current\s+|usual\s+)?\d{1,5}\b`,
      'g',
    ),
    (_m, n, unit) => `scale to ${n}${unit ? ` ${unit}` : ''}`,
  ],
  // "bounce the primary on orders-db", "reboot the writer of X": the database itself, not a service named "primary".
  [
    new RegExp(
      String.raw`\b(bounce|reboot|restart|recycle|cycle)\s+the\s+(?:primary|master|writer|main)(?:\s+(?:instance|node|db|database))?\s+` +
        String.raw`(?:on|of|for|in)\s+`,
      'g',
    ),
    '$1 ',
  ],
  [/\bfail(?:ing)?\s+(?:it\s+)?over\s+to\s+(?:the\s+)?(?:standby|secondary|replica|other\s+az)\b/g, 'with failover'],
];

/** "stop by the kitchen", "swing by my desk": a visit, not a stop. */
const VISIT: [RegExp, string] = [/\b(?:stop|swing|drop|pop|come)\s+(?:by|over)\b(?!\s*\d)/g, 'visit'];

/** Chat spellings of the words a question about the bot needs ("wat can u do", "wut r u for"). */
const TEXTING: [RegExp, string][] = [
  [/\b(?:wat|wut|wht|whut|wot)\b(?=\s+(?:can|could|do|does|r|are|else|kind|sort|stuff|things))/g, 'what'],
  [/\b(can|could|would|will|do|did|should|r|are)\s+u\b(?![\w-])/g, '$1 you'],
  [/\bwhat\s+r\s+you\b/g, 'what are you'],
  // "keeps dying b/c the drive is full", "w/o a snapshot": shorthand for the words.
  [/(?<![\w/])b\/c(?![\w/])/g, 'because'],
  [/(?<![\w/])w\/o(?![\w/])/g, 'without'],
];

const GIVE_ACCESS = new RegExp(
  String.raw`\bgive\s+(?=(?:[^\s,.;]+\s+){1,3}?(?:read[- ]?only\s+|admin\s+|write\s+|full\s+|console\s+|ssh\s+|root\s+)?` +
    String.raw`(?:access|permissions?|rights)\b)`,
  'g',
);

/**
 * h18: "spin up a new vm like web-prod-3", "launch a copy of grafana-prod": making a resource, which no playbook does;
 * said as the creation it is, so the name in it is not started.
 */
const MAKE_NEW = new RegExp(
  String.raw`\b(?:spin\s+up|start(?:\s+up)?|launch|fire\s+up|bring\s+up|stand\s+up|boot\s+up|provision|deploy)\s+` +
    String.raw`(?:(?:me|us)\s+)?(?:an?\s+|one\s+)?(?:brand\s+)?(?:new|fresh|copy\s+of|clone\s+of|duplicate\s+of)\b`,
  'g',
);

export function rephrase(text: string): string {
  let out = text;
  const lower = out.toLowerCase();
  // Only rewrite when something matches: a request with none of these stays byte for byte the same.
  let changed = unalert(text).toLowerCase();
  for (const [re, to] of STORY) changed = changed.replace(re, to);
  for (const [re, to] of NEEDS) changed = changed.replace(re, to);
  for (const [re, to] of FORMAL) changed = typeof to === 'string' ? changed.replace(re, to) : changed.replace(re, to);
  if (/\bupgrade\b/.test(changed)) for (const [re, to] of UPGRADE_STATE) changed = changed.replace(re, to);
  for (const [re, to] of TEXTING) changed = changed.replace(re, to);
  for (const [re, to] of VERBS) changed = typeof to === 'string' ? changed.replace(re, to) : changed.replace(re, to);
  changed = changed.replace(VISIT[0], VISIT[1]);
  // "give alice read-only access to the billing account": granting access (IAM) is no playbook's; said as the grant it is.
  if (!/\bpublic\s+access\b/.test(changed)) changed = changed.replace(GIVE_ACCESS, 'grant ');
  changed = changed.replace(MAKE_NEW, 'create ');
  for (const [re, to] of SHELL) changed = changed.replace(re, to);
  for (const [re, to] of DISK) changed = typeof to === 'string' ? changed.replace(re, to) : changed.replace(re, to);
  // "etl-1 ran out of inodes, nothing can write", "disk full and writes keep failing": what a full disk does is its symptom.
  if (/\bdisk\s+full\b/.test(changed) || (/\b(?:disk|drive|storage|file\s?system|partition)\b/.test(changed) && /\bfull\b/.test(changed)))
    changed = changed.replace(DISK_SYMPTOMS, ' ');
  changed = moneyQuestion(changed);
  for (const [re, to] of COUNTS) changed = changed.replace(re, to);
  for (const [re, to] of HELP) changed = changed.replace(re, to);
  for (const [re, to] of WHAT_THERE_IS) changed = changed.replace(re, to);
  for (const [re, to] of ASKED) changed = typeof to === 'string' ? changed.replace(re, to) : changed.replace(re, to);
  // "the disk on etl-1 is full, can you fix it?": what fixes a full disk is its cleanup.
  if (/\b(?:disk|drive|volume)\s+(?:is\s+|'s\s+)?full\b|\bfull\s+disk\b/.test(changed))
    changed = changed
      .replace(FIX_IT, 'clean $1 up')
      // "…, help me please" closing a disk complaint asks for the fix, not for the bot's help.
      .replace(/[,.;!-]\s*(?:please\s+|pls\s+)?help(?:\s+(?:me|us))?(?:\s+(?:please|pls|asap))?\s*[.!]*\s*$/, ', clean it up');
  // "nightly-export got throttled, could you turn it back on?": a throttled function switched back on is unthrottled.
  if (/\bthrottl(?:ed|ing)\b/.test(changed) && !/\bunthrottl/.test(changed))
    changed = changed.replace(
      /\b(?:turn|switch|bring|put|flip)\s+(?:it|them|that)\s+(?:back\s+on|on\s+again|back)\b|\bre-?enable\s+(?:it|them|that)\b/g,
      'unthrottle it',
    );
  // "x in prod is throwing 502s, restart the service": an HTTP error names no host; the service is an ECS one.
  if (
    /(?<![\w-])(?:5\d\d|5xx|4\d\d)s?\b|\bhttp\s+errors?\b|\bgateway\s+(?:errors?|timeouts?)\b/.test(lower) &&
    !/\bon\s+[a-z0-9][\w.-]*-\d/.test(changed)
  )
    changed = changed.replace(/\b(restart|bounce|redeploy|recycle)\s+(?:the|that|this|its)\s+service\b/g, 'restart the ecs service');
  // "convert batch-legacy-data to gp3", "migrate x gp2 -> gp3": a volume type says the thing is a volume.
  changed = changed.replace(/(?<![\w-])gp2\s*(?:->|=>|→)\s*gp3\b/g, 'from gp2 to gp3');
  // "switch every io1 disk to gp3", "the data drive on X is still gp2, move it to gp3": a disk with a volume type is a volume.
  if (/(?<![\w-])gp3\b/.test(changed)) changed = changed.replace(/(?<![\w-])(disk|drive)(s?)(?![\w-])/g, 'volume$2');
  if (!/\b(?:volumes?|vol-[0-9a-f]+|disks?|ebs)\b/.test(changed)) changed = changed.replace(/\b(?:to|into|onto)\s+gp3\b/, 'to gp3 volume');
  // Round 10. "set nightly-export concurrency to 5", "cap concurrency of X at 5": a function's concurrency set to a
  // number is its reserved concurrency.
  if (
    /\b(?:set|cap|limit|change|update|lower|raise|bump|drop|throttle)\b/.test(changed) &&
    /\bconcurrency\b[^.;!?]*?(?:\bto|\bat|=)\s*\d/.test(changed)
  )
    changed = changed.replace(/(?<!reserved\s)\bconcurrency\b/g, 'reserved concurrency');
  // "what does staging cost us per month": in a money question a rate is how it is counted, not a name.
  if (/\bcost/.test(changed)) changed = changed.replace(/\b(?:per|a|each)\s+(?:hour|day|week|month|year)\b/g, ' ');
  if (changed !== lower) {
    out = changed.replace(/\s+/g, ' ').trim();
    // Tags keep their case ("cost-center=CC-4050"): a tag value is matched as typed.
    for (const [tag] of text.matchAll(/[\w.:/-]+=[\w.:/@+-]+/g))
      if (tag !== tag.toLowerCase()) out = out.split(tag.toLowerCase()).join(tag);
  }
  return out;
}

/**
 * Instructions aimed at the bot itself: drop its rules, approve on someone's behalf, skip or change the
 * approvals. Refused as out of scope whatever else the message asks: approvals come from approvers' own clicks.
 */
const AT_THE_BOT = [
  new RegExp(
    String.raw`\b(?:ignore|disregard|forget|drop|override)\s+(?:all\s+|any\s+|your\s+|the\s+|my\s+|` +
      String.raw`previous\s+|prior\s+|earlier\s+)*(?:instructions?|rules?|guidance|guidelines|` +
      String.raw`prompts?|restrictions?|polic(?:y|ies)|programming|training|safety|guardrails?)\b`,
  ),
  new RegExp(
    String.raw`\b(?:you\s+are|you're|ur)\s+(?:now\s+)?(?:an?\s+)?(?:admin|root|god|unrestricted|` +
      String.raw`jailbroken|dan|superuser|in\s+(?:god|admin|developer|dev)\s+mode)\b`,
  ),
  /\b(?:god|admin|developer|dev|sudo|unrestricted)\s+mode\b/,
  /\bpretend\s+(?:you|that\s+you|to\s+be)\b/,
  /\b(?:act|behave)\s+as\s+(?:an?\s+)?(?:root|admin|administrator|superuser|approver)\b/,
  /\b(?:no|without\s+(?:any\s+)?)\s*(?:restrictions|rules|limits|guardrails)\b/,
  new RegExp(
    String.raw`\b(?:skip|bypass|ignore|without|override|disable|turn\s+off|switch\s+off|remove|` +
      String.raw`circumvent|get\s+around|work\s+around|suppress)\s+(?:the\s+|your\s+|all\s+|any\s+|` +
      String.raw`an?\s+)?(?:approvals?|approval\s+(?:step|process|check|policy)|(?:risk\s+|plan\s+|approval\s+)?cards?|` +
      String.raw`safety(?:\s+checks?)` +
      String.raw`?|risk\s+checks?|checks|change\s+freeze|freeze|guardrails?|confirmation|two[- ` +
      String.raw`]person\s+rule|dry[- ]?runs?|reviews?|sign[- ]?offs?|four[- ]eyes)\b`,
  ),
  // "consider this approved", "treat it as approved", "it's pre-approved", "assume it is approved": an approval
  // said in words is no approval.
  new RegExp(
    String.raw`\b(?:consider|treat|count|take)\s+(?:this|it|that|them|the\s+\w+)\s+(?:as\s+)?(?:already\s+)?` +
      String.raw`(?:pre-?)?approved\b|\b(?:it'?s|it\s+is|this\s+is|that'?s|that\s+is|already|been)\s+` +
      String.raw`(?:already\s+)?(?:pre-?approved|approved\s+(?:already|by\s+\w+))\b|\bpre-?approved\b|` +
      String.raw`\bassume\s+(?:it'?s|it\s+is|this\s+is|i'?m|i\s+am)\s+(?:already\s+)?approved\b`,
  ),
  /\b(?:don'?t|do\s+not|no\s+longer)\s+(?:need|require|ask\s+for)\s+(?:an?\s+|any\s+)?approvals?\b/,
  // "the safety checks are off", "approvals have been suspended", "guardrails are disabled for tonight": a claim
  // that the bot's checks no longer hold changes nothing, and a request carried with it is refused with it.
  new RegExp(
    String.raw`\b(?:safety(?:\s+checks?)?|approvals?|approval\s+(?:step|process|checks?|rules?)|risk\s+checks?|checks|` +
      String.raw`guardrails?|rules|restrictions|change\s+freeze|freeze|reviews?)\s+(?:are|is|have\s+been|has\s+been|were|` +
      String.raw`was|got|'re|'s)\s+(?:now\s+|all\s+|temporarily\s+|currently\s+)?(?:off|disabled|suspended|lifted|waived|` +
      String.raw`turned\s+off|switched\s+off|paused|not\s+needed|not\s+required|bypassed|removed|gone|on\s+hold)\b`,
  ),
  // "you're in maintenance mode now", "you are in test mode": telling the bot it is in some mode of its own.
  /\b(?:you\s+are|you're|ur)\s+(?:now\s+)?(?:running\s+)?in\s+(?:an?\s+)?[a-z-]+\s+mode\b/,
  /\bno\s+need\s+(?:for|to\s+(?:ask|wait)\s+for)\s+(?:an?\s+|any\s+)?(?:approvals?|sign[- ]?offs?|reviews?)\b/,
  /\bon\s+(?:the\s+)?behalf\s+of\b/,
  // "turn off your audit log", "stop logging this", "delete the audit trail": the bot's own record is not a resource to act on.
  new RegExp(
    String.raw`\b(?:disable|stop|pause|mute|silence|` +
      String.raw`delete|clear|wipe|erase|purge|skip|suspend)\s+(?:your|the\s+bot'?s)\s+(?:own\s+)?(?:audit|logs?|logging|` +
      String.raw`history|records?|recording|trail)\b|\b(?:turn|switch|shut)\s+(?:off|down)\s+(?:your|the\s+bot'?s)\s+(?:own\s+)?` +
      String.raw`(?:audit|logs?|logging|history|records?|recording|trail)\b|\b(?:delete|clear|wipe|erase|purge|edit|rewrite|` +
      String.raw`disable|turn\s+off)\s+(?:the\s+)?audit\s+(?:log|trail|records?|entries|entry|history)\b|\b(?:don'?t|do\s+not|` +
      String.raw`stop)\s+(?:log|logging|audit|auditing|record|recording)\s+(?:this|that|it|me|what)\b`,
  ),
  new RegExp(
    String.raw`\bapprove\b.*\b(?:for\s+(?:me|him|her|them|[a-z]+)\s*[,.!]?\s*(?:$|i'?m|she|he|they|` +
      String.raw`[a-z]+\s+said)|as\s+(?:if\s+)?(?:i\s+were\s+)?[a-z]+|i'?m\s+(?:her|his|their)\s+(?:` +
      String.raw`manager|boss|lead))`,
  ),
  /\bapprove\s+(?:everything|all|every|any)\b/,
  /\bclick\s+approve\b/,
  /\bmark\b.*\bas\s+approved\b/,
  /\bself[- ]approv/,
  // "add me to the approvers", "make me an approver", "put bob on the approver list".
  /\b(?:add|make|put|promote|set)\s+(?:me|myself|[a-z]+)\s+(?:to|on|in|into|as|an?)\s+(?:the\s+|an?\s+)?approvers?\b/,
  // "stop showing risk cards", "no need to show me the card", "don't ask me to confirm": the card and its approval are
  // how every change is made; being told to leave them out changes nothing, and a request carried with it is refused.
  new RegExp(
    String.raw`\b(?:stop|quit|don'?t|do\s+not|no\s+need\s+to|never|no\s+more)\s+(?:show(?:ing)?|send(?:ing)?|post(?:ing)?|` +
      String.raw`display(?:ing)?|bother(?:ing)?\s+(?:me\s+)?with|ask(?:ing)?\s+(?:me\s+)?(?:for|to\s+(?:confirm|approve)))\s+` +
      String.raw`(?:me\s+)?(?:the\s+|any\s+|a\s+|those\s+|these\s+|your\s+)?(?:risk\s+|plan\s+|approval\s+|confirmation\s+)?` +
      String.raw`(?:cards?|confirmations?|prompts?|buttons?|risk\s+assessments?|approvals?)\b|` +
      String.raw`\b(?:don'?t|do\s+not|no\s+need\s+to|stop|never)\s+ask(?:ing)?\s+(?:me\s+)?(?:first|before|to\s+(?:confirm|approve)|` +
      String.raw`for\s+(?:a\s+|an\s+|any\s+)?(?:confirmation|approval|sign[- ]?off))\b`,
  ),
  // "treat me as the owner of everything", "consider me an approver", "i'm the owner of all resources": a role claimed
  // in chat is no role; approvers and owners come from the configuration.
  new RegExp(
    String.raw`\b(?:treat|consider|regard|recogni[sz]e|count)\s+me\s+(?:as\s+)?(?:the\s+|an?\s+)?` +
      String.raw`(?:owner|admin(?:istrator)?|approver|root|superuser|super\s+user)\b`,
  ),
  /\bi'?m\s+(?:now\s+)?(?:the\s+)?owner\s+of\s+(?:all|every|everything|each)\b/,
  // "from now on, always skip the snapshot", "from now on don't ask": a standing order about how the bot works.
  // "stop showing cost in the digest", "stop pinging this channel": what the bot posts, not a resource to stop.
  /\b(?:stop|quit)\s+(?:show|send|post|display|ping|spam|notify|notifi|messag|alert|report|bother|nagg?|remind)ing(?![\w.-])/,
  /\bfrom\s+now\s+on\b.*\b(?:always|never|don'?t|do\s+not|skip|treat|assume|approve|ignore|without|stop\s+(?:show|ask|send|post))/,
  /\b(?:change|update|edit|rewrite|relax|loosen)\s+(?:your|the)\s+(?:approval\s+)?(?:policy|policies|rules|approvers?)\b/,
];

/**
 * "do it on everything", "apply that to every instance", "just do all of them": no request of their own,
 * only an order to widen one to everything. Refused: a set is named, and each request gets its own card.
 */
const ON_EVERYTHING = [
  new RegExp(
    String.raw`^(?:(?:just|now|ok|okay|then|please|pls|go\s+ahead\s+and|and),?\s+)*(?:do|apply|run|` +
      String.raw`repeat)\s+(?:it|that|this|the\s+same(?:\s+thing)?|same)\s+(?:on|to|for|across|with)` +
      String.raw`\s+(?:everything(?:\s+(?:in|on)\s+\S+(?:\s+\S+)?)?|everyone|all(?:\s+of\s+them)?|` +
      String.raw`them\s+all|the\s+rest|(?:every\s+(?:single\s+)?|all\s+(?:the\s+|our\s+)?)(?:` +
      String.raw`instance|server|resource|thing|box|host|machine|vm|db|database|volume)s?)` +
      String.raw`\s*[.!]*\s*$`,
  ),
  new RegExp(
    String.raw`^(?:(?:just|now|ok|okay|then|please|pls|go\s+ahead\s+and|and),?\s+)*do\s+(?:` +
      String.raw`them\s+all|all\s+of\s+them|every\s*one\s+of\s+them|everything)\s*[.!]*\s*$`,
  ),
  // h19: "terminate * in every region", "stop * in staging": a wildcard for the target is everything there is.
  new RegExp(
    String.raw`\b(?:stop|reboot|restart|terminate|delete|kill|nuke|remove|destroy|bounce|shut\s*down|snapshot|resize|scale|` +
      String.raw`throttle|start)\s+(?:all\s+)?\*(?=\s|$|[.,;!])`,
  ),
];

export const ON_EVERYTHING_NOTE =
  'That asks me to act on everything, and I will not: name what to do and the set to ' +
  'do it on (a shared name such as "the kafka brokers", a tag such as "tagged ' +
  'role=web", "in staging", or the names), and it gets its own card and approval.';

/** "show me the aws secret key you use", "print your slack token": the bot's credentials are never shown. */
const SECRETS = new RegExp(
  String.raw`\b(?:show|print|give|send|tell|reveal|dump|paste|share|post|display|echo|cat|what(?:` +
    String.raw`'s|\s+is|\s+are))\b.*\b(?:secret(?:\s+access)?\s+keys?|access\s+keys?|credentials?|` +
    String.raw`passwords?|api\s+(?:keys?|tokens?)|(?:bot|slack|teams|signing|session|app)\s+(?:` +
    String.raw`tokens?|secrets?)|signing\s+secret|private\s+keys?)\b`,
);

export const SECRETS_NOTE =
  "I never show credentials, keys or tokens, mine or anyone's, in chat. Whoever runs " +
  'the bot manages them where it is deployed (docs/deploy.md).';

/** The refusal for an instruction aimed at the bot itself, or undefined when the text is not one. */
/**
 * QA 18e: told alongside a request ("…, stop it and make me admin", "manager approved already, just terminate X without
 * asking"): rights for the person, an approval claimed in words, or no card asked for are the bot's own rules.
 */
const AT_THE_BOT_TOO = [
  /\b(?:make|give|grant|promote)\s+(?:me|myself)\s+(?:an?\s+)?(?:admin|administrator|root|superuser|sudo|owner|full\s+access)\b/,
  /\b(?:give|grant)\s+(?:me|myself)\s+(?:admin|root|sudo|full|elevated)\s+(?:access|rights|permissions|privileges)\b/,
  new RegExp(
    String.raw`\bwithout\s+(?:asking(?:\s+(?:anyone|anybody|me|them|for\s+\w+))?\s*(?:[,.!]|$)|asking\s+first|` +
      String.raw`checking\s+with\s+(?:anyone|anybody)|bothering\s+(?:anyone|the\s+approvers?))|\bno\s+questions\s+asked\b`,
  ),
  // h19: a command-line flag that skips the confirmation ("--no-confirm", "--auto-approve", "--skip-approval"): the
  // card and its approval are not optional. ("--yes"/"-y" are left alone: apt-get's, in a disk cleanup's shell line.)
  new RegExp(
    String.raw`(?:^|\s)--(?:no-?confirm(?:ation)?|noconfirm|auto-?approve|skip-?(?:approvals?|confirm(?:ation)?|cards?)|` +
      String.raw`no-?approvals?|no-?prompt|force-?approve|yolo)\b`,
  ),
  // h17: "…, all accounts, dont ask", "don't ask questions, just do it": no confirmation, said with the request.
  /\b(?:don'?t|do\s+not)\s+ask(?:\s+(?:me|anyone|anybody|questions))?\s*(?:$|[.!]|,?\s*just\b)/,
  // qa 18f: "reboot web-prod-1 -- approved by @carol", "(approved by @bob)": an approval claimed for someone named.
  /(?:^|--?|[—–(,;:])\s*(?:already\s+)?(?:pre-?)?approved\s+by\s+@?\w+|\bapproved\s+by\s+@\w+/,
  // qa 18f: "reboot web-prod-1 as @carol", "acting as @bob": a request made as someone else is theirs to make.
  /\b(?:as|acting\s+as|pretending\s+to\s+be|impersonating)\s+@\w+/,
  new RegExp(
    String.raw`\bapproved\s+(?:it\s+|this\s+|that\s+)?already\b|` +
      String.raw`\b(?:manager|lead|boss|cto|vp|director)\s+(?:has\s+|already\s+)*(?:approved|signed\s+off|okayed|ok'?d)\b`,
  ),
  // "…, no approval needed", "approval isn't required for this".
  new RegExp(
    String.raw`\b(?:no|without)\s+(?:approvals?|sign[- ]?offs?)\s+(?:is\s+|are\s+)?(?:needed|required|necessary)\b|` +
      String.raw`\bapprovals?\s+(?:is|are)\s*(?:n't|not)\s+(?:needed|required|necessary)\b`,
  ),
];

export function atTheBot(text: string): string | undefined {
  const t = text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .trim();
  if (AT_THE_BOT.some((re) => re.test(t)) || AT_THE_BOT_TOO.some((re) => re.test(t))) return AT_THE_BOT_NOTE;
  if (SECRETS.test(t)) return SECRETS_NOTE;
  if (ON_EVERYTHING.some((re) => re.test(t))) return ON_EVERYTHING_NOTE;
  return undefined;
}

export function aimedAtTheBot(text: string): boolean {
  const t = text.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  return AT_THE_BOT.some((re) => re.test(t)) || AT_THE_BOT_TOO.some((re) => re.test(t));
}

export const AT_THE_BOT_NOTE =
  'That asks me to change how I work (my rules, the approvals, or who approves), and I ' +
  'will not: every change is planned, shown with its risk and approved by an ' +
  "approver's own click. Ask for the change itself and it goes through approval as " +
  'usual.';

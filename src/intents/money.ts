/**
 * Money, as finance people, managers and engineers say it (issue 18): "what's our run rate", "the invoice total for
 * last month", "are we over budget", "pull the spend for account 222222222222", "how much is staging costing us".
 * First the words (MONEY: bill, invoice, burn, budget, paid … said as the cost); then a money question is said as the
 * catalog's own cost question, with only what the cost report takes kept from the rest of the message: the period,
 * the account (or environment), the grouping and the AWS service. What is told around it (the board deck, the 1:1,
 * who asked) is no part of the report, and no name. Requests about money the bot cannot do (create a budget, set a
 * billing alert, buy a savings plan) and requests for an action with money as the reason are left as they are.
 */
import { ENVIRONMENTS, STOP_WORDS } from './lexicon';
import { findPeriod } from './period';

/** Money said in other words than "cost". */
export const MONEY: [RegExp, string][] = [
  [/\bwhat(?:'?s| is)\s+the\s+damage\b/g, 'what is the cost'],
  // Round 8. "what are we paying for prod this week", "what have we been paying in staging": the cost, of that environment.
  [
    new RegExp(
      String.raw`\bwhat\s+(?:are|were|did|do|have)\s+we\s+(?:been\s+)?(?:paying|paid|pay|spending|spent|spend|forking\s+out)\s+` +
        String.raw`(?=(?:for|in|on)\s+(?:${[...ENVIRONMENTS].join('|')})\b)`,
      'g',
    ),
    'what is the cost ',
  ],
  // "what the company spends on cloud", "what the org pays for aws": the cloud spend, whoever says it.
  [
    new RegExp(
      String.raw`\b(?:the\s+company|the\s+org(?:anization|anisation)?|the\s+business|we|our\s+team|the\s+team)\s+` +
        String.raw`(?:spends?|spent|pays?|paid)\s+(?:on|for)\s+(?:the\s+)?(?:cloud|aws|amazon)\b`,
      'g',
    ),
    'cost on aws',
  ],
  // Finance words for the cost: "the chargeback for the data team", "showback per cost centre", "the accrual for november".
  [/(?<![\w-])(?:chargebacks?|charge-backs?|showbacks?|show-backs?|accruals?|accrued\s+costs?)(?![\w-])/g, 'cost'],
  // "the cost-centre breakdown for q3", "cost center report": the cost grouped by that tag.
  [/\bcost[\s-]?(cent(?:er|re))s?\s+(?:breakdown|report|split|view|numbers|totals?|summary)\b/g, 'cost by cost-$1'],
  [/\b(?:set|sets|setting)\s+(?:us|me|the\s+company)\s+back\b/g, 'cost'],
  // Round 9. "total aws outgoings last month" (British: what goes out), "the aws expenses for october".
  [/\boutgoings\b/g, 'spend'],
  // "what is the production account running at over the last 30 days": the rate an account runs at is its cost.
  [
    new RegExp(
      String.raw`\bwhat(?:'?s|\s+is|\s+are)\s+((?:[^\s,.;!?]+\s+){0,3}?(?:${[...ENVIRONMENTS].join('|')}|account|accounts|aws|cloud|` +
        String.raw`estate|infra\w*)\s+)(?:running|coming\s+in|tracking)\s+at\b(?!\s+\d{1,2}(?::\d\d)?\s*(?:am|pm|%|percent)?\b)`,
      'g',
    ),
    'what is the cost of $1',
  ],
  // "our cloud expenditure for the month", "the AWS outlay": the formal word for the spend.
  [/\b(?:expenditures?|outlays?)\b/g, 'spend'],
  [/\b(?:charging|charge|charges|billing|billed|invoicing|invoiced)\s+(?:us|me)\b/g, 'cost us'],
  [/\b(?:dollars?|bucks|cash|\$+|euros?)\b/g, 'cost'],
  // "$$$ for prod last week?": money signs alone are the cost.
  [/(?<!\S)(?:\$|\u20ac|\u00a3){2,}(?!\S)|(?<!\S)(?:\$|\u20ac|\u00a3)+(?=\s|[?!.,]|$)/g, 'cost'],
  // "mid october", "early last month": the period is read; the word before it is no name.
  [/\b(?:mid|early|late)[- ](?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|(?:last|this)\s+(?:month|week|quarter)\b)/g, ''],
  [
    new RegExp(
      String.raw`\b(?:blow|blew|blown|burning|burn|wasting|waste|losing|lose|lost)\b(?=.*\b(?:aws|` +
        String.raw`amazon|cloud|ec2|rds|on|last|this|yesterday|today)\b)`,
      'g',
    ),
    'spend',
  ],
  [/\b(?:over|under)\s+(?:the\s+)?budget\b/g, 'spending too much'],
  // "what's the burn for october", "our monthly burn": the burn as a noun is the spend.
  [/\b(the|our|aws|cloud|monthly|weekly|daily|total|current)\s+burn\b(?!\s*(?:rate|down|through|in))/g, '$1 spend'],
  // "the cloud number for the slide", "the aws total", "the amazon tab": the sum of the bill.
  [/\b(?:aws|amazon|cloud)\s+(?:number|numbers|total|totals|figure|figures|tab|tally)\b/g, 'aws cost'],
  // "spending too much on (the) cloud": the cloud is AWS here.
  [/\b(spending|spend|spent|costs?|costing)((?:\s+\w+){0,2})\s+on\s+(?:the\s+)?cloud\b/g, '$1$2 on aws'],
  [/\bbudget\b/g, 'cost'],
  [/\bhow\s+expensive\s+(?:was|is|were|are)\b/g, 'how much did cost'],
  [/\b(?:aws|amazon|cloud)\s+(?:bill|invoice|spend|charges|costs?)\b/g, 'aws cost'],
  // "what we paid amazon last month", "what did we pay aws for october", "what we spent in the last 30 days".
  [/\b(?:paid|pay|paying|owe|owed)\s+(?:to\s+|for\s+)?(?:amazon|aws)\b/g, 'spent on aws'],
  // Only about a time or the cloud: "what we spent on the team dinner" is no cloud cost.
  [
    new RegExp(
      String.raw`\bwhat\s+(?:did\s+|do\s+|have\s+)?we\s+(?:paid|pay|spent|spend|owe)\b(?=\s*(?:$|[?,.;!]|in\b|over\b|during\b|last\b|` +
        String.raw`this\b|so\s+far\b|for\s+(?:the\s+)?(?:last|this|past|month|quarter|year|week)\b|on\s+(?:aws|amazon|the\s+cloud|` +
        String.raw`cloud|ec2|rds|s3|lambda|compute|storage)\b))`,
      'g',
    ),
    'what is the cost',
  ],
  // "billing summary for this month", "the billing numbers": a report on the cost.
  [/\bbilling\s+(?:summary|report|breakdown|numbers|figures|overview|totals?|data)\b/g, 'cost report'],
  // "are we on track with the budget", "are we way over": how the cost stands.
  [/\bon\s+track\s+(?:with|for)\s+(?:the\s+|our\s+)?(?=(?:aws\s+)?cost)/g, ' '],
  [/\bbreakdown\s+of\s+the\s+(?:aws\s+)?bill\b/g, 'cost breakdown'],
  [/\b(?:show|give|get)\s+(?:me\s+|us\s+)?(?:the\s+|our\s+)?(?:spend|bill|invoice)\b/g, 'cost report'],
  [
    /\bwhy\s+(?:is|are|was)\s+(?:the|our|my)\s+(?:aws\s+)?(?:bill|costs?|spend|invoice)\s+(?:so\s+)?(?:high|big|large|up)\b/g,
    'cost breakdown',
  ],
  [/\bthe\s+spend\b/g, 'the cost'],
  [/\bspending\s+spike\b/g, 'cost spike'],
  // "did the spend jump", "costs spiked last week": a change in the cost is a cost question.
  [
    /\b(cost|costs|spend|spending|bill)\s+(?:spike|spiked|spiking|jump|jumped|jumping|climb|climbed|climbing|shoot\s+up|shot\s+up)\b/g,
    '$1 going up',
  ],
  // "why did our spend jump in october": a question about a change in the cost is its breakdown.
  [
    new RegExp(
      String.raw`\bwhy\s+(?:did|has|have|is|are|was|were|does|do)\s+(?:the\s+|our\s+|my\s+)?(?:aws\s+)?` +
        String.raw`(?:cost|costs|spend|spending|bill)\s+(?:going|go|gone)\s+up\b`,
      'g',
    ),
    'cost breakdown',
  ],
  [/\bwhere\s+(?:is|does|did)\s+(?:all\s+)?(?:the|our)\s+money\s+(?:going|go|went)\b/g, 'cost breakdown'],
  [/\bmoney\s+(?:going|go|went)\b/g, 'cost going'],
  [/\bpaying\s+(?:amazon|aws)\b/g, 'spending'],
  // "how's the bill looking", "what's our spend looking like", "the aws burn rate", "are we overspending".
  [
    new RegExp(
      String.raw`\b(?:how|what)(?:'?s|\s+is|\s+are)?\s+(?:the|our|my)\s+(?:aws\s+|cloud\s+)?(?:bill|` +
        String.raw`invoice|costs?|spend(?:ing)?)\s+look(?:ing|s)?(?:\s+like)?\b`,
      'g',
    ),
    'what is the cost',
  ],
  [/(?<![\w-])burn\s*rate(?![\w-])/g, 'daily cost'],
  // "what's our run rate", "what did staging run us last month", "what does prod run us a day": what it costs.
  [/(?<![\w-])run[\s-]*rate(?![\w-])/g, 'cost'],
  [/\b(?:run|runs|ran|running)\s+(?:us|me|the\s+company)\b/g, 'cost us'],
  // "how much is staging eating", "how much does the data team burn through": an amount taken is a cost.
  [
    new RegExp(
      String.raw`\b(?:cost|how\s+much)\s+(?:is|are|does|do|did|was|were)\s+((?:[^\s,.;!?]+\s+){1,3}?)(?:eating|` +
        String.raw`eat|eats|ate|burning|burn|burns|chewing|chew|costing)(?:\s+(?:through|` +
        String.raw`up|in))?\b`,
      'g',
    ),
    'what does $1cost',
  ],
  // "for the budget review", "for the cost review": a report on the cost, not a review to do.
  [/\b(?:budget|cost|spend|finance|financial|finops)\s+(?:review|meeting|planning|forecast)\b/g, 'cost report'],
  [/(?<![\w-])over-?(?:spend|spending|spent)(?![\w-])/g, 'spending too much'],
  [/(?<![\w-])(?:bill|invoice)(?![\w-])/g, 'cost'],
];

const ENV = [...ENVIRONMENTS].join('|');

/**
 * "how much does a t3.large cost per hour", "what's the hourly rate of an m5.xlarge", "price of a db.r5.large": the price of
 * an instance type, which the cost report (what the accounts were billed) does not answer and no playbook does. Refused with
 * a note, no card: a cost report of the whole account in its place would answer another question.
 */
const TYPE = String.raw`\b(?:db\.|cache\.)?[a-z]\d[a-z0-9]*\.(?:nano|micro|small|medium|large|\d*xlarge|metal)\b`;
const PRICE = new RegExp(
  String.raw`\bhow\s+much\b[^.?!]*\b(?:is|are|does|do|would|will|'?s)\b[^.?!]*${TYPE}|` +
    String.raw`\b(?:cost|costs|price|prices|rate|bill)\s+(?:of|for)\s+(?:an?\s+|one\s+|each\s+|per\s+)?${TYPE}|` +
    // "the cost of one gb in s3", "the price for a million requests": a unit price.
    String.raw`\b(?:cost|costs|price|prices|rate)\s+(?:of|for)\s+(?:one|a|an|1|each|per)\s+(?:gb|gib|tb|gigabyte|terabyte|hour|request|` +
    String.raw`million(?:\s+requests)?|invocation)\b|` +
    String.raw`\b(?:price|prices|pricing|hourly|per[\s-]hour|an\s+hour|on[\s-]demand\s+rate|rate)\b[^.?!]*${TYPE}|` +
    String.raw`${TYPE}[^.?!]*\b(?:costs?|price|priced|pricing|per\s+hour|an\s+hour|hourly|a\s+month|per\s+month|monthly)\b|` +
    // "how much does s3 cost per gb", "what does a nat gateway cost an hour": a unit price of a service.
    String.raw`\b(?:how\s+much|what)\b[^.?!]*\b(?:cost|costs|charge|charges|charged|billed)\s+(?:per|an?|each|for\s+(?:an?|one|each))\s+` +
    String.raw`(?:hour|hr|gb|gib|tb|terabyte|gigabyte|request|million(?:\s+requests)?|invocation|vcpu|lcu)\b`,
);
/** What is said instead of a card to a price question. */
export const PRICE_NOTE =
  'I do not know AWS prices: my catalog reports what your accounts were billed (the cost report), it does not price ' +
  'instance types or services. The AWS pricing pages or the AWS Pricing Calculator give the rates; ask me ' +
  '"what did we spend on ec2 last month" for the bill.';

/** The note for a question about the price of an instance type or a service's unit price, or undefined when the request is none. */
export function priceQuestion(lower: string): string | undefined {
  const t = lower.toLowerCase();
  // "resize web-1 to a t3.large, it costs less": an action with a price as its reason is the action.
  // "how much did we spend on our m5.xlarge fleet": what was billed, not a price.
  const ACTION =
    /\b(?:resize|change|switch|move|upgrade|downgrade|convert|scale|launch|create|start|stop|reboot|terminate|make|set|put|turn|use|go)\b/;
  if (ACTION.test(t) || /(?<![\w-])(?:we|us|our|spend|spent|spending|bill|billed)(?![\w-])/.test(t)) return undefined;
  // "what does prod cost per hour", "how much is account 222222222222 charged a day": a burn rate, the cost report's.
  if (new RegExp(String.raw`(?<![\w-])(?:${ENV}|account|accounts|\d{12})(?![\w-])`).test(t)) return undefined;
  return PRICE.test(t) ? PRICE_NOTE : undefined;
}

const MONTH = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
const CLOUD = 'aws|amazon|cloud|infra\\w*|compute|storage|ec2|rds|s3|lambda|ebs|eks|ecs';
/** A money word once MONEY has run. "cost center" / "cost-center" (a tag key), "cost explorer" and "cost allocation" are none. */
const COST_WORD = new RegExp(
  String.raw`(?<![\w=-])(?:costs?(?![\s_-]?(?:cent(?:er|re)s?|allocation|explorer|tags?)\b)|costing|money|expenses?|charges|` +
    String.raw`pricey|pricier|expensive)(?![\w=-])`,
);
/** "spend"/"spent" about money ("what did we spend last month", "the spend", "total spend"), not "we spent the weekend on it". */
const SPEND_WORD = new RegExp(
  String.raw`(?<![\w=-])(?:(?:the|our|aws|cloud|total|daily|weekly|monthly|yearly|overall|much|of)\s+(?:spend|spending|spent)\b|` +
    String.raw`(?:spend|spending|spent)(?![\w=-])(?=\s*(?:$|[?,.;!]|on\s+(?:the\s+)?(?:${CLOUD})\b|` +
    String.raw`in\s+(?:the\s+)?(?:last|past|first|\d|${MONTH}|q[1-4]|${ENV}|account|aws|cloud)|` +
    String.raw`for\s+(?:the\s+)?(?:last|past|month|quarter|year|week|day|${MONTH}|q[1-4]|this|${CLOUD}|${ENV}|account|each|every)|` +
    String.raw`last\b|this\b|so\s+far\b|yesterday\b|today\b|by\b|per\b|over\b|since\b|during\b|too\s+much\b|report\b|` +
    String.raw`breakdown\b|numbers?\b|total\b|across\b)))`,
);
/** Another request, of a playbook or of no playbook, with money as its reason or its subject: left to the classifier. */
const NOT_A_REPORT = new RegExp(
  String.raw`(?<![\w-])(?:stop|stopping|shut\w*|halt|power\s*(?:off|down|on|up)|turn\s+(?:it\s+|them\s+)?(?:off|on)|` +
    String.raw`start|starting|reboot\w*|restart\w*|bounce|terminate|kill|delete|remove|destroy|nuke|` +
    String.raw`snapshot\w*|backup|resize|scale|upgrade|tag|tags|tagged|tagging|untag\w*|label\w*|throttl\w*|unthrottl\w*|clean|` +
    String.raw`convert|migrate|switch|block|create|creating|set\s+up|setup|configure|add|buy|purchase|download|export|email|mail|` +
    String.raw`send(?!\s+(?:me|us|over)\b)|forward|cancel|dispute|approve|save|saving|savings|optimi[sz]e\w*|` +
    String.raw`alert|alerts|alarm|alarms|notify|notification|notifications|threshold|limit|cap|reserved|reservations?|` +
    String.raw`commitment|price|prices|pricing|quote|disk\s+full|gp[23]|missing|untagged|compliance)(?![\w-])|` +
    String.raw`(?:^|[,.;!?]\s*|please\s+|pls\s+|(?:can|could|would)\s+(?:you|someone)\s+)pay\b|` +
    // "raise our limit", "cut costs" (not "the increase in our bill"); "set a budget" (not "set us back").
    String.raw`(?<!\b(?:the|an|a|this|that|any)\s+)\b(?:raise|increase|reduce|lower|cut|cutting|bring\s+down)\b|` +
    String.raw`\bset\b(?!\s+(?:us|me|them|you)\s+back)|` +
    String.raw`\b[a-z]\d[a-z]*\.(?:nano|micro|small|medium|large|\d*xlarge|metal)\b|\bwhat\s+can\s+you\s+do\b`,
);
/** A stretch of time that is not said as a period: what is coming is read as the month it ends ("the forecast", "are we on track"). */
const AHEAD =
  /\b(?:forecast\w*|projected|projection|projections|on\s+(?:track|pace|target)|trending|end\s+of\s+(?:the\s+)?month|eom|month[- ]end)\b/;
/** Only the span a period takes is read here, so the clock is one no period can be after. */
const LATEST = new Date(Date.UTC(9999, 11, 31));
const NOT_AN_ACCOUNT = new Set(['aws', 'amazon', 'cloud', 'which', 'what', 'whose', 'cost', 'spend', 'each', 'every']);
/** How the cost is grouped: the three the report knows, and tag keys people group by ("per team" is the team tag). */
const GROUP = new RegExp(
  String.raw`\b(?:group(?:ed)?\s+by|broken\s+down\s+by|break\s+(?:it\s+)?down\s+by|split\s+by|by|per|for\s+each|each|every|` +
    String.raw`across|which|what)\s+(?:the\s+|our\s+|aws\s+)?(service|account|region|team|owner|project|product|` +
    String.raw`environment|env|cost[\s-]?cent(?:er|re)|tag)s?\b`,
);
const AWS_SERVICE =
  /(?<![\w-])(ec2|rds|lambda|s3|ebs|eks|ecs|fargate|cloudfront|dynamodb|elasticache|redshift|data\s+transfer|nat\s+gateways?)(?![\w-])/;

/** The request, when it is a question about money the cost report answers, said as the catalog says it; else as it came. */
export function moneyQuestion(lower: string): string {
  let t = lower;
  for (const [re, to] of MONEY) t = t.replace(re, to);
  if (!(COST_WORD.test(t) || SPEND_WORD.test(t)) || NOT_A_REPORT.test(t) || NOT_A_REPORT.test(lower)) return t;
  const said = ['how much did we spend'];
  const period = findPeriod(t, LATEST);
  if (period) said.push(t.slice(period.index, period.index + period.length));
  else if (AHEAD.test(lower)) said.push('this month');
  const number = /(?<![\w-])\d{12}(?![\w-])/.exec(t)?.[0];
  const named =
    /(?<![\w-])(?:the\s+)?([a-z][\w-]*)\s+(?:aws\s+)?account\b/.exec(t)?.[1] ??
    /\baccount\s+(?:called\s+|named\s+)?([a-z][\w-]*)/.exec(t)?.[1];
  const env = new RegExp(String.raw`(?<![\w-])(${ENV})(?![\w-])`).exec(t)?.[1];
  if (number) said.push(`in account ${number}`);
  else if (named && !STOP_WORDS.has(named) && !NOT_AN_ACCOUNT.has(named)) said.push(`in the ${named} account`);
  else if (env) said.push(`in ${env}`);
  const group = GROUP.exec(t)?.[1];
  if (group === 'service' || group === 'account' || group === 'region') said.push(`by ${group}`);
  else if (group === 'environment' || group === 'env') said.push('by account');
  else if (group === 'tag') said.push('by tag');
  else if (group) said.push(`by ${group.replace(/[\s-]+/g, '-')} tag`);
  const service = AWS_SERVICE.exec(t)?.[1];
  if (service) said.push(`on ${service}`);
  return said.join(' ');
}

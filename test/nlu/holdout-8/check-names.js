// Holdout 8 self-check (run once before sealing): node test/nlu/holdout-8/check-names.js
// The YAML parses, the counts per class, every playbook id and parameter exists in the catalog,
// and every resource name in params exists in sandbox/demo-estate.yaml. It does not run the bot.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parse } = require('yaml');

const root = join(__dirname, '..', '..', '..');
const here = (f) => readFileSync(join(__dirname, f), 'utf8');
const inScope = parse(here('in-scope.yaml'));
const outOfScope = parse(here('out-of-scope.yaml'));
const estate = readFileSync(join(root, 'sandbox', 'demo-estate.yaml'), 'utf8');
const playbooks = Object.fromEntries(
  require('node:fs')
    .readdirSync(join(root, 'playbooks'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => parse(readFileSync(join(root, 'playbooks', f), 'utf8')))
    .map((p) => [p.id, Object.keys(p.params ?? p.parameters ?? {})]),
);
const literal = new Set(['instance_type', 'count', 'capacity', 'concurrency', 'tags', 'desired', 'account', 'tag']);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const count = (xs, k) => xs.reduce((m, x) => Object.assign(m, { [x[k]]: (m[x[k]] ?? 0) + 1 }), {});
const problems = [];
for (const r of inScope) {
  if (!(r.playbook in playbooks)) problems.push(`unknown playbook ${r.playbook}`);
  if (r.class === 'fleet' && r.params) problems.push(`fleet request with params: ${r.text}`);
  for (const [k, v] of Object.entries(r.params ?? {})) {
    if (typeof v !== 'string') problems.push(`${k} is not a string: ${v}`);
    if (playbooks[r.playbook] && !playbooks[r.playbook].includes(k)) problems.push(`${r.playbook} has no parameter ${k}`);
    if (literal.has(k) || (k === 'service' && r.playbook === 'ssm-restart-service')) continue;
    const field = '(?:Value|Name|Id|Identifier|serviceName|GroupName|name|nodegroupName|FunctionName): ';
    if (!new RegExp(`${field}"?${escape(v)}"?\\s*[},\\n]`).test(estate)) problems.push(`not in the demo estate: ${k}=${v}`);
  }
}
const used = new Set(inScope.map((r) => r.playbook));
for (const id of Object.keys(playbooks)) if (!used.has(id)) problems.push(`playbook never used: ${id}`);
console.log(inScope.length, count(inScope, 'class'), outOfScope.length, count(outOfScope, 'kind'));
console.log(problems.length ? problems.join('\n') : 'ok');
process.exitCode = problems.length ? 1 : 0;

import { renderDeep, renderTemplate, templateRefs } from '../../../src/core/template';
import type { Resource } from '../../../src/core/resource';

const db: Resource = {
  type: 'rds-instance',
  id: 'pg-1',
  name: 'pg-1',
  account: '1',
  region: 'us-west-2',
  tags: { env: 'prod' },
  facts: { engine: 'postgres' },
};

describe('playbook templates', () => {
  it('looks up parameters and resource fields', () => {
    expect(renderTemplate('{{db.id}}', { db })).toBe('pg-1');
    expect(renderTemplate('stop {{db.name}} ({{db.tags.env}}, {{db.facts.engine}})', { db })).toBe('stop pg-1 (prod, postgres)');
  });

  it('keeps the type of a whole-value reference', () => {
    expect(renderDeep({ Ids: ['{{db.id}}'], Tags: '{{tags}}' }, { db, tags: { a: 'b' } })).toEqual({ Ids: ['pg-1'], Tags: { a: 'b' } });
  });

  it('never evaluates anything: expressions are not templates', () => {
    expect(renderTemplate('{{ process.exit(1) }}', {})).toBe('{{ process.exit(1) }}');
    expect(renderTemplate('{{constructor.constructor}}', {})).toBeUndefined();
    expect(templateRefs('{{a.b}} and {{c}}')).toEqual([['a', 'b'], ['c']]);
  });
});

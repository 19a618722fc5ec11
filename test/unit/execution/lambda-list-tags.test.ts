import { resolve } from 'node:path';
import { builtinActions, iamPolicy } from '../../../src/execution';
import { resourceKinds } from '../../../src/inventory';
import { loadPlaybooks } from '../../../src/playbooks';

const ROOT = resolve(__dirname, '../../..');

// Lambda's GetFunction answers a function's Tags only to a caller allowed lambda:ListTags ("Lambda returns
// tag data only if you have explicit allow permissions for lambda:ListTags"; otherwise a TagsError and no
// tags). The scan reads tags (environment=prod risk rules, the tagging digest) and the undo of a throttle
// reads the value the throttle kept in a tag, both through GetFunction: with the generated policy and
// nothing else, a production function looked untagged and the undo found nothing to restore.
describe('lambda:ListTags (QA issue 15)', () => {
  it('is declared by the Lambda kind (scan and re-read) and by the unthrottle action', () => {
    const kind = resourceKinds.get('lambda-function')!;
    expect(kind.scanner.permissions).toContain('lambda:ListTags');
    expect(kind.permissions).toContain('lambda:ListTags');
    expect(builtinActions().get('lambda.unthrottleFunction')!.permissions).toContain('lambda:ListTags');
  });

  it('is in the policy `cloudops iam-policy` prints for the bundled catalog', () => {
    const registry = builtinActions();
    const { playbooks } = loadPlaybooks(resolve(ROOT, 'playbooks'), registry);
    const read = iamPolicy(registry, playbooks).Statement.find((s) => s.Sid === 'CloudopsRead')!;
    expect(read.Action).toContain('lambda:ListTags');
  });
});

import { isApprover } from '../../../src/approvals';
import { parseConfig } from '../../../src/config';

const policy = parseConfig({
  approval: {
    approvers: { ops: { teams: ['bbbbbbbb-0000-4000-8000-000000000002', 'Carol@Contoso.com'], console: ['carol@contoso.com'] } },
  },
}).approval;

describe('approvers named by UPN (Teams)', () => {
  it('a Teams user whose platform-vouched alias is listed may approve; case does not matter', () => {
    expect(
      isApprover(policy, ['ops'], { platform: 'teams', id: 'cccccccc-0000-4000-8000-000000000003', aliases: ['CAROL@contoso.com'] }),
    ).toBe(true);
    expect(isApprover(policy, ['ops'], { platform: 'teams', id: 'BBBBBBBB-0000-4000-8000-000000000002'.toLowerCase() })).toBe(true);
  });

  it('an alias counts only on its own platform, and an unlisted one does not count', () => {
    expect(isApprover(policy, ['ops'], { platform: 'teams', id: 'x', aliases: ['mallory@contoso.com'] })).toBe(false);
    expect(isApprover(policy, ['ops'], { platform: 'slack', id: 'U1', aliases: ['carol@contoso.com'] })).toBe(false);
  });
});

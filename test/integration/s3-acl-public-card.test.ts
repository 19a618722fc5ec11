import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { converse, testBot } from '../helpers/bot';

const ALL_USERS = '{ Grantee: { Type: Group, URI: "http://acs.amazonaws.com/groups/global/AllUsers" }, Permission: READ }';

const estateText = `
name: s3-acl
accounts:
  - id: "111111111111"
    alias: production
    regions:
      us-west-2:
        s3Buckets:
          - { Name: acl-site, Grants: [${ALL_USERS}] }
          - { Name: acl-ignored, Grants: [${ALL_USERS}], PublicAccessBlockConfiguration: { IgnorePublicAcls: true } }
`;

const estate = join(mkdtempSync(join(tmpdir(), 's3-acl-')), 'estate.yaml');
writeFileSync(estate, estateText);

// QA issue 15: a bucket public by its ACL (a grant to AllUsers, no public bucket policy) showed "state: private"
// and "is not public now" on the block-public-access card, while the findings digest named it public.
describe('block public access on a bucket public by its ACL', () => {
  it('the card says it is public now, by its ACL, at high risk', async () => {
    const bot = await testBot({ estate });
    const out = await converse(bot, ['block public access on the acl-site bucket']);
    expect(out).toContain('bucket: acl-site');
    expect(out).toContain('state: public');
    expect(out).toContain('acl-site is public now (its ACL grants everyone: READ)');
    expect(out).toContain('[HIGH RISK]');
    expect(out).not.toContain('is not public now');
    expect(bot.inventory.all('s3-bucket').find((r) => r.name === 'acl-site')?.facts).toMatchObject({
      public: true,
      publicPolicy: false,
    });
    bot.close();
  });

  it('an ACL grant S3 ignores (IgnorePublicAcls) does not make the bucket public', async () => {
    const bot = await testBot({ estate });
    const out = await converse(bot, ['block public access on the acl-ignored bucket']);
    expect(out).toContain('state: private');
    expect(out).toContain('acl-ignored is not public now');
    bot.close();
  });
});

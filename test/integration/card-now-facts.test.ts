import { kubernetesLine } from '../../src/inventory/kinds/eks-versions';
import { converse, testBot } from '../helpers/bot';

// QA issue 15: the plan cards of the newer kinds showed only name, place and state. The EKS playbook
// promises "the card and the result name the sizes before", and the issue asks for the facts an approver
// judges by (Kubernetes version and its end of standard support, the Lambda runtime and whether AWS
// deprecated it); each kind now words them (ResourceKind.now) on a `now:` line.
describe('plan cards show the resource as it is now', () => {
  it('EKS node group: sizes before and the Kubernetes version with its end of standard support', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['scale the prod-web nodegroup to 6']);
    expect(out).toContain('now: desired 4, min 2, max 8');
    expect(out).toMatch(/now: Kubernetes 1\.\d+, (end of standard support|standard support ended) \d{4}-\d\d-\d\d/);
    bot.close();
  });

  it('EKS cluster upgrade: the version it runs and its end of standard support', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['upgrade the acme-prod cluster']);
    expect(out).toMatch(/now: Kubernetes 1\.\d+, (end of standard support|standard support ended) \d{4}-\d\d-\d\d/);
    bot.close();
  });

  it('Lambda: the runtime, its AWS deprecation date, and the reserved concurrency a throttle replaces', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['throttle payments-webhook']);
    expect(out).toMatch(/now: runtime python3\.12, AWS deprecates it on \d{4}-\d\d-\d\d; reserved concurrency 50/);
    bot.close();
  });

  it('Auto Scaling group and ECS service: the sizes before', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['scale the web-asg to 6', 'scale the checkout service to 6']);
    expect(out).toContain('now: desired 4, min 2, max 10');
    expect(out).toContain('now: desired 4 tasks (FARGATE)');
    bot.close();
  });
});

describe('kubernetesLine', () => {
  const day = new Date('2026-12-06T12:00:00Z');
  it('says when standard support has ended, and when it ends', () => {
    expect(kubernetesLine('1.29', '2025-03-23', day)).toBe(
      'Kubernetes 1.29, standard support ended 2025-03-23 (extended support is billed extra)',
    );
    expect(kubernetesLine('1.35', '2027-03-27', day)).toBe('Kubernetes 1.35, end of standard support 2027-03-27');
    expect(kubernetesLine('1.19', null, day)).toContain("not in the bot's EKS release calendar");
  });
});

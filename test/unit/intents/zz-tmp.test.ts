import { Inventory } from '../../../src/inventory';
import { resource } from '../../helpers/aws';
import { inventoryClassifier } from '../../helpers/understanding';
it('x', () => {
  const inv = new Inventory([
  resource('ec2-instance', 'i-0cc00000000000001', { name: 'queue-node-1' }),
  resource('ec2-instance', 'i-0cc00000000000002', { name: 'queue-node-2' }),
  resource('ec2-instance', 'i-0cc00000000000006', { name: 'ledger-report-prod-1', tags: { environment: 'production' } }),
  resource('ebs-volume', 'vol-0aa00000000000009', { name: 'scratch-vol-7' }),
  ]);
  const c = inventoryClassifier(inv);
  const out: string[] = [];
  for (const t of [
    'the volume scratch-vol-7 is not attached to anything since the migration, please delete it',
    'the volume scratch-vol-7 was detached during the migration, please delete it',
    'queue node 2 need a restart of nginx, the site is hang since noon',
    'queue-node-2 could use a restart of nginx',
    'please reboot queue-node-1, the consumers are all stuck',
    'reboot queue-node-1 please, the workers are all hung',
    'Please stop the ledger reporting server until the audit finishes.',
    'stop the ledger reporting server in us-west-2 until the audit finishes',
    'no space left on device on queue-node-2 while the job writes, could we free the disk',
    'ENOSPC on queue-node-2 when it write the cache, could we free the disk',
  ]) out.push(t + ' => ' + JSON.stringify(c.understand(t)).slice(0, 260));
  console.log(out.join('\n'));
});

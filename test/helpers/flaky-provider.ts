import { CloudError, type CloudProvider, type ServiceApis, type ServiceName, type Target } from '../../src/cloud';

type Service = 'ec2' | 'rds' | 'ssm' | 'tagging' | ServiceName;

/**
 * A provider that fails the calls `fails` picks (by service, method and target) with an AWS-shaped
 * error, and passes everything else to `inner`. Change `fails` between scans to model an outage.
 */
export class FlakyProvider implements CloudProvider {
  readonly kind: 'aws' | 'sandbox';
  readonly label: string;
  fails: (service: Service, method: string, target: Target) => CloudError | undefined = () => undefined;

  constructor(private readonly inner: CloudProvider) {
    this.kind = inner.kind;
    this.label = inner.label;
  }

  accounts() {
    return this.inner.accounts();
  }

  private wrap<T extends object>(service: Service, target: Target, api: T): T {
    return new Proxy(api, {
      get: (obj, prop) => {
        const value = Reflect.get(obj, prop) as unknown;
        if (typeof value !== 'function') return value;
        return async (input: unknown) => {
          const e = this.fails(service, String(prop), target);
          if (e) throw e;
          return (value as (i: unknown) => Promise<unknown>).call(obj, input);
        };
      },
    });
  }

  ec2(t: Target) {
    return this.wrap('ec2', t, this.inner.ec2(t));
  }
  rds(t: Target) {
    return this.wrap('rds', t, this.inner.rds(t));
  }
  ssm(t: Target) {
    return this.wrap('ssm', t, this.inner.ssm(t));
  }
  tagging(t: Target) {
    return this.wrap('tagging', t, this.inner.tagging(t));
  }
  service<N extends ServiceName>(name: N, t: Target): ServiceApis[N] {
    return this.wrap(name, t, this.inner.service(name, t) as ServiceApis[N] & object);
  }
  costExplorer(account?: string) {
    return this.inner.costExplorer(account);
  }
}

export const accessDenied = (what: string) => new CloudError('AccessDenied', `User is not authorized to perform: ${what}`);

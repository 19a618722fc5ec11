/**
 * A provider that pages like AWS (the real page sizes: 1000 instances, 500 volumes, 100 DB instances
 * or clusters, 50 SSM instances, 100 tagged resources) and adds a fixed delay to every page, over a
 * sandbox estate. The scan goes through the same `paginate` path as against AWS.
 */
import type { CloudProvider, Ec2Api, RdsApi, ServiceApis, ServiceName, SsmApi, TaggingApi, Target } from '../src/cloud';
import { SandboxProvider, type Estate } from '../src/cloud';

type Lister = (input: Record<string, unknown>) => Promise<Record<string, unknown>>;

export class SlowPagingProvider implements CloudProvider {
  readonly kind = 'sandbox' as const;
  readonly label: string;
  readonly sandbox: SandboxProvider;
  pages = 0;
  private readonly full = new Map<string, unknown[]>();

  constructor(
    estate: Estate,
    private readonly delayMs: number,
  ) {
    this.sandbox = new SandboxProvider(estate, 'synthetic');
    this.label = `${this.sandbox.label}, ${delayMs} ms per page`;
  }

  accounts() {
    return this.sandbox.accounts();
  }

  /** One page of a list: the whole list is read once per target and sliced by token, like a cursor. */
  private paged(key: string, list: () => Promise<unknown[]>, pageSize: number, field: string, tokenIn: string, tokenOut: string): Lister {
    return async (input) => {
      let all = this.full.get(key);
      if (!all) {
        all = await list();
        this.full.set(key, all);
      }
      await new Promise((r) => setTimeout(r, this.delayMs));
      this.pages += 1;
      const start = Number(input[tokenIn] ?? 0);
      const size = Math.min(pageSize, Number(input.MaxResults ?? input.MaxRecords ?? input.ResourcesPerPage ?? pageSize));
      const page = all.slice(start, start + size);
      const next = start + size < all.length ? String(start + size) : undefined;
      return { [field]: page, ...(next ? { [tokenOut]: next } : {}) };
    };
  }

  ec2(t: Target): Ec2Api {
    const inner = this.sandbox.ec2(t);
    const k = `${t.account}|${t.region}`;
    const instances = this.paged(
      `${k}|i`,
      async () => (await inner.describeInstances({})).Reservations?.flatMap((r) => r.Instances ?? []) ?? [],
      1000,
      'Instances',
      'NextToken',
      'NextToken',
    );
    return Object.assign(bindAll<Ec2Api>(inner), {
      describeInstances: async (input: Record<string, unknown>) => {
        const out = await instances(input);
        return { Reservations: [{ Instances: out.Instances as never }], NextToken: out.NextToken as string | undefined };
      },
      describeVolumes: this.paged(
        `${k}|v`,
        async () => (await inner.describeVolumes({})).Volumes ?? [],
        500,
        'Volumes',
        'NextToken',
        'NextToken',
      ) as never,
    });
  }

  rds(t: Target): RdsApi {
    const inner = this.sandbox.rds(t);
    const k = `${t.account}|${t.region}`;
    return Object.assign(bindAll<RdsApi>(inner), {
      describeDBInstances: this.paged(
        `${k}|d`,
        async () => (await inner.describeDBInstances({})).DBInstances ?? [],
        100,
        'DBInstances',
        'Marker',
        'Marker',
      ) as never,
      describeDBClusters: this.paged(
        `${k}|c`,
        async () => (await inner.describeDBClusters({})).DBClusters ?? [],
        100,
        'DBClusters',
        'Marker',
        'Marker',
      ) as never,
    });
  }

  ssm(t: Target): SsmApi {
    const inner = this.sandbox.ssm(t);
    return Object.assign(bindAll<SsmApi>(inner), {
      describeInstanceInformation: this.paged(
        `${t.account}|${t.region}|s`,
        async () => (await inner.describeInstanceInformation({})).InstanceInformationList ?? [],
        50,
        'InstanceInformationList',
        'NextToken',
        'NextToken',
      ) as never,
    });
  }

  tagging(t: Target): TaggingApi {
    const inner = this.sandbox.tagging(t);
    return Object.assign(bindAll<TaggingApi>(inner), {
      getResources: this.paged(
        `${t.account}|${t.region}|t`,
        async () => (await inner.getResources({})).ResourceTagMappingList ?? [],
        100,
        'ResourceTagMappingList',
        'PaginationToken',
        'PaginationToken',
      ) as never,
    });
  }

  service<N extends ServiceName>(name: N, t: Target): ServiceApis[N] {
    return this.sandbox.service(name, t);
  }

  costExplorer(account?: string) {
    return this.sandbox.costExplorer(account);
  }
}

/** The object's methods (class prototype methods included), bound, as a plain object to spread. */
function bindAll<T extends object>(o: object): T {
  const out: Record<string, unknown> = {};
  for (const k of Object.getOwnPropertyNames(Object.getPrototypeOf(o))) {
    const v = (o as Record<string, unknown>)[k];
    if (k !== 'constructor' && typeof v === 'function') out[k] = (v as (...a: unknown[]) => unknown).bind(o);
  }
  return out as T;
}

import { CloudError, type Tagging, type TaggingApi } from '../provider';
import type { SandboxState } from './SandboxState';

type Taggable = { arn: string; tags: { Key?: string; Value?: string }[]; setTags(t: { Key?: string; Value?: string }[]): void };

/**
 * The Resource Groups Tagging API over the sandbox estate (EC2 instances, EBS volumes, RDS instances, Lambda
 * functions, S3 buckets, ECS services).
 */
export class SandboxTagging implements TaggingApi {
  constructor(
    private readonly state: SandboxState,
    private readonly account: string,
    private readonly region: string,
  ) {}

  private taggables(): Taggable[] {
    const r = this.state.region(this.account, this.region);
    const base = `arn:aws:ec2:${this.region}:${this.account}`;
    return [
      ...r.ec2Instances.map((i) => ({
        arn: `${base}:instance/${i.InstanceId}`,
        tags: i.Tags ?? [],
        setTags: (t: { Key?: string; Value?: string }[]) => void (i.Tags = t),
      })),
      ...r.ebsVolumes.map((v) => ({
        arn: `${base}:volume/${v.VolumeId}`,
        tags: v.Tags ?? [],
        setTags: (t: { Key?: string; Value?: string }[]) => void (v.Tags = t),
      })),
      ...r.rdsInstances.map((d) => ({
        arn: d.DBInstanceArn ?? `arn:aws:rds:${this.region}:${this.account}:db:${d.DBInstanceIdentifier}`,
        tags: d.TagList ?? [],
        setTags: (t: { Key?: string; Value?: string }[]) => void (d.TagList = t),
      })),
      ...(r.lambdaFunctions ?? []).map((f) => ({
        arn: f.FunctionArn ?? `arn:aws:lambda:${this.region}:${this.account}:function:${f.FunctionName}`,
        tags: Object.entries(f.Tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
        setTags: (t: { Key?: string; Value?: string }[]) => void (f.Tags = Object.fromEntries(t.map((x) => [x.Key!, x.Value ?? '']))),
      })),
      ...(r.s3Buckets ?? []).map((b) => ({
        arn: `arn:aws:s3:::${b.Name}`,
        tags: b.Tags ?? [],
        setTags: (t: { Key?: string; Value?: string }[]) => void (b.Tags = t.map((x) => ({ Key: x.Key!, Value: x.Value ?? '' }))),
      })),
      ...(r.ecsServices ?? []).map((e) => ({
        arn: e.serviceArn ?? `arn:aws:ecs:${this.region}:${this.account}:service/${e.clusterArn!.split('/').pop()}/${e.serviceName}`,
        tags: (e.tags ?? []).map((x) => ({ Key: x.key, Value: x.value })),
        setTags: (t: { Key?: string; Value?: string }[]) => void (e.tags = t.map((x) => ({ key: x.Key, value: x.Value ?? '' }))),
      })),
    ];
  }

  async getResources(input: Tagging.GetResourcesCommandInput) {
    let list = this.taggables();
    if (input.ResourceARNList?.length) list = list.filter((t) => input.ResourceARNList!.includes(t.arn));
    if (input.ResourceTypeFilters?.length)
      list = list.filter((t) =>
        input.ResourceTypeFilters!.some(
          (f) => t.arn.split(':')[2] === f.split(':')[0] && (f.split(':').length === 1 || t.arn.split(':')[5].startsWith(f.split(':')[1])),
        ),
      );
    return {
      ResourceTagMappingList: list.map((t) => ({ ResourceARN: t.arn, Tags: t.tags.map((x) => ({ Key: x.Key!, Value: x.Value ?? '' })) })),
      PaginationToken: '',
      $metadata: { requestId: this.state.nextRequestId() },
    };
  }

  async tagResources(input: Tagging.TagResourcesCommandInput) {
    const all = this.taggables();
    const FailedResourcesMap: Record<string, { ErrorCode: 'InvalidParameterException'; ErrorMessage: string; StatusCode: number }> = {};
    for (const arn of input.ResourceARNList ?? []) {
      const t = all.find((x) => x.arn === arn);
      if (!t) {
        FailedResourcesMap[arn] = {
          ErrorCode: 'InvalidParameterException',
          ErrorMessage: `No resource ${arn} in the sandbox estate.`,
          StatusCode: 400,
        };
        continue;
      }
      const tags = [...t.tags];
      for (const [Key, Value] of Object.entries(input.Tags ?? {})) {
        const existing = tags.find((x) => x.Key === Key);
        if (existing) existing.Value = Value;
        else tags.push({ Key, Value });
      }
      t.setTags(tags);
    }
    if (!input.ResourceARNList?.length)
      throw new CloudError('InvalidParameterException', 'ResourceARNList must name at least one resource.');
    return { FailedResourcesMap, $metadata: { requestId: this.state.nextRequestId() } };
  }
}

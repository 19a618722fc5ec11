import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import type { BedrockOptions } from './BedrockToolChooser';

/**
 * A short paragraph from Bedrock's Converse API (no tools, temperature 0, a small token budget): the
 * "What stands out" line of a digest. Throws on any failure; the caller posts the digest without it.
 */
export class BedrockNarrator {
  constructor(
    private readonly client: BedrockRuntimeClient,
    readonly modelId: string,
    private readonly maxTokens: number,
  ) {}

  static fromOptions(options: BedrockOptions, env: NodeJS.ProcessEnv = process.env): BedrockNarrator {
    const endpoint = options.endpoint ?? env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME ?? env.AWS_ENDPOINT_URL;
    const client = new BedrockRuntimeClient({
      region: options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
      maxAttempts: 1,
      ...(endpoint ? { endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
    return new BedrockNarrator(client, options.modelId, options.maxTokens ?? 200);
  }

  async write(system: string, text: string, signal: AbortSignal): Promise<string> {
    const out = await this.client.send(
      new ConverseCommand({
        modelId: this.modelId,
        system: [{ text: system }],
        messages: [{ role: 'user', content: [{ text }] }],
        inferenceConfig: { maxTokens: this.maxTokens, temperature: 0 },
      }),
      { abortSignal: signal },
    );
    if (out.stopReason === 'guardrail_intervened' || out.stopReason === 'content_filtered')
      throw new Error(`Bedrock declined (${out.stopReason})`);
    return (out.output?.message?.content ?? [])
      .map((c) => c.text ?? '')
      .join('')
      .trim();
  }
}

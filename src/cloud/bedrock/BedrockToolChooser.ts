import { BedrockRuntimeClient, ConverseCommand, type Tool } from '@aws-sdk/client-bedrock-runtime';
import { ModelCallError, type ToolChoice, type ToolChoiceRequest, type ToolChooser } from './ToolChooser';

export interface BedrockOptions {
  /** Model id or inference profile id (`us.anthropic.claude-haiku-4-5-20251001-v1:0`, `us.amazon.nova-lite-v1:0`). */
  modelId: string;
  region?: string;
  /** Defaults to AWS_ENDPOINT_URL_BEDROCK_RUNTIME (then AWS_ENDPOINT_URL), for a private endpoint or a test stand-in. */
  endpoint?: string;
  /** Static credentials (tests); otherwise the SDK's default chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  maxTokens?: number;
}

/**
 * Bedrock's Converse API with tool use: the playbooks are the tools, the model must pick one
 * (`toolChoice: any`). One attempt per call: retries and timeouts belong to the caller, which knows
 * its time budget and falls back to the local classifier.
 */
export class BedrockToolChooser implements ToolChooser {
  readonly describe: string;

  constructor(
    private readonly client: BedrockRuntimeClient,
    private readonly modelId: string,
    private readonly maxTokens = 400,
  ) {
    this.describe = `bedrock ${modelId}`;
  }

  static fromOptions(options: BedrockOptions, env: NodeJS.ProcessEnv = process.env): BedrockToolChooser {
    const endpoint = options.endpoint ?? env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME ?? env.AWS_ENDPOINT_URL;
    const client = new BedrockRuntimeClient({
      region: options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
      maxAttempts: 1,
      ...(endpoint ? { endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
    return new BedrockToolChooser(client, options.modelId, options.maxTokens);
  }

  async choose(request: ToolChoiceRequest, signal: AbortSignal): Promise<ToolChoice> {
    const tools: Tool[] = request.tools.map((t) => ({
      toolSpec: { name: t.name, description: t.description, inputSchema: { json: t.inputSchema as never } },
    }));
    try {
      const out = await this.client.send(
        new ConverseCommand({
          modelId: this.modelId,
          system: [{ text: request.system }],
          messages: [{ role: 'user', content: [{ text: request.text }] }],
          toolConfig: { tools, toolChoice: { any: {} } },
          inferenceConfig: { maxTokens: this.maxTokens, temperature: 0 },
        }),
        { abortSignal: signal },
      );
      const content = out.output?.message?.content ?? [];
      const use = content.find((c) => c.toolUse)?.toolUse;
      if (use?.name) return { kind: 'tool', name: use.name, input: use.input };
      return { kind: 'text', text: content.map((c) => c.text ?? '').join('') };
    } catch (e) {
      throw asModelError(e, signal);
    }
  }
}

function asModelError(e: unknown, signal: AbortSignal): ModelCallError {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = err.name ?? '';
  const status = err.$metadata?.httpStatusCode ?? 0;
  const message = `${name || 'error'}: ${err.message ?? String(e)}`;
  if (signal.aborted || name === 'AbortError' || name === 'TimeoutError')
    return new ModelCallError('Bedrock did not answer in time', 'timeout');
  if (name === 'ThrottlingException' || name === 'TooManyRequestsException' || status === 429)
    return new ModelCallError(message, 'throttled');
  if (
    name === 'AccessDeniedException' ||
    name === 'UnrecognizedClientException' ||
    name === 'ExpiredTokenException' ||
    status === 401 ||
    status === 403
  )
    return new ModelCallError(message, 'denied');
  if (
    name === 'ServiceUnavailableException' ||
    name === 'ModelNotReadyException' ||
    name === 'InternalServerException' ||
    name === 'ModelTimeoutException' ||
    status >= 500
  )
    return new ModelCallError(message, 'unavailable');
  if (name === 'ValidationException' || name === 'ResourceNotFoundException' || status === 400 || status === 404)
    return new ModelCallError(message, 'invalid');
  return new ModelCallError(message, 'other');
}

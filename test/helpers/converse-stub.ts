import {
  createServer,
  type Http2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type Http2Session,
  type IncomingHttpHeaders,
} from 'node:http2';
import type { AddressInfo } from 'node:net';

/** What the stand-in does with one request. */
export type ConverseReply = { tool: string; input: unknown } | { text: string } | { error: string; status: number } | { hang: true };

export interface ConverseCall {
  path: string;
  body: {
    modelId?: string;
    system?: { text: string }[];
    messages?: { role: string; content: { text?: string }[] }[];
    toolConfig?: { tools: { toolSpec: { name: string; inputSchema: { json: unknown } } }[]; toolChoice?: unknown };
  };
  headers: IncomingHttpHeaders;
}

/**
 * A local HTTP/2 (cleartext) server on 127.0.0.1 that speaks enough of Bedrock's Converse API for the
 * SDK client, which talks HTTP/2 to bedrock-runtime:
 * `POST /model/{modelId}/converse`, answering with a tool call, plain text, an AWS error, or nothing.
 */
export class ConverseStub {
  readonly calls: ConverseCall[] = [];
  private replies: ConverseReply[] = [];
  private fallback: ConverseReply = { text: 'no reply queued' };
  private readonly sessions = new Set<Http2Session>();
  private server?: Http2Server;

  /** Replies in order; the last one repeats. */
  reply(...replies: ConverseReply[]): this {
    this.replies = replies.slice(0, -1);
    this.fallback = replies[replies.length - 1];
    return this;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.on('session', (s) => {
      this.sessions.add(s);
      s.on('close', () => this.sessions.delete(s));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sessions) s.destroy();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  private handle(req: Http2ServerRequest, res: Http2ServerResponse): void {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      this.calls.push({ path: req.url ?? '', body: raw ? JSON.parse(raw) : {}, headers: req.headers });
      if (req.method !== 'POST' || !/^\/model\/[^/]+\/converse$/.test(req.url ?? '')) {
        res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'UnknownOperationException' });
        res.end('{}');
        return;
      }
      const reply = this.replies.shift() ?? this.fallback;
      if ('hang' in reply) return;
      if ('error' in reply) {
        res.writeHead(reply.status, {
          'content-type': 'application/json',
          'x-amzn-errortype': `${reply.error}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
          'x-amzn-requestid': 'stub-1',
        });
        res.end(JSON.stringify({ message: `${reply.error} from the stand-in` }));
        return;
      }
      const content =
        'tool' in reply ? [{ toolUse: { toolUseId: 'tooluse_stub', name: reply.tool, input: reply.input } }] : [{ text: reply.text }];
      res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'stub-1' });
      res.end(
        JSON.stringify({
          output: { message: { role: 'assistant', content } },
          stopReason: 'tool' in reply ? 'tool_use' : 'end_turn',
          usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
          metrics: { latencyMs: 12 },
        }),
      );
    });
  }
}

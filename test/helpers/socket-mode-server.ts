import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local stand-in for Slack's Socket Mode WebSocket endpoint: just enough RFC 6455 (text frames,
 * ping/pong, close) to say hello, push envelopes and collect the app's acknowledgements.
 */
export class SocketModeStandIn {
  readonly acks: Record<string, any>[] = [];
  private socket?: Socket;
  private server?: Server;
  private connected?: () => void;
  private readonly connection = new Promise<void>((ok) => (this.connected = ok));
  private ackWaiters: { id: string; ok: (a: Record<string, any>) => void }[] = [];
  url = '';

  static async start(): Promise<SocketModeStandIn> {
    const s = new SocketModeStandIn();
    s.server = createServer((_req, res) => res.writeHead(426).end());
    s.server.on('upgrade', (req, socket: Socket) => {
      const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
      );
      s.socket = socket;
      s.read(socket);
      s.send({ type: 'hello', num_connections: 1, debug_info: { host: 'stand-in' }, connection_info: { app_id: 'A0CLOUDOPS' } });
      s.connected?.();
    });
    await new Promise<void>((ok) => s.server!.listen(0, '127.0.0.1', ok));
    s.url = `ws://127.0.0.1:${(s.server.address() as AddressInfo).port}/link/?ticket=stand-in`;
    return s;
  }

  /** Resolves once the app's connection has closed (it disconnected, or the stand-in closed it). */
  whenDisconnected(): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.destroyed) return Promise.resolve();
    return new Promise((ok) => socket.once('close', () => ok()));
  }

  /** Resolves once the app has connected and been greeted. */
  whenConnected(): Promise<void> {
    return this.connection;
  }

  send(message: unknown): void {
    this.socket?.write(frame(0x1, Buffer.from(JSON.stringify(message))));
  }

  /** Resolves with the app's acknowledgement of envelope `id`. */
  ackFor(id: string): Promise<Record<string, any>> {
    const hit = this.acks.find((a) => a.envelope_id === id);
    return hit ? Promise.resolve(hit) : new Promise((ok) => this.ackWaiters.push({ id, ok }));
  }

  async close(): Promise<void> {
    this.socket?.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((ok) => this.server!.close(() => ok()));
  }

  private read(socket: Socket): void {
    let buf = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const f = parseFrame(buf);
        if (!f) return;
        buf = buf.subarray(f.size);
        if (f.opcode === 0x1) this.onText(f.payload.toString('utf8'));
        else if (f.opcode === 0x9) socket.write(frame(0xa, f.payload));
        else if (f.opcode === 0x8) {
          socket.write(frame(0x8, f.payload.subarray(0, 2)));
          socket.end();
        }
      }
    });
  }

  private onText(text: string): void {
    const msg = JSON.parse(text) as Record<string, any>;
    if (!msg.envelope_id) return;
    this.acks.push(msg);
    for (const w of this.ackWaiters.filter((x) => x.id === msg.envelope_id)) {
      this.ackWaiters.splice(this.ackWaiters.indexOf(w), 1);
      w.ok(msg);
    }
  }
}

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head =
    len < 126
      ? Buffer.from([0x80 | opcode, len])
      : len < 65536
        ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(len)]);
  return Buffer.concat([head, payload]);
}

function bigLength(len: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(len));
  return b;
}

/** One client frame (always masked), or undefined until all of it has arrived. */
function parseFrame(buf: Buffer): { opcode: number; payload: Buffer; size: number } | undefined {
  if (buf.length < 2) return undefined;
  const opcode = buf[0] & 0x0f;
  const masked = (buf[1] & 0x80) !== 0;
  let len = buf[1] & 0x7f;
  let at = 2;
  if (len === 126) {
    if (buf.length < 4) return undefined;
    len = buf.readUInt16BE(2);
    at = 4;
  } else if (len === 127) {
    if (buf.length < 10) return undefined;
    len = Number(buf.readBigUInt64BE(2));
    at = 10;
  }
  const maskAt = at;
  if (masked) at += 4;
  if (buf.length < at + len) return undefined;
  const payload = Buffer.from(buf.subarray(at, at + len));
  if (masked) for (let i = 0; i < payload.length; i++) payload[i] ^= buf[maskAt + (i % 4)];
  return { opcode, payload, size: at + len };
}

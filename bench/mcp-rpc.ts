/**
 * A minimal MCP client that speaks raw JSON-RPC over Streamable HTTP (node:http, keep-alive).
 * The SDK's Client saturates a core at ~1,650 calls/s on these machines (NOTES.md), so load and
 * soak runs drive `/mcp` with this instead; correctness tests keep the SDK client.
 */
import { Agent, request } from 'node:http';

export const PROTOCOL_VERSION = '2025-06-18';

export interface RpcReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The JSON-RPC response (from the SSE stream or a JSON body), or null (e.g. 202, empty body). */
  message: { id?: unknown; result?: unknown; error?: { code: number; message: string } } | null;
}

export interface RawMcpOptions {
  /** e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  token: string | null;
  agent?: Agent;
  /** Per-request time limit. */
  timeoutMs?: number;
}

/** The last JSON-RPC message carried by an SSE body (`data:` lines), or the JSON body itself. */
export function parseRpcBody(contentType: string, text: string): RpcReply['message'] {
  if (!text) return null;
  if (contentType.includes('text/event-stream')) {
    let last: RpcReply['message'] = null;
    for (const line of text.split('\n')) {
      if (line.startsWith('data:')) {
        const data = line.slice(5).trim();
        if (data) last = JSON.parse(data) as RpcReply['message'];
      }
    }
    return last;
  }
  return JSON.parse(text) as RpcReply['message'];
}

/** One MCP session driven with raw JSON-RPC POSTs. */
export class RawMcpSession {
  sessionId: string | null = null;
  private nextId = 1;
  private readonly url: URL;
  private readonly agent: Agent;
  private readonly ownAgent: boolean;

  constructor(private readonly options: RawMcpOptions) {
    this.url = new URL('/mcp', options.baseUrl);
    this.ownAgent = !options.agent;
    this.agent = options.agent ?? new Agent({ keepAlive: true, maxSockets: 1 });
  }

  /** Closes the kept-alive connections (of an agent this session made itself). */
  close(): void {
    if (this.ownAgent) this.agent.destroy();
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(this.options.token && { authorization: `Bearer ${this.options.token}` }),
      ...(this.sessionId && { 'mcp-session-id': this.sessionId, 'mcp-protocol-version': PROTOCOL_VERSION }),
      ...extra,
    };
  }

  /** One POST of a JSON-RPC message; resolves when the whole response (SSE stream included) is read. */
  post(body: unknown): Promise<RpcReply> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: { ...this.headers(), 'content-length': String(Buffer.byteLength(payload)) },
          timeout: this.options.timeoutMs ?? 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            try {
              const text = Buffer.concat(chunks).toString('utf8');
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                message: parseRpcBody(String(res.headers['content-type'] ?? ''), text),
              });
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`MCP request timed out: ${payload.slice(0, 80)}`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** initialize + notifications/initialized; keeps the session id for later calls. */
  async initialize(): Promise<string> {
    const reply = await this.post({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: {
        protocolVersion: PROTOCOL_VERSION,
        capabilities: {},
        clientInfo: { name: 'deskwoot-raw-rpc', version: '1.0.0' },
      },
    });
    const id = reply.headers['mcp-session-id'];
    if (reply.status !== 200 || typeof id !== 'string') {
      throw new Error(`initialize failed: HTTP ${reply.status} ${JSON.stringify(reply.message)}`);
    }
    this.sessionId = id;
    const notified = await this.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    if (notified.status !== 202) throw new Error(`notifications/initialized: HTTP ${notified.status}`);
    return id;
  }

  /** A JSON-RPC request with a fresh id. */
  request(method: string, params: Record<string, unknown> = {}): Promise<RpcReply> {
    return this.post({ jsonrpc: '2.0', id: this.nextId++, method, params });
  }

  callTool(name: string, args: Record<string, unknown>): Promise<RpcReply> {
    return this.request('tools/call', { name, arguments: args });
  }

  /**
   * Opens the session's standalone GET SSE stream; `ended` resolves when the server ends it (or
   * the connection drops), `status` with the HTTP status once headers arrive.
   */
  openStream(): { status: Promise<number>; ended: Promise<void>; close(): void } {
    let close = () => undefined as void;
    let settleStatus: (status: number) => void = () => undefined;
    const status = new Promise<number>((resolve) => (settleStatus = resolve));
    const ended = new Promise<void>((resolve) => {
      const req = request(this.url, {
        method: 'GET',
        // Its own connection: a stream holds it for as long as it is open.
        agent: false,
        headers: this.headers({ accept: 'text/event-stream' }),
      });
      req.on('response', (res) => {
        settleStatus(res.statusCode ?? 0);
        res.on('data', () => undefined);
        res.on('end', () => resolve());
        res.on('close', () => resolve());
        res.on('error', () => resolve());
      });
      req.on('error', () => {
        settleStatus(0);
        resolve();
      });
      req.end();
      close = () => void req.destroy();
    });
    return { status, ended, close: () => close() };
  }

  /** DELETE: ends the session on the server. */
  terminate(): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(
        this.url,
        { method: 'DELETE', agent: this.agent, headers: this.headers() },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end();
    });
  }
}

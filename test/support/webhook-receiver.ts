import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the receiver does with one request: answer with a status, hang until released, or cut the connection. */
export type Reply = number | 'hang' | 'reset';

export interface ReceivedWebhook {
  deliveryId: string | null;
  timestamp: string | null;
  signature: string | null;
  rawBody: string;
  /** The parsed body; `message.id` names the message. */
  body: { event?: string; message?: { id?: string } } & Record<string, unknown>;
  /** How the receiver answered (`hang` until released, then 200). */
  reply: Reply;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hook`; stays the same across stop() and start(). */
  url: string;
  hits: ReceivedWebhook[];
  /** Replies for the next requests, in order; after them every request gets 200. */
  plan: Reply[];
  /** Decides the reply to a request before `plan` does (undefined: fall through to the plan). */
  rule: ((hit: Omit<ReceivedWebhook, 'reply'>) => Reply | undefined) | null;
  /** Delay before answering each request, to make senders overlap. */
  delayMs: number;
  /** Answers every hung request with 200 (or the status given). */
  release(status?: number): void;
  /** Resolves once `count` requests have arrived, or rejects after `timeoutMs`. */
  waitForHits(count: number, timeoutMs?: number): Promise<void>;
  reset(): void;
  /** Stops listening (senders then get connection refused) and cuts open connections. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * A local webhook endpoint on 127.0.0.1 and an ephemeral port that records every request with its
 * raw body, so a test can check signatures and count deliveries. With `down: true` it only reserves
 * the port and starts not listening, for tests that begin with the receiver unreachable.
 */
export async function startWebhookReceiver(options: { down?: boolean } = {}): Promise<WebhookReceiver> {
  const hung: ServerResponse[] = [];
  let server: Server | null = null;
  const receiver: WebhookReceiver = {
    url: '',
    hits: [],
    plan: [],
    rule: null,
    delayMs: 0,
    release(status = 200) {
      for (const response of hung.splice(0)) if (!response.writableEnded) response.writeHead(status).end();
    },
    async waitForHits(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (receiver.hits.length < count) {
        if (Date.now() > deadline)
          throw new Error(`Expected ${count} webhook requests, got ${receiver.hits.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    reset() {
      receiver.release();
      receiver.hits = [];
      receiver.plan = [];
      receiver.rule = null;
      receiver.delayMs = 0;
    },
    async stop() {
      const current = server;
      server = null;
      if (!current) return;
      receiver.release(503);
      await new Promise<void>((resolve) => {
        current.close(() => resolve());
        current.closeAllConnections();
      });
    },
    async start() {
      if (server) return;
      server = await listen(handle, port);
    },
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    let body: ReceivedWebhook['body'] = {};
    try {
      body = JSON.parse(rawBody) as ReceivedWebhook['body'];
    } catch {
      // recorded as it came; the test's assertions will say what is wrong
    }
    const hit = {
      deliveryId: header(request, 'x-deskwoot-delivery'),
      timestamp: header(request, 'x-deskwoot-timestamp'),
      signature: header(request, 'x-deskwoot-signature'),
      rawBody,
      body,
    };
    const reply = receiver.rule?.(hit) ?? receiver.plan.shift() ?? 200;
    receiver.hits.push({ ...hit, reply });
    if (receiver.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, receiver.delayMs));
    if (reply === 'hang') hung.push(response);
    else if (reply === 'reset') request.socket.destroy();
    else response.writeHead(reply, { 'content-type': 'text/plain' }).end('ok');
  }

  const first = await listen(handle, 0);
  const port = (first.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${port}/hook`;
  server = first;
  if (options.down) await receiver.stop();
  return receiver;
}

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
}

function listen(
  handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
  port: number,
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((request, response) => {
      handle(request, response).catch(() => response.destroy());
    });
    server.keepAliveTimeout = 1000;
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

import {
  WebStandardStreamableHTTPServerTransport,
  type WebStandardStreamableHTTPServerTransportOptions,
} from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  isJSONRPCErrorResponse,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';

/** The SDK transport's private bookkeeping that the two fixes below reach into. */
interface Bookkeeping {
  _requestToStreamMapping: Map<RequestId, string>;
  _streamMapping: Map<string, { resolveJson?: (response: Response) => void }>;
}

/**
 * The SDK's Web-standard Streamable HTTP transport, answering each POST with one JSON body
 * instead of an SSE stream: Deskwoot's tools send no progress, log or server-to-client request
 * while they run, so a stream would carry the answer alone, at the cost of a stream, an encoder
 * and three socket writes per call. The standalone GET stream stays a stream.
 *
 * JSON mode has two upstream faults in SDK 1.32 (typescript-sdk #2559, NOTES.md), mended here:
 * - a POST's stream entry is resolved but never removed, so a session would grow by one entry
 *   per call for its whole life: once the last answer of a POST is sent, its entry goes;
 * - closing the session (the kill switch, an idle sweep, DELETE) removes the entries of POSTs
 *   still running without answering them, so their HTTP requests would hang: they are answered
 *   first, with a JSON-RPC error saying the session ended.
 * `sessionBacklog` (sessions.ts) reads the same fields; test/mcp-memory.test.ts and the soak
 * bench fail should an SDK update move them.
 */
export class JsonResponseTransport extends WebStandardStreamableHTTPServerTransport {
  constructor(options: Omit<WebStandardStreamableHTTPServerTransportOptions, 'enableJsonResponse'>) {
    super({ ...options, enableJsonResponse: true });
  }

  private get bookkeeping(): Bookkeeping {
    return this as unknown as Bookkeeping;
  }

  override async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const { _requestToStreamMapping: requests, _streamMapping: streams } = this.bookkeeping;
    const answers =
      isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message) ? message.id : undefined;
    const streamId = answers === undefined ? undefined : requests.get(answers);
    await super.send(message, options);
    if (streamId === undefined || !streams.get(streamId)?.resolveJson) return;
    for (const waiting of requests.values()) if (waiting === streamId) return;
    streams.delete(streamId);
  }

  override async close(): Promise<void> {
    for (const stream of this.bookkeeping._streamMapping.values())
      stream.resolveJson?.(
        Response.json(
          { jsonrpc: '2.0', error: { code: -32000, message: 'The session ended' }, id: null },
          { status: 404 },
        ),
      );
    await super.close();
  }
}

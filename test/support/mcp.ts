import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createAgent } from '../../src/agents/create-agent.js';
import type { Actor } from '../../src/core/actor.js';
import { perform } from '../../src/core/perform.js';
import type { Services } from '../../src/core/services.js';
import type { Scope } from '../../src/core/scopes.js';

/** A bot token for a new agent of the workspace, made through the same action as REST and the CLI. */
export async function makeAgent(
  services: Services,
  system: Actor,
  options: {
    scopes: Scope[];
    mode?: 'supervised' | 'autonomous';
    inbox_ids?: string[] | null;
    name?: string;
  },
): Promise<{ id: string; token: string }> {
  const agent = await perform(services, system, createAgent, {
    name: options.name ?? 'Test agent',
    scopes: options.scopes,
    mode: options.mode ?? 'supervised',
    inbox_ids: options.inbox_ids ?? null,
    limits: { max_amount: { USD: 5000 }, daily_amount: { USD: 20000 } },
  });
  return { id: agent.id, token: agent.token };
}

/** The SDK's real client over Streamable HTTP, with the bot token as a Bearer header. */
export async function connectAgent(baseUrl: string, token: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  const client = new Client({ name: 'deskwoot-test-agent', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

export interface ToolOutcome {
  isError: boolean;
  body: Record<string, unknown>;
}

/** Calls a tool and returns its structured result (errors included) without throwing on isError. */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<ToolOutcome> {
  const result = await client.callTool({ name, arguments: args });
  return {
    isError: result.isError === true,
    body: (result.structuredContent ?? {}) as Record<string, unknown>,
  };
}

import { describe, expect, it } from 'vitest';
import { mcpClientConfigs } from './mcp-config.js';

describe('mcpClientConfigs', () => {
  it('points every client at /mcp with the token as a Bearer header', () => {
    const configs = mcpClientConfigs('http://127.0.0.1:3000/', 'dwt_abc');
    expect(configs.mcp_config.mcpServers.deskwoot).toEqual({
      url: 'http://127.0.0.1:3000/mcp',
      headers: { Authorization: 'Bearer dwt_abc' },
    });
    expect(configs.claude_code).toBe(
      'claude mcp add --transport http deskwoot http://127.0.0.1:3000/mcp --header "Authorization: Bearer dwt_abc"',
    );
    expect(configs.openclaw).toBe(
      `openclaw mcp set deskwoot '{"url":"http://127.0.0.1:3000/mcp","transport":"streamable-http","headers":{"Authorization":"Bearer dwt_abc"}}'`,
    );
  });
});

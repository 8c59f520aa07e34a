/** Ready-to-paste MCP client configurations for a bot token (SPEC §3), for the CLI, demo and dashboard. */
export interface McpClientConfigs {
  /** The `mcpServers` JSON most clients read (Cursor's `mcp.json`, and generic clients). */
  mcp_config: { mcpServers: { deskwoot: { url: string; headers: { Authorization: string } } } };
  claude_code: string;
  openclaw: string;
}

export function mcpClientConfigs(baseUrl: string, token: string): McpClientConfigs {
  const url = `${baseUrl.replace(/\/+$/, '')}/mcp`;
  const authorization = `Bearer ${token}`;
  const openclaw = JSON.stringify({
    url,
    transport: 'streamable-http',
    headers: { Authorization: authorization },
  });
  return {
    mcp_config: { mcpServers: { deskwoot: { url, headers: { Authorization: authorization } } } },
    claude_code: `claude mcp add --transport http deskwoot ${url} --header "Authorization: ${authorization}"`,
    openclaw: `openclaw mcp set deskwoot '${openclaw}'`,
  };
}

/** The lines a person reads after creating a token. */
export function mcpConfigLines(configs: McpClientConfigs): string[] {
  return [
    'Claude Code:',
    `  ${configs.claude_code}`,
    'Cursor (mcp.json) or any MCP client:',
    ...JSON.stringify(configs.mcp_config, null, 2)
      .split('\n')
      .map((line) => `  ${line}`),
    'OpenClaw:',
    `  ${configs.openclaw}`,
  ];
}

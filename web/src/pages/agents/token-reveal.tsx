import { mcpClientConfigs } from '../../../../src/agents/mcp-config.js';
import { CopyButton } from '../../components/copy-button.js';
import { Button, Notice } from '../../components/ui.js';

function Snippet({ title, text, label }: { title: string; text: string; label: string }) {
  return (
    <section className="snippet">
      <div className="snippet-head">
        <h3>{title}</h3>
        <CopyButton text={text} label={label} />
      </div>
      <pre>
        <code>{text}</code>
      </pre>
    </section>
  );
}

/** The new token, this once, with a copy button and ready-to-paste MCP client configurations. */
export function TokenReveal({ name, token, onDone }: { name: string; token: string; onDone(): void }) {
  const configs = mcpClientConfigs(location.origin, token);
  const url = `${location.origin}/mcp`;
  return (
    <section className="token-reveal" aria-labelledby="token-title">
      <h2 id="token-title">{name} is ready</h2>
      <Notice tone="warning">
        Copy the token now: it is shown only this once and cannot be shown again.
      </Notice>
      <div className="token-box">
        <label htmlFor="new-token">Bot token</label>
        <input id="new-token" readOnly value={token} onFocus={(e) => e.currentTarget.select()} />
        <CopyButton text={token} label="the bot token" />
      </div>
      <Snippet title="Claude Code" text={configs.claude_code} label="the Claude Code command" />
      <Snippet
        title="Cursor (.cursor/mcp.json)"
        text={JSON.stringify(configs.mcp_config, null, 2)}
        label="the Cursor configuration"
      />
      <Snippet
        title="Any MCP client"
        text={`Transport: Streamable HTTP\nURL: ${url}\nHeader: Authorization: Bearer ${token}`}
        label="the generic MCP settings"
      />
      <Snippet title="OpenClaw" text={configs.openclaw} label="the OpenClaw command" />
      <Button tone="primary" onClick={onDone}>
        I have saved the token
      </Button>
    </section>
  );
}

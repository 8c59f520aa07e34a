import { useState } from 'react';
import { api, messageOf, unwrap } from '../../api/client.js';
import type { Agent, Inbox } from '../../api/types.js';
import { ConfirmDialog } from '../../components/dialog.js';
import { useToast } from '../../components/toasts.js';
import { Badge, Button, Loading, Notice, PageHeader } from '../../components/ui.js';
import { formatDateTime, formatRelative } from '../../lib/format.js';
import { useRealtime } from '../../lib/realtime.js';
import { useMe, useSession } from '../../lib/session.js';
import { useResource } from '../../lib/use-resource.js';
import { AgentForm, type NewAgent } from './agent-form.js';
import { isMoneyScope } from './scope-groups.js';
import { TokenReveal } from './token-reveal.js';

/** The kill switch for every agent at once: one click, always in reach; the banner shows while on. */
function PauseSwitch() {
  const me = useMe();
  const { refresh } = useSession();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const paused = me.account.agents_paused;
  const flip = async () => {
    setBusy(true);
    try {
      await unwrap(paused ? api.POST('/api/v1/agents/resume') : api.POST('/api/v1/agents/pause'));
      await refresh();
      toast(paused ? 'Agents resumed' : 'All agents paused: their calls are refused and drafts cancelled');
    } catch (error) {
      toast(messageOf(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      role="switch"
      aria-checked={paused}
      className={`switch${paused ? ' switch-on' : ''}`}
      disabled={busy}
      onClick={() => void flip()}
    >
      <span className="switch-track" aria-hidden="true" />
      Pause all agents
    </button>
  );
}

function inboxNames(agent: Agent, inboxes: Inbox[]): string {
  if (agent.inbox_ids === null) return 'All inboxes';
  const names = new Map(inboxes.map((i) => [i.id, i.name]));
  return agent.inbox_ids.map((id) => names.get(id) ?? id).join(', ') || 'None';
}

export default function AgentsPage() {
  const toast = useToast();
  const agents = useResource('agents', () =>
    unwrap(api.GET('/api/v1/agents', { params: { query: { limit: 100 } } })),
  );
  const inboxes = useResource('inboxes', () => unwrap(api.GET('/api/v1/inboxes')));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<Agent | null>(null);
  const [busy, setBusy] = useState(false);
  useRealtime((heard) => (heard === 'resync' || heard.target?.type === 'agent') && agents.reload());
  const inboxList = inboxes.data?.inboxes ?? [];

  const create = async (agent: NewAgent) => {
    const made = await unwrap(api.POST('/api/v1/agents', { body: agent }));
    setCreating(false);
    setCreated({ name: made.name, token: made.token });
    agents.reload();
  };
  const revoke = async (agent: Agent) => {
    setBusy(true);
    try {
      await unwrap(api.POST('/api/v1/agents/{id}/revoke', { params: { path: { id: agent.id } } }));
      toast(`${agent.name} revoked: its token no longer works`);
      agents.reload();
    } catch (error) {
      toast(messageOf(error), 'error');
    } finally {
      setBusy(false);
      setRevoking(null);
    }
  };

  if (created)
    return <TokenReveal name={created.name} token={created.token} onDone={() => setCreated(null)} />;
  if (creating)
    return <AgentForm inboxes={inboxList} onCreate={create} onCancel={() => setCreating(false)} />;

  return (
    <div className="page agents-page">
      <PageHeader title="Agents">
        <PauseSwitch />
        <Button tone="primary" onClick={() => setCreating(true)}>
          New agent
        </Button>
      </PageHeader>
      {agents.error && <Notice tone="error">{agents.error}</Notice>}
      {!agents.data && !agents.error && <Loading />}
      {agents.data && agents.data.agents.length === 0 && (
        <p className="empty">No agents yet. Create one to give an AI agent a scoped token.</p>
      )}
      {agents.data && agents.data.agents.length > 0 && (
        <div className="table-wrap">
          <table className="table agents-table">
            <caption className="visually-hidden">AI agents</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Mode</th>
                <th scope="col">Scopes</th>
                <th scope="col">Inboxes</th>
                <th scope="col">Last activity</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {agents.data.agents.map((agent) => (
                <tr key={agent.id} className={agent.status === 'revoked' ? 'row-revoked' : undefined}>
                  <th scope="row">
                    {agent.name} {agent.status === 'revoked' && <Badge tone="revoked">revoked</Badge>}
                  </th>
                  <td>
                    <Badge tone={agent.mode}>{agent.mode}</Badge>
                  </td>
                  <td>
                    <ul className="scope-chips">
                      {agent.scopes.map((s) => (
                        <li key={s} className={`chip${isMoneyScope(s) ? ' chip-money' : ''}`}>
                          {s}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{inboxNames(agent, inboxList)}</td>
                  <td>
                    {agent.last_active_at ? (
                      <time dateTime={agent.last_active_at} title={formatDateTime(agent.last_active_at)}>
                        {formatRelative(agent.last_active_at)}
                      </time>
                    ) : (
                      'Never'
                    )}
                  </td>
                  <td>
                    {agent.status === 'active' && (
                      <Button
                        tone="danger"
                        className="button-small"
                        onClick={() => setRevoking(agent)}
                        aria-label={`Revoke ${agent.name}`}
                      >
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke ${revoking.name}?`}
          confirmLabel="Revoke"
          busy={busy}
          onConfirm={() => void revoke(revoking)}
          onCancel={() => setRevoking(null)}
        >
          <p>
            Its token stops working on its very next request, its open MCP sessions end, and its pending
            proposals are cancelled. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

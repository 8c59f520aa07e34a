import { useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import type { Approval } from '../../api/types.js';
import { useToast } from '../../components/toasts.js';
import { Loading, Notice, PageHeader } from '../../components/ui.js';
import { touchesApprovals } from '../../lib/approvals.js';
import { Link, useLocation } from '../../lib/router.js';
import { useRealtime } from '../../lib/realtime.js';
import { useResource } from '../../lib/use-resource.js';
import { ApprovalCard, type ApprovalContext } from './approval-card.js';

/** The conversation (or, for a new one, the contact) each draft is about. */
async function contextOf(approval: Approval): Promise<ApprovalContext | null> {
  if (approval.conversation_id) {
    const { conversation, messages } = await unwrap(
      api.GET('/api/v1/conversations/{id}', { params: { path: { id: approval.conversation_id } } }),
    );
    const who = conversation.contact.name ?? conversation.contact.email ?? 'the customer';
    return { title: `Conversation with ${who}`, messages: messages };
  }
  const contactId = approval.input.contact_id;
  if (approval.action === 'conversation.start' && typeof contactId === 'string') {
    const contact = await unwrap(api.GET('/api/v1/contacts/{id}', { params: { path: { id: contactId } } }));
    return {
      title: `A new conversation with ${contact.name ?? contact.email ?? 'a customer'}`,
      messages: [],
    };
  }
  return null;
}

export default function ApprovalsPage() {
  const location = useLocation();
  const decided = location.query.get('show') === 'decided';
  const toast = useToast();
  const list = useResource(`approvals:${decided}`, () =>
    unwrap(
      api.GET('/api/v1/approvals', {
        params: { query: decided ? { limit: 50 } : { status: 'pending', limit: 100 } },
      }),
    ),
  );
  useRealtime((heard) => touchesApprovals(heard) && list.reload());
  const approvals = (list.data?.approvals ?? []).filter((a) =>
    decided ? a.status !== 'pending' : a.status === 'pending',
  );

  const [contexts, setContexts] = useState(new Map<string, ApprovalContext | null>());
  const asked = useRef(new Set<string>());
  useEffect(() => {
    const missing = approvals.filter((a) => !a.details && !asked.current.has(a.id));
    for (const approval of missing) {
      asked.current.add(approval.id);
      contextOf(approval)
        .catch(() => null)
        .then((context) => setContexts((map) => new Map(map).set(approval.id, context)));
    }
  }, [approvals]);

  const approve = async (approval: Approval, content?: string) => {
    await unwrap(
      api.POST('/api/v1/approvals/{id}/approve', {
        params: { path: { id: approval.id } },
        body: content === undefined ? {} : { content },
      }),
    );
    toast(
      approval.details
        ? 'Approved: the action was carried out'
        : content === undefined
          ? 'Approved and sent'
          : 'Edited and sent',
    );
    list.reload();
  };
  const reject = async (approval: Approval, reason: string) => {
    await unwrap(
      api.POST('/api/v1/approvals/{id}/reject', { params: { path: { id: approval.id } }, body: { reason } }),
    );
    toast('Rejected: nothing was sent');
    list.reload();
  };

  return (
    <div className="page approvals-page">
      <PageHeader title="Approvals" />
      <nav className="tabs" aria-label="Approvals">
        <Link to="/approvals" aria-current={decided ? undefined : 'page'}>
          Waiting for a person
        </Link>
        <Link to="/approvals?show=decided" aria-current={decided ? 'page' : undefined}>
          Decided
        </Link>
      </nav>
      {list.error && <Notice tone="error">{list.error}</Notice>}
      {!list.data && !list.error && <Loading />}
      {list.data && approvals.length === 0 && (
        <p className="empty">
          {decided
            ? 'Nothing decided yet.'
            : 'Nothing waits for approval. Supervised agents’ drafts appear here.'}
        </p>
      )}
      <ul className="approval-list">
        {approvals.map((approval) => (
          <li key={approval.id}>
            <ApprovalCard
              approval={approval}
              context={approval.details ? null : contexts.get(approval.id)}
              onApprove={(content) => approve(approval, content)}
              onReject={(reason) => reject(approval, reason)}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

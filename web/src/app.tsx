import { lazy, Suspense, useEffect } from 'react';
import { api, unwrap } from './api/client.js';
import { Dialog } from './components/dialog.js';
import { Shell } from './components/shell.js';
import { ToastProvider } from './components/toasts.js';
import { Loading, Notice } from './components/ui.js';
import { navigate, useLocation } from './lib/router.js';
import { touchesApprovals } from './lib/approvals.js';
import { RealtimeProvider, useRealtime } from './lib/realtime.js';
import { SessionProvider, useMe, useSession } from './lib/session.js';
import { useResource } from './lib/use-resource.js';
import { InboxPage } from './pages/inbox/inbox-page.js';
import { LoginForm } from './pages/login-form.js';
import { LoginPage } from './pages/login-page.js';

// The inbox is where people land; the other pages load when first opened.
const ApprovalsPage = lazy(() => import('./pages/approvals/approvals-page.js'));
const AgentsPage = lazy(() => import('./pages/agents/agents-page.js'));
const AuditPage = lazy(() => import('./pages/audit/audit-page.js'));
const SettingsPage = lazy(() => import('./pages/settings/settings-page.js'));

const TITLES: Record<string, string> = {
  inbox: 'Inbox',
  approvals: 'Approvals',
  agents: 'Agents',
  audit: 'Audit log',
  settings: 'Settings',
};

function Routes() {
  const me = useMe();
  const { path } = useLocation();
  const section = path.split('/')[1] ?? '';
  useEffect(() => {
    document.title = `${TITLES[section] ?? 'Deskwoot'} · Deskwoot`;
  }, [section]);
  useEffect(() => {
    if (path === '/' || path === '/login') navigate('/inbox', { replace: true });
  }, [path]);

  if (['agents', 'audit', 'settings'].includes(section) && me.user.role !== 'admin')
    return <Notice tone="warning">Only admins can open this page.</Notice>;
  switch (section) {
    case '':
    case 'login':
    case 'inbox':
      return <InboxPage />;
    case 'approvals':
      return <ApprovalsPage />;
    case 'agents':
      return <AgentsPage />;
    case 'audit':
      return <AuditPage />;
    case 'settings':
      return <SettingsPage />;
    default:
      return <Notice tone="warning">There is no page here.</Notice>;
  }
}

function SignedIn({ expired }: { expired: boolean }) {
  const { signIn, refresh, state } = useSession();
  const me = useMe();
  const pending = useResource('pending-approvals', () =>
    unwrap(api.GET('/api/v1/approvals', { params: { query: { status: 'pending', limit: 100 } } })),
  );
  useRealtime((heard) => {
    if (touchesApprovals(heard)) pending.reload();
    if (heard === 'resync' || heard.action === 'agents.pause' || heard.action === 'agents.resume')
      void refresh().catch(() => undefined);
  });
  const count = pending.data?.approvals.length ?? 0;
  const badge = count === 0 ? null : pending.data?.next_cursor ? `${count}+` : String(count);

  return (
    <>
      <div inert={expired || undefined}>
        <Shell pendingApprovals={badge}>
          <Suspense fallback={<Loading />}>
            <Routes />
          </Suspense>
        </Shell>
      </div>
      {expired && state.status === 'signed-in' && (
        <Dialog title="Your session has expired" onClose={() => undefined} dismissable={false}>
          <p>Sign in again to carry on where you were. Nothing on this page is lost.</p>
          <LoginForm onSignIn={signIn} email={me.user.email} submitLabel="Sign in and continue" />
        </Dialog>
      )}
    </>
  );
}

function Gate() {
  const { state, refresh } = useSession();
  if (state.status === 'loading') return <Loading label="Starting Deskwoot…" />;
  if (state.status === 'signed-out') return <LoginPage notice={state.notice} />;
  return (
    <ToastProvider>
      <RealtimeProvider enabled={!state.expired} onExpired={() => void refresh().catch(() => undefined)}>
        <SignedIn expired={state.expired} />
      </RealtimeProvider>
    </ToastProvider>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  );
}

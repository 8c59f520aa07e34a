import { useState } from 'react';
import { api, messageOf, unwrap } from '../api/client.js';
import { useMe, useSession } from '../lib/session.js';
import { Button } from './ui.js';
import { useToast } from './toasts.js';

/** While agents are paused this stays on every page, with the way back for admins. */
export function PauseBanner() {
  const me = useMe();
  const { refresh } = useSession();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  if (!me.account.agents_paused) return null;
  const resume = async () => {
    setBusy(true);
    try {
      await unwrap(api.POST('/api/v1/agents/resume'));
      await refresh();
      toast('Agents resumed');
    } catch (error) {
      toast(messageOf(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="pause-banner" role="status">
      <strong>All agents are paused.</strong> No AI agent can read or act until they are resumed.
      {me.user.role === 'admin' && (
        <Button tone="primary" className="button-small" busy={busy} onClick={() => void resume()}>
          Resume agents
        </Button>
      )}
    </div>
  );
}

import { PageHeader } from '../../components/ui.js';
import { Link, useLocation } from '../../lib/router.js';
import { InboxesSettings } from './inboxes-settings.js';
import { StoresSettings } from './stores-settings.js';
import { TeammatesSettings } from './teammates-settings.js';

const TABS = [
  { path: '/settings/inboxes', label: 'Inboxes' },
  { path: '/settings/teammates', label: 'Teammates' },
  { path: '/settings/stores', label: 'Stores' },
];

/** Admins only (the server refuses everyone else, and no agent token reaches any of it). */
export default function SettingsPage() {
  const { path } = useLocation();
  const tab = TABS.find((t) => path.startsWith(t.path)) ?? TABS[0]!;
  return (
    <div className="page settings-page">
      <PageHeader title="Settings" />
      <nav className="tabs" aria-label="Settings">
        {TABS.map((t) => (
          <Link key={t.path} to={t.path} aria-current={t === tab ? 'page' : undefined}>
            {t.label}
          </Link>
        ))}
      </nav>
      {tab.label === 'Inboxes' && <InboxesSettings />}
      {tab.label === 'Teammates' && <TeammatesSettings />}
      {tab.label === 'Stores' && <StoresSettings />}
    </div>
  );
}

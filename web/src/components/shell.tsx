import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from '../lib/router.js';
import { useLiveStatus } from '../lib/realtime.js';
import { useMe, useSession } from '../lib/session.js';
import { PauseBanner } from './pause-banner.js';

interface NavItem {
  to: string;
  label: string;
  adminOnly?: boolean;
  badge?: string | null;
}

/** The frame of every page: navigation (a menu on phones), who is signed in, live status, the pause banner. */
export function Shell({
  children,
  pendingApprovals,
}: {
  children: ReactNode;
  pendingApprovals: string | null;
}) {
  const me = useMe();
  const { signOut } = useSession();
  const { path } = useLocation();
  const live = useLiveStatus();
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const section = path.split('/')[1] ?? '';

  // A new page: close the phone menu and move focus to the page, as a full page load would.
  const first = useRef(true);
  useEffect(() => {
    setMenuOpen(false);
    if (first.current) first.current = false;
    else main.current?.focus({ preventScroll: true });
  }, [section]);

  const items: NavItem[] = [
    { to: '/inbox', label: 'Inbox' },
    { to: '/approvals', label: 'Approvals', badge: pendingApprovals },
    { to: '/agents', label: 'Agents', adminOnly: true },
    { to: '/audit', label: 'Audit log', adminOnly: true },
    { to: '/settings', label: 'Settings', adminOnly: true },
  ];
  const visible = items.filter((item) => !item.adminOnly || me.user.role === 'admin');

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/inbox" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Deskwoot
        </Link>
        <button
          type="button"
          className="button button-ghost menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="primary-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <nav id="primary-nav" aria-label="Primary" className={menuOpen ? 'nav nav-open' : 'nav'}>
          <ul>
            {visible.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={`/${section}` === item.to ? 'page' : undefined}>
                  {item.label}
                  {item.badge && (
                    <span className="nav-badge" aria-label={`${item.badge} pending`}>
                      {item.badge}
                    </span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="topbar-end">
          <span className={`live live-${live}`} role="status" title="Updates without reloading">
            {live === 'live' ? 'Live' : live === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
          </span>
          <span className="whoami">
            {me.user.name} <span className="role">({me.user.role})</span>
          </span>
          <button type="button" className="button button-ghost" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <PauseBanner />
      <main id="main" ref={main} tabIndex={-1} className="main">
        {children}
      </main>
    </div>
  );
}

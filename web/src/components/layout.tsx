import { type ReactNode, useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import type { Permission } from '../../../src/domain/roles.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { useSession } from '../session.tsx';
import { Icon, type IconName } from './icons.tsx';
import { LanguageSwitch } from './language-switch.tsx';

interface NavItem {
  readonly to: string;
  readonly label: MessageKey;
  readonly icon: IconName;
  readonly permission: Permission;
}

const NAV: readonly NavItem[] = [
  { to: '/', label: 'nav.dashboard', icon: 'dashboard', permission: 'reports:read' },
  { to: '/worklist', label: 'nav.worklist', icon: 'worklist', permission: 'collections:read' },
  { to: '/customers', label: 'nav.customers', icon: 'customers', permission: 'customers:read' },
  { to: '/invoices', label: 'nav.invoices', icon: 'invoices', permission: 'invoices:read' },
  { to: '/reports', label: 'nav.reports', icon: 'reports', permission: 'reports:read' },
  { to: '/policies', label: 'nav.policies', icon: 'policies', permission: 'collections:read' },
  { to: '/settings', label: 'nav.settings', icon: 'settings', permission: 'settings:read' },
];

function Brand() {
  const { t } = useI18n();
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden="true">
        <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="#fff" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round"><path d="M5 13l4 4 10-11" /></svg>
      </span>
      {t('app.name')}
    </div>
  );
}

export function Layout() {
  const { t } = useI18n();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const location = useLocation();
  useEffect(() => setOpen(false), [location.pathname]);
  return (
    <div className={`shell${open ? ' menu-open' : ''}`}>
      <header className="topbar">
        <button type="button" aria-label={t('nav.menu')} aria-expanded={open} onClick={() => setOpen(!open)}>
          <span style={{ display: 'inline-block', width: 22, height: 22 }}><Icon name="menu" /></span>
        </button>
        <strong>{t('app.name')}</strong>
        <span style={{ width: 34 }} />
      </header>
      <aside className="sidebar" aria-label={t('nav.menu')}>
        <Brand />
        <nav className="nav">
          {NAV.filter((n) => session.can(n.permission)).map((n) => (
            <NavLink key={n.to} to={n.to} end={n.to === '/'}>
              <Icon name={n.icon} />
              {t(n.label)}
            </NavLink>
          ))}
        </nav>
        <div className="sidebar-foot">
          <span className="who">{session.user?.name ?? session.organization.name}</span>
          <span>{session.organization.name} · {t(`role.${session.role}` as MessageKey)}</span>
          <LanguageSwitch />
          <a href="/api" style={{ color: 'inherit' }}>{t('nav.api')}</a>
          <button type="button" className="linkish" onClick={() => session.signOut()}>{t('nav.signOut')}</button>
        </div>
      </aside>
      <main className="main">
        <Outlet />
      </main>
    </div>
  );
}

export function PageHead({ title, sub, children }: { title: string; sub?: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-head">
      <div>
        <h1>{title}</h1>
        {sub && <p className="sub">{sub}</p>}
      </div>
      {children && <div className="actions">{children}</div>}
    </div>
  );
}

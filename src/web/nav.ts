// Main navigation. A module adds its entry here when it has a page to show; no placeholders.
import type { Actor } from '../platform/auth/actor.ts';
import type { MessageKey } from '../messages.ts';
import { can } from '../platform/auth/policy.ts';

export interface NavItem {
  href: string;
  key: MessageKey;
  visible?: (actor: Actor | null) => boolean;
}

export const NAV: NavItem[] = [
  { href: '/', key: 'nav.home' },
  { href: '/library', key: 'nav.library' },
  { href: '/library/manage', key: 'library.manage.title', visible: (a) => can(a, 'library:readInternal') },
  { href: '/portfolio', key: 'nav.portfolio', visible: (a) => can(a, 'portfolio:read') },
  { href: '/portfolio/eservices', key: 'portfolio.eservices', visible: (a) => !can(a, 'portfolio:read') },
  { href: '/compliance', key: 'nav.compliance', visible: (a) => can(a, 'compliance:read') },
  { href: '/reviews', key: 'nav.reviews', visible: (a) => can(a, 'reviews:read') },
  { href: '/framework', key: 'nav.framework' },
  { href: '/about', key: 'nav.about' },
  { href: '/admin', key: 'nav.admin', visible: (a) => can(a, 'admin:home') },
];

// Entry points on the home page. A module adds its own when it has a page to offer.
import type { Actor } from '../../platform/auth/actor.ts';
import type { MessageKey } from '../../messages.ts';

export interface HomeEntry {
  href: string;
  title: MessageKey;
  text: MessageKey;
  visible?: (actor: Actor | null) => boolean;
}

export const HOME_ENTRIES: HomeEntry[] = [
  { href: '/library', title: 'home.entry.library', text: 'home.entry.libraryText' },
  { href: '/framework', title: 'home.entry.framework', text: 'home.entry.frameworkText' },
  { href: '/login', title: 'home.entry.signin', text: 'home.entry.signinText', visible: (a) => !a },
  { href: '/about', title: 'home.entry.about', text: 'home.entry.aboutText' },
];

import { defineCatalog } from '../../platform/i18n/catalog.ts';

export const identityMessages = defineCatalog(
  {
    'auth.error.signInRequired': 'Sign in to do this',
    'auth.password.tooShort': 'Password must be 12 characters or more',
    'auth.password.tooLong': 'Password must be 256 characters or fewer',
    'auth.password.common': 'This password is too common or easy to guess. Choose a different one, for example three or four random words',
    'users.error.noRole': 'Choose at least one role',
    'users.error.unknownRole': 'Choose a role from the list',
    'users.error.institutionRequired': 'Choose the institution this role acts for',
    'users.error.unknownInstitution': 'No institution has that name or acronym',
    'users.error.email': 'Enter an email address in the correct format, like name@institution.go.tz',
    'users.error.emailTaken': 'An account with this email address already exists',
    'users.error.name': 'Enter the person’s full name',
  },
  {
    'auth.error.signInRequired': 'Ingia ili ufanye hivi',
    'auth.password.tooShort': 'Nenosiri liwe na herufi 12 au zaidi',
    'auth.password.tooLong': 'Nenosiri lisizidi herufi 256',
    'auth.password.common': 'Nenosiri hili ni la kawaida mno au rahisi kukisiwa. Chagua jingine, kwa mfano maneno matatu au manne ya nasibu',
    'users.error.noRole': 'Chagua angalau jukumu moja',
    'users.error.unknownRole': 'Chagua jukumu kutoka kwenye orodha',
    'users.error.institutionRequired': 'Chagua taasisi ambayo jukumu hili linaifanyia kazi',
    'users.error.unknownInstitution': 'Hakuna taasisi yenye jina au kifupisho hicho',
    'users.error.email': 'Andika anwani ya baruapepe kwa muundo sahihi, kama jina@taasisi.go.tz',
    'users.error.emailTaken': 'Tayari kuna akaunti yenye anwani hii ya baruapepe',
    'users.error.name': 'Andika jina kamili la mtu huyu',
  },
);

// The identity module's entry: sign-in, account and token pages and API. src/app.ts registers it
// (after installing the request actor hook, which every module's routes rely on).
import type { App } from '../../platform/http/app.ts';
import { authRoutes } from './auth.routes.tsx';
import { accountRoutes } from './account.routes.tsx';
import { identityApi } from './api.ts';

export async function identityModule(app: App) {
  await app.register(authRoutes);
  await app.register(accountRoutes);
  await app.register(identityApi);
}

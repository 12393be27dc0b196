// The admin module's entry: src/app.ts registers it.
export { adminRoutes as adminModule } from './routes.tsx';

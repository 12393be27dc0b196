// The site module's entry: src/app.ts registers it.
export { siteRoutes as siteModule } from './routes.tsx';

// The health module's entry: src/app.ts registers it.
export { healthRoutes as healthModule } from './routes.ts';

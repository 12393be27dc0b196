// The library module's entry: src/app.ts registers it.
export { libraryRoutes as libraryModule } from './routes.tsx';

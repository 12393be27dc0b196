// The apidocs module's entry: src/app.ts registers it.
export { apiDocsRoutes as apidocsModule } from './routes.tsx';

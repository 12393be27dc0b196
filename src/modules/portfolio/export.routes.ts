// The catalogue as CSV or XLSX, with the catalogue page's filters in the query string and the
// caller's visibility.
import type { App } from '../../platform/http/app.ts';
import { FormFields } from '../../platform/http/schemas.ts';
import { ctxOf } from '../../platform/http/request-context.ts';
import { contentDisposition } from '../../platform/files/index.ts';
import { catalogueCsv, catalogueXlsx, filtersFromQuery } from './export.ts';
import { XLSX_TYPE } from './import.file.ts';

export async function portfolioExportRoutes(app: App) {
  // The catalogue page's filters, read the way that page reads them.
  const read = { config: { action: 'portfolio:read' as const }, schema: { querystring: FormFields() } };
  const stamp = () => new Date().toISOString().slice(0, 10);

  app.get('/portfolio/systems.csv', read, async (req, reply) => {
    const body = await catalogueCsv(ctxOf(req), filtersFromQuery(req.query));
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store').header('content-disposition', contentDisposition(`viwango-systems-${stamp()}.csv`)).send(body);
  });

  app.get('/portfolio/systems.xlsx', read, async (req, reply) => {
    const body = await catalogueXlsx(ctxOf(req), filtersFromQuery(req.query));
    return reply.type(XLSX_TYPE).header('cache-control', 'no-store').header('content-disposition', contentDisposition(`viwango-systems-${stamp()}.xlsx`)).send(body);
  });
}

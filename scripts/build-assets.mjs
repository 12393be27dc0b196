// Builds the stylesheet and copies browser scripts into public/build. Runs after `npm install`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'public', 'build');
fs.mkdirSync(out, { recursive: true });

const css = sass.compile(path.join(root, 'src/web/styles/main.scss'), { style: 'compressed', logger: sass.Logger.silent });
fs.writeFileSync(path.join(out, 'viwango.css'), css.css);

const govuk = path.join(root, 'node_modules/govuk-frontend/dist/govuk');
fs.copyFileSync(path.join(govuk, 'govuk-frontend.min.js'), path.join(out, 'govuk-frontend.min.js'));
for (const f of ['app.js', 'favicon.svg']) fs.copyFileSync(path.join(root, 'src/web/client', f), path.join(out, f));
console.log(`viwango: assets built in ${path.relative(root, out)} (css ${Math.round(css.css.length / 1024)} KB)`);

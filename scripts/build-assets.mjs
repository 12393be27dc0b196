// Builds the stylesheet and copies browser scripts into public/build. Runs after `npm install`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
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
// Every asset is served with a year-long immutable cache lifetime, so every URL that names one
// carries its fingerprint: pages name viwango.css and app.js with ?v=<hash of both>, and app.js
// names the GOV.UK script with ?v=<its own hash>.
const fingerprint = (file) => crypto.createHash('sha256').update(fs.readFileSync(path.join(out, file))).digest('hex').slice(0, 10);
const appJs = path.join(out, 'app.js');
fs.writeFileSync(appJs, fs.readFileSync(appJs, 'utf8').replace("'./govuk-frontend.min.js'", `'./govuk-frontend.min.js?v=${fingerprint('govuk-frontend.min.js')}'`));
// Compressed once here, at the highest levels, instead of on every request (decision 0504).
for (const f of fs.readdirSync(out)) {
  if (!/\.(css|js|svg)$/.test(f)) continue;
  const bytes = fs.readFileSync(path.join(out, f));
  fs.writeFileSync(path.join(out, `${f}.br`), zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
  fs.writeFileSync(path.join(out, `${f}.gz`), zlib.gzipSync(bytes, { level: 9 }));
}
console.log(`viwango: assets built in ${path.relative(root, out)} (css ${Math.round(css.css.length / 1024)} KB)`);

// Builds the static dashboard into dist/: index.html, one JS bundle (app.js), one stylesheet
// (app.css), the icon and the world topojson. Nothing is loaded from another host at run time.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const require = createRequire(import.meta.url);

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  minify: true,
  legalComments: 'eof',
  target: ['chrome100', 'firefox100', 'safari15'],
  logLevel: 'warning',
};
await build({ ...common, entryPoints: [join(root, 'src/main.ts')], outfile: join(dist, 'app.js'), format: 'iife' });
await build({ ...common, entryPoints: [join(root, 'src/styles.css')], outfile: join(dist, 'app.css') });
copyFileSync(join(root, 'src/index.html'), join(dist, 'index.html'));
copyFileSync(join(root, 'src/favicon.svg'), join(dist, 'favicon.svg'));
copyFileSync(require.resolve('world-atlas/countries-110m.json'), join(dist, 'countries-110m.json'));
console.log(`built ${dist}`);

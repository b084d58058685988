// Preloaded with `node --import`: records every module URL resolved, to prove what a command loads.
import { register } from 'node:module';

const hooks = `
import fs from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  fs.appendFileSync(process.env.TRACE_LOADS_FILE, r.url + '\\n');
  return r;
}`;
register('data:text/javascript,' + encodeURIComponent(hooks), import.meta.url);

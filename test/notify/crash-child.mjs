// A dispatcher in its own process, run from the compiled dist/ (built by global-setup), so the
// crash test can SIGKILL it while its request is in flight.
// argv: <database file> <slack webhook URL> <ISO now>
import { createHttpClient } from '../../dist/http/client.js';
import { dispatch } from '../../dist/notify/dispatch.js';
import { createSlackChannel } from '../../dist/notify/slack.js';
import { openDb } from '../../dist/store/db.js';

const [file, url, nowIso] = process.argv.slice(2);
const db = openDb(file);
const now = () => new Date(nowIso);
const http = createHttpClient({ retries: 0, now: () => now().getTime(), userAgent: 'modelwatch-test' });
const channels = new Map([['slack', createSlackChannel({ webhookUrl: url, http, now })]]);
const summary = await dispatch({ db, channels, now, random: () => 0.5 });
process.stdout.write(JSON.stringify(summary) + '\n');

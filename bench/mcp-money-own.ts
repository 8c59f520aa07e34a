/**
 * Deskwoot's own time per money action, measured in a process of its own (as a server is), so
 * the benchmark's own state and collectors never land in the figures. Prints one JSON line.
 *
 *   DESKWOOT_BENCH_MONEY='{"url","token","orderIds","calls"}' node mcp-money-own.js
 */
import { benchServices } from './mcp-fixture.js';
import { measureOwnTime } from './mcp-money.js';

const { url, token, orderIds, calls } = JSON.parse(process.env.DESKWOOT_BENCH_MONEY ?? '{}') as {
  url: string;
  token: string;
  orderIds: string[];
  calls: number;
};
const services = await benchServices(url);
try {
  const fixture = { token, agentId: '', orderIds, stop: () => Promise.resolve() };
  // A warm-up first, as a running server would be: twice the measured calls. After only a couple
  // of hundred, V8 is still compiling the path on its background threads, which take the cores
  // from the calls being measured (p99 2.4-2.9 ms then, against 1.0-1.4 ms once warm).
  await measureOwnTime(services, fixture, 2 * calls);
  console.log(JSON.stringify(await measureOwnTime(services, fixture, calls)));
} finally {
  await services.db.close();
}

import { planSeed } from '../support/plan.js';
import { messageRows } from '../support/rows.js';
const plan = planSeed({ contacts: 20000, conversations: 100000, messages: 1000000, inboxWeights: [45, 30, 15, 10], users: 4 }, Date.now());
const t = { accountId: 'acct_X', inboxes: [{ id: 'inbox_a', type: 'api' as const }, { id: 'inbox_b', type: 'email' as const }, { id: 'inbox_c', type: 'web_chat' as const }, { id: 'inbox_d', type: 'api' as const }], userIds: ['u1', 'u2', 'u3', 'u4'] };
let t0 = performance.now();
let chars = 0; let n = 0;
for (const m of messageRows(plan, t)) { chars += m.content.length; if (n < 8) console.log(m.id, m.type, m.content); n++; }
console.log('gen 1M', performance.now() - t0, 'avg chars', chars / n);

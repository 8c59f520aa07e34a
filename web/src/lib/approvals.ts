import type { Heard } from './realtime.js';

/** Changes that can add or remove pending approvals: proposals, decisions, revocations, pausing. */
export function touchesApprovals(heard: Heard): boolean {
  return (
    heard === 'resync' ||
    heard.target?.type === 'approval' ||
    heard.action === 'agent.revoke' ||
    heard.action === 'agents.pause'
  );
}

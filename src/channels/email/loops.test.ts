import { describe, expect, it } from 'vitest';
import { type LoopHeaders, loopKind, readBounce } from './loops.js';

const headers = (entries: Record<string, string>): LoopHeaders => {
  const map = new Map(Object.entries(entries).map(([k, v]) => [k.toLowerCase(), v]));
  return { get: (name) => map.get(name) };
};

describe('loopKind', () => {
  it('sees a delivery-status report as a bounce', () => {
    const h = headers({ 'content-type': 'multipart/report; report-type=delivery-status; boundary="x"' });
    expect(loopKind(h, 'someone@example.com')).toBe('bounce');
  });

  it('sees mail from MAILER-DAEMON or postmaster as a bounce', () => {
    expect(loopKind(headers({}), 'MAILER-DAEMON@mx.example.com')).toBe('bounce');
    expect(loopKind(headers({}), 'postmaster@example.com')).toBe('bounce');
    expect(loopKind(headers({}), 'casey@example.com', true)).toBe('bounce');
  });

  it('sees Auto-Submitted other than "no", Precedence bulk and X-Autoreply as automatic replies', () => {
    expect(loopKind(headers({ 'auto-submitted': 'auto-replied' }), 'a@example.com')).toBe('auto_reply');
    expect(loopKind(headers({ precedence: 'bulk' }), 'a@example.com')).toBe('auto_reply');
    expect(loopKind(headers({ 'x-autoreply': 'yes' }), 'a@example.com')).toBe('auto_reply');
    expect(loopKind(headers({ 'x-autorespond': 'x' }), 'a@example.com')).toBe('auto_reply');
  });

  it("takes a person's mail, including Auto-Submitted: no, as a person's", () => {
    expect(loopKind(headers({ 'auto-submitted': 'no' }), 'casey@example.com', false)).toBeNull();
    expect(loopKind(headers({}), 'casey@example.com')).toBeNull();
  });
});

describe('readBounce', () => {
  it('finds the returned Message-ID and the reason in a report', () => {
    const raw = [
      'Message-ID: <bounce-1@mx.example.com>',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
      '',
      '--B',
      'Content-Type: message/delivery-status',
      '',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
      '--B',
      'Content-Type: text/rfc822-headers',
      '',
      'Message-ID: <msg_1@acme.test>',
      '--B--',
    ].join('\r\n');
    expect(readBounce(raw, '<bounce-1@mx.example.com>')).toEqual({
      original_ids: ['<msg_1@acme.test>'],
      reason: 'Status 5.1.1: 550 5.1.1 User unknown',
    });
  });
});

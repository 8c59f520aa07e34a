import { describe, expect, it } from 'vitest';
import { stripQuotes } from './strip-quotes.js';

describe('stripQuotes', () => {
  it('keeps the new text above a Gmail-style quote header', () => {
    const text =
      'Thanks, that worked!\n\nOn Tue, 1 Dec 2026 at 10:00, Support <support@acme.test> wrote:\n> Try again\n> please';
    expect(stripQuotes(text)).toBe('Thanks, that worked!');
  });

  it('handles a quote header wrapped onto two lines', () => {
    const text =
      'Yes please.\n\nOn Tue, 1 Dec 2026 at 10:00, Ana via Support\n<support@acme.test> wrote:\n> Shall we refund?';
    expect(stripQuotes(text)).toBe('Yes please.');
  });

  it('removes a signature after "-- "', () => {
    expect(stripQuotes('Where is my order?\n-- \nCasey\nACME Corp')).toBe('Where is my order?');
  });

  it('stops at an Outlook original-message block', () => {
    const text = 'See below\n\n-----Original Message-----\nFrom: Support\nSent: Monday\n\nOld text';
    expect(stripQuotes(text)).toBe('See below');
  });

  it('keeps answers interleaved between quotes, without the quoted lines', () => {
    const text = '> Question one?\nAnswer one.\n> Question two?\nAnswer two.';
    expect(stripQuotes(text)).toBe('Answer one.\nAnswer two.');
  });

  it('keeps the whole text when stripping would leave nothing', () => {
    expect(stripQuotes('> only a quote\n> here')).toBe('> only a quote\n> here');
  });

  it('stops at an Outlook header block without a rule above it', () => {
    const text = 'Thanks\n\nFrom: Support <support@acme.test>\nSent: Monday\nTo: Casey\n\nOld text';
    expect(stripQuotes(text)).toBe('Thanks');
  });

  it('keeps a line starting with "From:" that heads no quoted mail', () => {
    expect(stripQuotes('Hi,\nFrom: Monday on I am at a new address.\nThanks')).toBe(
      'Hi,\nFrom: Monday on I am at a new address.\nThanks',
    );
  });

  it('keeps a first line that happens to start with "From:"', () => {
    expect(stripQuotes('From: my other address, sorry.\nStill no parcel.')).toBe(
      'From: my other address, sorry.\nStill no parcel.',
    );
  });
});

/** Lines that introduce quoted history in the common mail clients. */
const QUOTE_HEADERS = [
  /^on .{1,300}wrote:\s*$/i, // Gmail, Apple Mail, Thunderbird
  /^le .{1,300}a écrit\s*:\s*$/i,
  /^am .{1,300}schrieb .{0,200}:\s*$/i,
  /^-{2,}\s*original message\s*-{2,}\s*$/i, // Outlook
  /^-{2,}\s*forwarded message\s*-{2,}\s*$/i,
  /^_{10,}\s*$/, // Outlook's rule above "From: … Sent: …"
  /^from:\s.+$/i,
];

/** `-- ` (RFC 3676 signature separator); also the common `--` without its space. */
const SIGNATURE = /^--\s?$/;

/**
 * The new part of a reply: everything before the quoted history (`On … wrote:`, an Outlook header
 * block, `>` lines) and the signature. When that leaves nothing, the whole text is kept, so a
 * message is never lost to stripping.
 */
export function stripQuotes(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (SIGNATURE.test(line)) break;
    if (trimmed.startsWith('>')) {
      // A quote block ends the reply when nothing but quotes and blanks follow; interleaved
      // answers below a quote are kept, without the quoted lines.
      if (lines.slice(i).every((rest) => rest.trim() === '' || rest.trim().startsWith('>'))) break;
      continue;
    }
    // "On Tue, … wrote:" may be wrapped onto two lines by the client.
    const joined = `${trimmed} ${(lines[i + 1] ?? '').trim()}`.trim();
    if (QUOTE_HEADERS.some((re) => re.test(trimmed))) {
      if (!/^from:/i.test(trimmed)) break;
      // Outlook's quoted header block: "From:" followed by "Sent:"/"Date:"/"To:"/"Subject:" lines.
      const next = lines.slice(i + 1, i + 4).map((l) => l.trim());
      if (kept.length > 0 && next.some((l) => /^(sent|date|to|subject|cc):\s/i.test(l))) break;
    }
    if (/^on .{1,300}$/i.test(trimmed) && /wrote:\s*$/i.test(joined) && !/wrote:\s*$/i.test(trimmed)) break;
    kept.push(line);
  }
  const result = kept.join('\n').trim();
  return result === '' ? text.trim() : result;
}

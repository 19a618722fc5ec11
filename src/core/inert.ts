/**
 * Text that came from outside the bot (what a person typed, resource names and tags from the estate,
 * messages from AWS) is shown on cards as it is, but never as structure: it cannot add lines to a
 * card (a value with a line break could fake "Approved by …"), hide or reorder what is around it
 * (control characters, bidirectional overrides) or reach a terminal as an escape sequence.
 * Platform syntax (Slack's `<@U…>`, markdown links) is the renderers' business: they escape all text
 * they did not write themselves.
 */

// C0 controls except tab and line feed, DEL, C1 controls (ESC, CSI, OSC and the rest are among them).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Bidirectional marks, embeddings, overrides and isolates: they make text read differently from how it is stored.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const LINE_BREAK = /[\n\u2028\u2029]/g;

/** Untrusted text with line breaks kept: control characters and bidi controls removed. */
export function inertText(text: string): string {
  return text
    .replace(BIDI, '')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(/[\u2028\u2029]/g, '\n');
}

/** Untrusted text for one line (a field value, a name, a header): as inertText, with line breaks and tabs turned into spaces. */
export function inertLine(text: string): string {
  return inertText(text).replace(LINE_BREAK, ' ').replace(/\t/g, ' ');
}

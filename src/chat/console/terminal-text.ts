/**
 * What the console prints goes to a terminal, which obeys escape sequences: a resource name, a tag, an
 * AWS error or a typed line carrying `ESC ]0;…` retitles the window, `ESC [2J` clears the screen,
 * `ESC ]8;;url` plants a link, a carriage return overwrites the line before it. Everything printed
 * passes through here first, so the terminal only ever receives text, line feeds and tabs.
 */

// String sequences (OSC, DCS, SOS, PM, APC), 7-bit or 8-bit introducer, up to their terminator (BEL or ST).
const STRING_SEQUENCE = /(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)/g;
// Control sequences: CSI parameters, intermediates and a final byte (`ESC [31m`, `ESC [2J`, `\x9b…`).
const CONTROL_SEQUENCE = /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]/g;
// Any other escape: ESC, intermediates, a final byte (`ESC c` resets the terminal, `ESC ( 0` switches charset).
const OTHER_ESCAPE = /\x1b[\x20-\x2f]*[\x30-\x7e]/g;
// What is left of C0 (except tab and line feed), DEL and C1, including a lone ESC or an unterminated sequence's introducer.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
// Bidirectional overrides and isolates: they make a line read differently from what it holds.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without escape sequences, control characters (but `\n` and `\t`) or bidi controls. */
export function terminalText(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(STRING_SEQUENCE, '')
    .replace(CONTROL_SEQUENCE, '')
    .replace(OTHER_ESCAPE, '')
    .replace(CONTROL, '')
    .replace(BIDI, '');
}

import { terminalText } from '../../../../src/chat/console/terminal-text';

describe('terminalText', () => {
  it.each([
    ['colour (CSI)', 'web-\x1b[31mprod\x1b[0m-1', 'web-prod-1'],
    ['clear screen and cursor moves', 'a\x1b[2J\x1b[H\x1b[10;20fb', 'ab'],
    ['private CSI with parameters', 'x\x1b[?1049hy', 'xy'],
    ['window title (OSC, BEL)', 'pg\x1b]0;you are root\x07-main', 'pg-main'],
    ['hyperlink (OSC 8, ST)', '\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\', 'click'],
    ['device control string', 'a\x1bP+q544e\x1b\\b', 'ab'],
    ['8-bit CSI and OSC', 'a\x9b31mb\x9d0;t\x07c', 'abc'],
    ['terminal reset and charset switch', 'a\x1bcb\x1b(0c', 'abc'],
    ['carriage return overwriting the line', 'approved\rREJECTED', 'approvedREJECTED'],
    ['backspace, bell, NUL, DEL, C1', 'a\bb\x07c\x00d\x7fe\x85f', 'abcdef'],
    ['a lone or unterminated escape', 'a\x1b', 'a'],
    ['bidi override', 'stop \u202Eevil\u202C ok', 'stop evil ok'],
  ])('removes %s', (_label, input, expected) => {
    expect(terminalText(input)).toBe(expected);
  });

  it('keeps line feeds, tabs and every printable character', () => {
    const text = 'Plan: stop web-prod-1\n\t• eu-west-1 ▂▃▅ €12.50 日本 [1] Approve';
    expect(terminalText(text)).toBe(text);
    expect(terminalText('a\r\nb')).toBe('a\nb');
  });
});

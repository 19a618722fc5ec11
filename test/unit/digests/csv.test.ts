import { csvCell, toCsv } from '../../../src/digests/csv';

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks; leaves plain text and numbers alone', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x, y', 'say "hi"'],
          ['line\nbreak', 12.5],
        ],
      ),
    ).toBe('a,b\r\n"x, y","say ""hi"""\r\n"line\nbreak",12.5\r\n');
  });

  it('never hands a spreadsheet a formula: text starting with = + - @ is prefixed; negative numbers are not', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1 cmd')).toBe("'+1 cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell(null)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv.js';

describe('csvCell', () => {
  it.each([
    ['plain', 'ada@example.com', 'ada@example.com'],
    ['comma', 'Lovelace, Ada', '"Lovelace, Ada"'],
    ['quote', 'O"Neil', '"O""Neil"'],
    ['line feed', 'one\ntwo', '"one\ntwo"'],
    ['inner carriage return', 'one\rtwo', '"one\rtwo"'],
    ['empty string', '', ''],
    ['unicode', 'Zoë 李', 'Zoë 李'],
  ])('%s: RFC 4180 quoting', (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each([
    ['=', '=1+1', "'=1+1"],
    ['= with quotes and comma', '=HYPERLINK("http://evil.example.com","x")', `"'=HYPERLINK(""http://evil.example.com"",""x"")"`],
    ['+', '+cmd|/C calc', "'+cmd|/C calc"],
    ['-', '-2+3', "'-2+3"],
    ['@', '@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['TAB', '\t=1', "'\t=1"],
    ['CR', '\r=1', `"'\r=1"`],
    ['LF', '\n=1', `"'\n=1"`],
  ])('a cell starting with %s gets a leading quote', (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('leaves formula characters alone when they are not first, and never touches our own numbers', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(' =1')).toBe(' =1');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(true)).toBe('true');
  });

  it('writes null and undefined as empty fields', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('csvLine', () => {
  it('joins with commas and ends with CRLF', () => {
    expect(csvLine(['a', null, 'b,c', 1])).toBe('a,,"b,c",1\r\n');
  });
});

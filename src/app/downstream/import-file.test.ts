import { describe, expect, it } from 'vitest';
import { ImportFileError, importFormat, parseImportFile } from './import-file.js';

function problems(text: string, format: 'csv' | 'json'): readonly string[] {
  try {
    parseImportFile(text, format);
  } catch (error) {
    if (error instanceof ImportFileError) return error.problems;
    throw error;
  }
  throw new Error('expected an ImportFileError');
}

describe('import file parsing', () => {
  it('reads a CSV with quotes, CRLF and an optional own MFA column', () => {
    const csv = 'account_id,login,email,own_mfa\r\n1,alice,alice@example.com,enabled\r\n2,"bob, jr",bob@example.com,\r\n"3","c""q",,insecure\r\n';
    expect(parseImportFile(csv, 'csv')).toEqual([
      { accountId: '1', login: 'alice', email: 'alice@example.com', ownMfa: 'enabled' },
      { accountId: '2', login: 'bob, jr', email: 'bob@example.com', ownMfa: 'unknown' },
      { accountId: '3', login: 'c"q', email: null, ownMfa: 'insecure' },
    ]);
  });

  it('reads JSON as a list or {accounts}, with camelCase keys', () => {
    const rows = [{ accountId: 'u1', email: 'alice@example.com', ownMfa: 'disabled' }];
    expect(parseImportFile(JSON.stringify(rows), 'json')).toEqual([{ accountId: 'u1', login: null, email: 'alice@example.com', ownMfa: 'disabled' }]);
    expect(parseImportFile(JSON.stringify({ accounts: rows }), 'json')).toHaveLength(1);
  });

  it('names missing and unknown columns', () => {
    expect(problems('id,name\n1,alice\n', 'csv')).toEqual(['header column 1 "id" is not one of account_id, login, email, own_mfa', 'header column 2 "name" is not one of account_id, login, email, own_mfa', 'missing column account_id', 'missing column login or email (at least one is required)']);
  });

  it('names every bad row and field at once: duplicates, empty ids, bad MFA states, short rows', () => {
    const csv = 'account_id,email,own_mfa\n1,a@example.com,enabled\n1,b@example.com,enabled\n,c@example.com,\n4,not-an-email,maybe\n5,e@example.com\n';
    expect(problems(csv, 'csv')).toEqual(['row 6: 2 fields where the header has 3']);
    const fixed = csv.replace('5,e@example.com\n', '5,e@example.com,\n');
    expect(problems(fixed, 'csv')).toEqual([
      'row 3: duplicate account_id "1" (first in row 2)',
      'row 4: account_id is empty',
      'row 5: email "not-an-email" is not an email address',
      'row 5: own_mfa "maybe" is not one of enabled, insecure, disabled, unknown',
    ]);
  });

  it('names JSON problems by index and field', () => {
    expect(problems('[{"accountId":"1","mail":"a@example.com"},3]', 'json')).toEqual(['accounts[0].mail: unknown field (expected account_id, login, email, own_mfa)', 'accounts[1]: not an object']);
    expect(problems('{"users":[]}', 'json')).toEqual(['the JSON must be a list of accounts or {"accounts": [...]}']);
    expect(problems('[{"accountId":"1","login":{"x":1}}]', 'json')).toEqual(['accounts[0]: login must be text', 'accounts[0]: both login and email are empty']);
    expect(problems('[', 'json')[0]).toMatch(/^the file is not JSON/);
  });

  it('refuses an empty file, a file without rows and an unclosed quote', () => {
    expect(problems('', 'csv')).toEqual(['the CSV is empty: expected a header row with account_id and login or email']);
    expect(problems('account_id,login\n', 'csv')).toEqual(['the file lists no accounts']);
    expect(problems('account_id,login\n1,"alice\n', 'csv')).toEqual(['line 2: a quoted field is never closed']);
  });

  it('tells the format from the name, else the content', () => {
    expect(importFormat('a.JSON', 'x')).toBe('json');
    expect(importFormat('a.csv', '[')).toBe('csv');
    expect(importFormat('accounts', ' [{}]')).toBe('json');
    expect(importFormat('accounts', 'account_id')).toBe('csv');
  });
});

import { StoreError } from './SqlStore';

/**
 * `?` placeholders to Postgres's `$1`, `$2`, ... A `?` inside a string literal, a quoted identifier, a
 * dollar-quoted body or a comment is left alone. The number of placeholders must match the values
 * given, on both engines, so a mistake is caught the same way whichever engine runs the tests.
 */
export function numberPlaceholders(sql: string): { text: string; count: number } {
  let out = '';
  let count = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const end = skipQuoted(sql, i);
    if (end > i) {
      out += sql.slice(i, end);
      i = end;
    } else if (c === '?') {
      count += 1;
      out += `$${count}`;
      i += 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return { text: out, count };
}

/** How many `?` placeholders the statement has (outside literals and comments). */
export function countPlaceholders(sql: string): number {
  return numberPlaceholders(sql).count;
}

export function checkParamCount(sql: string, count: number, given: number): void {
  if (count !== given) {
    throw new StoreError(`the statement has ${count} placeholder(s) (?) but ${given} value(s) were given: ${oneLine(sql)}`, 'STORE_PARAMS');
  }
}

export function oneLine(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

/** If a literal, identifier, comment or dollar-quoted body starts at `i`, the index just past it; else `i`. */
function skipQuoted(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'" || c === '"') {
    let j = i + 1;
    while (j < sql.length) {
      if (sql[j] === c) {
        if (sql[j + 1] === c)
          j += 2; // '' or "" escapes the quote
        else return j + 1;
      } else j += 1;
    }
    return sql.length;
  }
  if (c === '-' && sql[i + 1] === '-') {
    const nl = sql.indexOf('\n', i);
    return nl < 0 ? sql.length : nl + 1;
  }
  if (c === '/' && sql[i + 1] === '*') {
    const close = sql.indexOf('*/', i + 2);
    return close < 0 ? sql.length : close + 2;
  }
  if (c === '$') {
    const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
    if (tag && !(i > 0 && /[A-Za-z0-9_]/.test(sql[i - 1]))) {
      const close = sql.indexOf(tag[0], i + tag[0].length);
      return close < 0 ? sql.length : close + tag[0].length;
    }
  }
  return i;
}

// Growing typed-array columns: one rule for every per-packet or per-item column of the engine.

export type TypedColumn = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float64Array;

/** `a` itself when it holds at least `minLength` items, else a copy in an array twice as large (or more, if needed). */
export function grown<T extends TypedColumn>(a: T, minLength: number): T {
  if (minLength <= a.length) return a;
  let cap = Math.max(16, a.length * 2);
  while (cap < minLength) cap *= 2;
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}

/**
 * A copy of the first `length` items of `a` when that gives back more than an eighth of it; else `a` itself (the copy
 * would cost more time than the room is worth).
 */
export function trimmed<T extends TypedColumn>(a: T, length: number): T {
  const keep = Math.max(0, length);
  return (a.length - keep) * 8 <= a.length ? a : (a.slice(0, keep) as T);
}

// Growing typed-array columns: one rule for every per-packet or per-item column of the engine.

export type TypedColumn = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

/** `a` itself when it holds at least `minLength` items, else a copy in an array twice as large (or more, if needed). */
export function grown<T extends TypedColumn>(a: T, minLength: number): T {
  if (minLength <= a.length) return a;
  let cap = Math.max(16, a.length * 2);
  while (cap < minLength) cap *= 2;
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}

/** `a` itself when it holds at most `length` items, else a copy of its first `length` (spare room given back). */
export function trimmed<T extends TypedColumn>(a: T, length: number): T {
  return length >= a.length ? a : (a.slice(0, Math.max(0, length)) as T);
}

import { type TLiteral, type TUnion, Type } from '@sinclair/typebox';

/** A schema for one of the given strings, whose static type is their union (not plain string). */
export function literals<const T extends readonly string[]>(values: T): TUnion<TLiteral<T[number]>[]> {
  return Type.Union(values.map((v) => Type.Literal(v))) as TUnion<TLiteral<T[number]>[]>;
}

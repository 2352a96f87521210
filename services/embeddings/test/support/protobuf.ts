/**
 * The few protobuf wire-format writers the tiny ONNX model needs (varints, length-delimited fields,
 * packed floats), so tests need no protobuf library or .proto file.
 */
export type Field = Buffer;

function varint(value: number | bigint): Buffer {
  let v = BigInt(value);
  if (v < 0n) v += 1n << 64n;
  const bytes: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (v > 0n);
  return Buffer.from(bytes);
}

const key = (field: number, wireType: number): Buffer => varint((field << 3) | wireType);

/** A varint field (int32, int64, enum). */
export const int = (field: number, value: number | bigint): Field => Buffer.concat([key(field, 0), varint(value)]);

/** A length-delimited field holding raw bytes (a nested message, bytes, packed values). */
export const bytes = (field: number, value: Buffer): Field => Buffer.concat([key(field, 2), varint(value.length), value]);

/** A string field. */
export const str = (field: number, value: string): Field => bytes(field, Buffer.from(value, 'utf8'));

/** A nested message made of fields. */
export const msg = (field: number, ...fields: Field[]): Field => bytes(field, Buffer.concat(fields));

/** Packed repeated int64. */
export const packedInts = (field: number, values: number[]): Field => bytes(field, Buffer.concat(values.map((v) => varint(v))));

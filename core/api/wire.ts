/**
 * JSON transport for the web host: Uint8Array values (frame JPEGs) travel as `{ $bytes: base64 }`
 * and are rebuilt on the other side. No Node imports: the browser client uses it too.
 */

const BYTES_KEY = '$bytes';

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunkSize = 0x8000;
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + chunkSize));
  }
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Serialises a value to JSON, wrapping byte arrays. `encodeBytes` lets Node use Buffer. */
export function toWireJson(value: unknown, encodeBytes: (bytes: Uint8Array) => string = bytesToBase64): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key: string, current: unknown) {
    // JSON.stringify has already called toJSON on Buffers; read the raw value from the holder.
    const raw = key === '' ? current : this[key];
    if (raw instanceof Uint8Array) return { [BYTES_KEY]: encodeBytes(raw) };
    return current;
  });
}

/** Parses wire JSON, turning `{ $bytes }` objects back into Uint8Array. */
export function fromWireJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      typeof (value as Record<string, unknown>)[BYTES_KEY] === 'string' &&
      Object.keys(value).length === 1
    ) {
      return base64ToBytes((value as Record<string, string>)[BYTES_KEY]);
    }
    return value;
  });
}

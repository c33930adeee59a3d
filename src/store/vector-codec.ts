/**
 * Float32 vectors to and from SQLite BLOBs (little-endian, the host order on every supported
 * platform). Reading copies into a fresh, aligned Float32Array.
 */

/** The bytes of `vector`, without copying. */
export function vectorToBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

/** A new Float32Array holding the floats of `blob`. */
export function blobToVector(blob: Uint8Array): Float32Array {
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float32Array(copy.buffer, 0, Math.floor(blob.byteLength / 4));
}

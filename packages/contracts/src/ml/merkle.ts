import { fromHex, sha256, toHex } from './sha256';

/**
 * Merkle root over the ordered chain of checkpoint hashes (RFC 6962 style: leaves and inner nodes are
 * hashed with different prefixes so a leaf can never pass for a node; an odd node is promoted unchanged).
 * Reordering, dropping, adding or altering any checkpoint changes the root.
 */
export function merkleRoot(leafHashesHex: readonly string[]): string {
  if (leafHashesHex.length === 0) return toHex(sha256(new Uint8Array(0)));
  let level = leafHashesHex.map((hex) => sha256(prefixed(0x00, fromHex(hex))));
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i]!;
      const right = level[i + 1];
      next.push(right ? sha256(prefixed(0x01, left, right)) : left);
    }
    level = next;
  }
  return toHex(level[0]!);
}

function prefixed(prefix: number, ...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(1 + parts.reduce((n, p) => n + p.length, 0));
  out[0] = prefix;
  let offset = 1;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

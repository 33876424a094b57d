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

/**
 * The same root, kept incrementally: the roots of the perfect subtrees the leaves so far form (one per
 * set bit of `size`, largest first). Appending is O(log n) and the frontier holds at most 53 hashes, so a
 * workflow can carry it through continue-as-new instead of every checkpoint record.
 */
export interface MerkleFrontier {
  size: number;
  nodes: string[];
}

export const emptyMerkleFrontier = (): MerkleFrontier => ({ size: 0, nodes: [] });

export function merkleAppend(frontier: MerkleFrontier, leafHashHex: string): MerkleFrontier {
  const nodes = [...frontier.nodes];
  let node = sha256(prefixed(0x00, fromHex(leafHashHex)));
  // Like a binary counter: each trailing 1-bit of `size` is a subtree of that height waiting for a sibling.
  for (let size = frontier.size; size % 2 === 1; size = Math.floor(size / 2)) {
    node = sha256(prefixed(0x01, fromHex(nodes.pop()!), node));
  }
  nodes.push(toHex(node));
  return { size: frontier.size + 1, nodes };
}

/** Equals `merkleRoot` of the leaves appended so far. */
export function merkleFrontierRoot(frontier: MerkleFrontier): string {
  if (frontier.size === 0) return merkleRoot([]);
  let acc = fromHex(frontier.nodes.at(-1)!);
  for (let i = frontier.nodes.length - 2; i >= 0; i--) acc = sha256(prefixed(0x01, fromHex(frontier.nodes[i]!), acc));
  return toHex(acc);
}
